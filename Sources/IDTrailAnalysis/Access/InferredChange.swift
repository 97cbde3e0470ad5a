import IDTrailModel

/// A membership or privilege change no log records, implied by two snapshots that disagree.
public struct InferredChange: Sendable, Hashable, Codable {
  public var person: PersonID
  public var resource: Resource
  /// The role before (nil: not a member), as the earlier snapshot and the logged changes say.
  public var before: String?
  /// The role after (nil: not a member), as the later snapshot says.
  public var after: String?
  /// The change happened after this instant.
  public var notBefore: Timestamp
  /// The change happened at or before this instant.
  public var notAfter: Timestamp
  /// The two snapshots.
  public var basis: [Locator]
}
