import IDTrailModel

/// The trail indexed by person, shared by every person's correlation.
struct CorrelationContext {
  let events: [IdentityEvent]
  let facts: [StateFact]
  let policy: Policy
  /// What each event can play, by event index.
  let traits: [EventTraits]
  /// Each event's time, by event index.
  let times: [Timestamp]
  /// The person each event is about, by event index.
  let subjectOf: EventPersonColumn
  /// The person who acted, by event index (only for person actors).
  let actorOf: EventPersonColumn
  /// Each person's events as the subject, in trail order.
  let subjectEvents: [PersonID: [Int]]
  /// Each person's events as the actor where someone else is the subject, in trail order.
  let actorOnlyEvents: [PersonID: [Int]]
  /// Each person's GitLab account-state snapshots saying the account cannot sign in, by time.
  let disabledAccountFacts: [PersonID: [(fact: StateFact, state: String, time: Timestamp)]]

  init(trail: Trail, graph: IdentityGraph, policy: Policy, people: EventPeople) {
    events = trail.events
    facts = trail.facts
    self.policy = policy
    var traits: [EventTraits] = []
    var times: [Timestamp] = []
    traits.reserveCapacity(events.count)
    times.reserveCapacity(events.count)
    let classifier = SignalClassifier(policy: policy)
    // The classifier reads the fields it needs through a pointer: an event passed whole was copied.
    trail.events.withUnsafeBufferPointer { events in
      guard let first = events.baseAddress else { return }
      for index in events.indices {
        traits.append(classifier.traits(ofEventAt: first + index))
        times.append(events[index].time)
      }
    }
    self.traits = traits
    self.times = times
    subjectOf = people.subjectOf
    actorOf = people.actorOf
    subjectEvents = people.subjectEvents
    actorOnlyEvents = people.actorOnlyEvents
    var disabled: [PersonID: [(fact: StateFact, state: String, time: Timestamp)]] = [:]
    for fact in facts where fact.source.rawValue.hasPrefix("gitlab.") {
      guard case .accountState(let state, let canSignIn) = fact.claim, !canSignIn, let time = fact.asOf,
        let person = graph.personID(for: fact.subject)
      else { continue }
      disabled[person, default: []].append((fact, state, time))
    }
    disabledAccountFacts = disabled
  }

  var skewSeconds: Double { policy.clockSkewSeconds }

  func window(for kind: Episode.Kind) -> Double {
    switch kind {
    case .leaver: return policy.matchingWindows.leaverHours * 3600
    case .joiner: return policy.matchingWindows.joinerHours * 3600
    case .mover: return policy.matchingWindows.moverHours * 3600
    }
  }

  /// The position in `indices` (event indices in trail order) of the first event at or after `time`.
  func firstPosition(in indices: [Int], atOrAfter time: Timestamp) -> Int {
    var low = 0
    var high = indices.count
    while low < high {
      let middle = (low + high) / 2
      if times[indices[middle]] < time { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
