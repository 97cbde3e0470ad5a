import IDTrailModel

/// The analysis of one set of inputs under one policy: the trail, who is who, and what happened
/// to each person (DESIGN §1, from Trail to Correlator).
///
/// This is the entry point the report and the command line build on:
/// `Analysis(events: decoded.flatMap(\.events), facts: decoded.flatMap(\.facts), policy: policy)`.
public struct Analysis: Sendable {
  public let policy: Policy
  public let trail: Trail
  public let graph: IdentityGraph
  public let correlation: Correlation

  /// - Parameters:
  ///   - until: evidence after this instant (the period's end) is left out, so an episode whose
  ///     effect came later is `incomplete`.
  public init(
    events: [IdentityEvent], facts: [StateFact] = [], policy: Policy = .default, until: Timestamp? = nil
  ) {
    self.init(trail: Trail(events: events, facts: facts), policy: policy, until: until)
  }

  public init(trail: Trail, policy: Policy = .default, until: Timestamp? = nil) {
    let trail = until.map { trail.truncated(after: $0) } ?? trail
    self.policy = policy
    self.trail = trail
    self.graph = IdentityGraph(trail: trail, mappings: policy.identifierMappings)
    self.correlation = Correlator(policy: policy).correlate(trail, graph: graph)
  }

  /// Point-in-time access over the same evidence.
  ///
  /// - Parameter undatedSnapshotsAt: when snapshots without their own time were taken.
  public func accessReplay(undatedSnapshotsAt: Timestamp? = nil) -> AccessReplay {
    AccessReplay(trail: trail, graph: graph, policy: policy, undatedSnapshotsAt: undatedSnapshotsAt)
  }
}
