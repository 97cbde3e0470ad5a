import IDTrailModel

/// The analysis of one set of inputs under one policy: the trail, who is who, and what happened
/// to each person (DESIGN §1, from Trail to Correlator).
///
/// This is the entry point the report and the command line build on: hand it the decoded inputs'
/// events without copying them, `var runs = decoded.indices.flatMap { decoded[$0].takeEventRuns() }`,
/// then `Analysis(eventGroups: &runs, facts: decoded.flatMap(\.facts), policy: policy)`.
public struct Analysis: Sendable {
  public let policy: Policy
  public let trail: Trail
  public let graph: IdentityGraph
  /// The person each trail event names.
  public let eventPeople: EventPeople
  public let correlation: Correlation

  /// - Parameters:
  ///   - until: evidence after this instant (the period's end) is left out, so an episode whose
  ///     effect came later is `incomplete`.
  public init(
    events: consuming [IdentityEvent], facts: [StateFact] = [], policy: Policy = .default,
    until: Timestamp? = nil
  ) {
    self.init(trail: Trail(events: events, facts: facts), policy: policy, until: until)
  }

  /// The analysis of the events of `eventGroups` (one group per input, say), which it takes over
  /// and leaves empty.
  public init(
    eventGroups: inout [[IdentityEvent]], facts: [StateFact] = [], policy: Policy = .default,
    until: Timestamp? = nil
  ) {
    self.init(trail: Trail(eventGroups: &eventGroups, facts: facts), policy: policy, until: until)
  }

  public init(trail: consuming Trail, policy: Policy = .default, until: Timestamp? = nil) {
    var trail = trail
    if let until { trail.truncate(after: until) }
    self.policy = policy
    self.trail = trail
    self.graph = IdentityGraph(trail: trail, mappings: policy.identifierMappings)
    self.eventPeople = EventPeople(trail: trail, graph: graph)
    self.correlation = Correlator(policy: policy).correlate(trail, graph: graph, people: eventPeople)
  }

  /// Point-in-time access over the same evidence.
  ///
  /// - Parameter undatedSnapshotsAt: when snapshots without their own time were taken.
  public func accessReplay(undatedSnapshotsAt: Timestamp? = nil) -> AccessReplay {
    AccessReplay(trail: trail, graph: graph, policy: policy, undatedSnapshotsAt: undatedSnapshotsAt)
  }
}
