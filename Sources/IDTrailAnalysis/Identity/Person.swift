import IDTrailModel

/// One person as the identity graph resolved them: every identifier that records tie together.
public struct Person: Sendable, Hashable, Codable, Identifiable {
  public var id: PersonID
  /// The display name records give most often (ties: the alphabetically first), or the best
  /// identifier when no record names the person.
  public var displayName: String
  /// The person's email addresses, sorted.
  public var emails: [String]
  /// Every identifier, display names included, sorted by kind and value.
  public var identifiers: [PersonIdentifier]

  public init(id: PersonID, displayName: String, identifiers: [PersonIdentifier]) {
    self.id = id
    self.displayName = displayName
    self.identifiers = identifiers.sorted()
    self.emails = self.identifiers.filter { $0.kind == .email }.map(\.value)
  }

  /// The values of one kind, sorted.
  public func values(of kind: IdentifierKind) -> [String] {
    identifiers.filter { $0.kind == kind }.map(\.value)
  }

  /// The identifiers that are not display names.
  public var strongIdentifiers: [Identifier] {
    identifiers.map(\.identifier).filter(\.kind.isStrong)
  }

  /// The first email, GitLab username or other identifier a reader recognises, for short labels.
  public var label: String {
    IdentifierLabel.best(identifiers.map(\.identifier)) ?? id.rawValue
  }
}
