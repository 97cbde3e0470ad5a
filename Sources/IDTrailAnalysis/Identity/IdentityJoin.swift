import IDTrailModel

/// Two identifiers found to belong to one person, and the record that says so.
public struct IdentityJoin: Sendable, Hashable, Codable {
  public var from: Identifier
  public var to: Identifier
  public var provenance: JoinProvenance
}
