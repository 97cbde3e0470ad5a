import IDTrailModel

/// One of a person's identifiers, with the record that first joined it to them.
public struct PersonIdentifier: Sendable, Hashable, Comparable, Codable {
  public var identifier: Identifier
  /// The first record (in trail order) that stated this identifier for this person.
  public var learnedFrom: Locator
  public var source: FormatID
  public var rule: JoinRule

  public init(identifier: Identifier, provenance: JoinProvenance) {
    self.identifier = identifier
    self.learnedFrom = provenance.locator
    self.source = provenance.source
    self.rule = provenance.rule
  }

  public var kind: IdentifierKind { identifier.kind }
  public var value: String { identifier.value }

  public static func < (lhs: PersonIdentifier, rhs: PersonIdentifier) -> Bool {
    lhs.identifier < rhs.identifier
  }

  private enum CodingKeys: String, CodingKey {
    case kind, value, learnedFrom, source, rule
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try container.decode(IdentifierKind.self, forKey: .kind)
    let value = try container.decode(String.self, forKey: .value)
    guard let identifier = Identifier(kind, value) else {
      throw DecodingError.dataCorruptedError(
        forKey: .value, in: container, debugDescription: "empty identifier")
    }
    self.identifier = identifier
    learnedFrom = try container.decode(Locator.self, forKey: .learnedFrom)
    source = try container.decode(FormatID.self, forKey: .source)
    rule = try container.decode(JoinRule.self, forKey: .rule)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(kind, forKey: .kind)
    try container.encode(value, forKey: .value)
    try container.encode(learnedFrom, forKey: .learnedFrom)
    try container.encode(source, forKey: .source)
    try container.encode(rule, forKey: .rule)
  }
}
