/// How far apart in time events may be and still belong together (DESIGN §5).
public struct MatchingWindows: Sendable, Hashable, Codable {
  /// After a leaver episode opens, how long its SCIM call and GitLab effect are looked for.
  ///
  /// A later effect is not matched, and the episode is `incomplete`.
  public var leaverHours: Double = 720
  /// After a joiner episode opens, how long its SCIM create and GitLab account are looked for.
  public var joinerHours: Double = 720
  /// After an upstream group change, how long the GitLab role change is looked for.
  public var moverHours: Double = 72
  /// How long before a GitLab change by a person an upstream event for them still explains it.
  ///
  /// Without such an event, the change is drift.
  public var upstreamCauseHours: Double = 24

  public init() {}
}
