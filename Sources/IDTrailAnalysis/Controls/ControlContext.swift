import IDTrailModel

/// Everything a control looks at: the analysis (trail, identity graph, correlation) under one
/// policy, the period, and what the inputs cover; with the indexes controls share.
///
/// Controls judge the window from the period's start to its end, or to `now` when that comes
/// first: nothing after the window is evidence (an effect after it did not happen "by the period's
/// end").
public struct ControlContext: Sendable {
  public let trail: Trail
  public let graph: IdentityGraph
  public let correlation: Correlation
  public let policy: Policy
  /// The period as asked.
  public let period: TimeSpan
  /// When the evaluation runs (`--now`); later instants are not judged.
  public let now: Timestamp
  /// From the period's start to its end, or to `now` when that is earlier (never before the start).
  public let window: TimeSpan
  public let coverage: EvidenceCoverage
  /// Point-in-time access over the same trail, with undated snapshots at the window's end: the
  /// caller's, or one built here.
  public let accessReplay: AccessReplay

  /// The person each trail event is about, by event index.
  let subjectOf: EventPersonColumn
  /// The person who acted (person actors only), by event index.
  let actorOf: EventPersonColumn
  /// Each person's events as the subject, by event index in trail order.
  let subjectEvents: [PersonID: [Int]]
  /// Each person's events as the actor where someone else (or nobody known) is the subject.
  let actorOnlyEvents: [PersonID: [Int]]
  /// The action and stage of each trail event, by event index: a control after a few actions, or
  /// a person's stages, reads a byte per event here, not each event's memory in the trail (144
  /// bytes).
  let actions: [Action]
  let stages: [Stage]
  private let episodesByPerson: [PersonID: [Episode]]
  private let stepKeys: Set<String>

  /// - Parameters:
  ///   - sources: inputs as the caller read them (with their coverage); they are merged with the
  ///     inputs the trail's records name, so an input that yielded nothing still shows as given.
  ///   - accessReplay: the access replay the caller built for its access review, if any, so it is
  ///     not built twice; it must come from the same trail, with undated snapshots at the window's
  ///     end.
  ///   - eventPeople: the person each event names, when the caller has worked it out already.
  public init(
    trail: Trail, graph: IdentityGraph, correlation: Correlation, policy: Policy, period: TimeSpan,
    now: Timestamp, sources: [EvidenceSource] = [], accessReplay: AccessReplay? = nil,
    eventPeople: EventPeople? = nil
  ) {
    let end = max(period.start, min(period.end, now))
    self.accessReplay =
      accessReplay ?? AccessReplay(trail: trail, graph: graph, policy: policy, undatedSnapshotsAt: end)
    self.trail = trail
    self.graph = graph
    self.correlation = correlation
    self.policy = policy
    self.period = period
    self.now = now
    window = TimeSpan(start: period.start, end: end)
    let derived = EvidenceSource.sources(in: trail, undatedAt: end)
    coverage = EvidenceCoverage(
      sources: EvidenceSource.merged(derived + sources), window: window,
      gapLimitSeconds: policy.coverageGapLimitHours * 3600)
    let people = eventPeople ?? EventPeople(trail: trail, graph: graph)
    subjectOf = people.subjectOf
    actorOf = people.actorOf
    subjectEvents = people.subjectEvents
    actorOnlyEvents = people.actorOnlyEvents
    (actions, stages) = trail.events.withUnsafeBufferPointer { events in
      // One pass, each field read through the buffer (an event taken by value is copied whole).
      var actions: [Action] = []
      var stages: [Stage] = []
      actions.reserveCapacity(events.count)
      stages.reserveCapacity(events.count)
      for index in events.indices {
        actions.append(events[index].action)
        stages.append(events[index].stage)
      }
      return (actions, stages)
    }
    episodesByPerson = Dictionary(grouping: correlation.episodes, by: \.person)
    stepKeys = Set(correlation.episodes.flatMap { $0.steps.map(Self.stepKey) })
  }

  // MARK: - People

  /// How findings name a person.
  public func person(_ id: PersonID?) -> FindingPerson? {
    id.flatMap { graph.person($0) }.map(FindingPerson.init)
  }

  /// Service account, break-glass account, or a person, as the policy lists them.
  func accountClass(_ id: PersonID?) -> AccountClass {
    guard let person = id.flatMap({ graph.person($0) }) else { return .person }
    return policy.accountClass(of: person)
  }

  /// Who acted on an event, for summaries: the person's label, else what the record says.
  func actorLabel(_ index: Int) -> String {
    let event = trail.events[index]
    if let actor = person(actorOf[index]) { return actor.label }
    switch event.actor.kind {
    case .person, .unknown:
      let identifiers = event.actor.identifiers
      let named =
        identifiers.first { $0.kind == .email } ?? identifiers.first { $0.kind == .gitlabUsername }
        ?? identifiers.first
      return named?.value ?? "an unknown actor"
    case .system: return "GitLab (system)"
    case .unauthenticated: return "an unauthenticated caller"
    case .provisioningClient: return "the SCIM client"
    case .deployToken: return "a deploy token"
    case .deployKey: return "a deploy key"
    }
  }

  /// The record's subject for summaries when the graph names nobody.
  func subjectLabel(_ index: Int) -> String {
    if let subject = person(subjectOf[index]) { return subject.label }
    return trail.events[index].subject.first?.value ?? "an unnamed account"
  }

  // MARK: - Episodes

  /// Leaver episodes that opened inside the window, in time order.
  var leavers: [Episode] {
    correlation.episodes.filter { $0.kind == .leaver && window.contains($0.opened) }
  }

  /// When a leaver came back: the next joiner of the same person after the leaver opened.
  func reactivation(after leaver: Episode) -> Timestamp? {
    episodesByPerson[leaver.person]?.filter { $0.kind == .joiner && $0.opened > leaver.opened }
      .map(\.opened).min()
  }

  /// A leaver's GitLab effect, if it happened inside the window.
  func effect(of leaver: Episode) -> EpisodeStep? {
    leaver.effect.flatMap { $0.time <= window.end ? $0 : nil }
  }

  /// Whether a trail event is a step of some episode.
  func isEpisodeStep(_ event: IdentityEvent) -> Bool {
    stepKeys.contains("\(event.locator)|\(event.time.nanosecondsSinceEpoch)|\(event.action.rawValue)")
  }

  /// The trail index of the event a reference cites.
  func index(of reference: EventReference) -> Int? {
    let events = trail.events
    var index = events.partitioningIndex { $0.time >= reference.time }
    while index < events.count, events[index].time == reference.time {
      if events[index].locator == reference.locator && events[index].action == reference.action {
        return index
      }
      index += 1
    }
    return nil
  }

  /// A person's episodes, in time order.
  func episodes(of person: PersonID) -> [Episode] {
    episodesByPerson[person] ?? []
  }

  private static func stepKey(_ step: EpisodeStep) -> String {
    "\(step.locator)|\(step.time.nanosecondsSinceEpoch)|\(step.action.rawValue)"
  }

  /// A person's events as subject or actor, in trail order.
  func events(involving person: PersonID) -> [Int] {
    ((subjectEvents[person] ?? []) + (actorOnlyEvents[person] ?? [])).sorted()
  }

  /// Indices of trail events inside the window, in trail order.
  var windowIndices: Range<Int> {
    let events = trail.events
    let lower = events.partitioningIndex { $0.time >= window.start }
    let upper = events.partitioningIndex { $0.time > window.end }
    return lower..<max(lower, upper)
  }
}

extension Array {
  /// The first index whose element satisfies `predicate`, for a predicate that is false then true
  /// along the array.
  func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if predicate(self[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
