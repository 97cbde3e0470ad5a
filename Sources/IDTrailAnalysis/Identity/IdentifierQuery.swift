import IDTrailModel

/// An identifier as a person types it: `kind:value` (`gitlab.username:alee`) or a bare value
/// (`alee`, `ann.lee@example.com`, `00u1abcd`, `CORP\alee`) that may be of any kind.
///
/// Matching applies each kind's normalisation, so `Ann.Lee@Example.com` finds the email
/// `ann.lee@example.com` while Okta ids stay case-sensitive.
public struct IdentifierQuery: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The kind, when the text named one.
  public var kind: IdentifierKind?
  public var value: String

  public init(kind: IdentifierKind?, value: String) {
    self.kind = kind
    self.value = value
  }

  /// Reads `kind:value` when the part before the first colon is a kind's name, else a bare value.
  public init(parsing text: String) {
    if let colon = text.firstIndex(of: ":"),
      let kind = IdentifierKind(rawValue: String(text[..<colon]))
    {
      self.init(kind: kind, value: String(text[text.index(after: colon)...]))
    } else {
      self.init(kind: nil, value: text)
    }
  }

  public var description: String { kind.map { "\($0.rawValue):\(value)" } ?? value }

  /// Whether `identifier` is what this query names.
  public func matches(_ identifier: Identifier) -> Bool {
    if let kind, kind != identifier.kind { return false }
    return Identifier(identifier.kind, value) == identifier
  }

  public init(from decoder: any Decoder) throws {
    self.init(parsing: try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
