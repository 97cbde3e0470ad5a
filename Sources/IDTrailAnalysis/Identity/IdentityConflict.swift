import IDTrailModel

/// A join that was refused because it would give one person two different strong identifiers of one
/// kind (two GitLab user ids, two Okta ids, two emails).
///
/// The two sides stay separate people; the conflict is listed so someone can look at the record.
public struct IdentityConflict: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The kind both sides hold with different values.
  public var kind: IdentifierKind
  /// The value the first side already holds.
  public var existing: Identifier
  /// The value the second side holds.
  public var incoming: Identifier
  /// The two identifiers the record tried to join.
  public var joining: [Identifier]
  public var provenance: JoinProvenance

  public var description: String {
    "refused to join \(joining.map(\.description).joined(separator: " and ")) "
      + "(\(provenance.rule) at \(provenance.locator)): it would give one person both \(existing) and \(incoming)"
  }
}
