import IDTrailModel

/// The person each trail event names, as subject and as actor, worked out once and shared by the
/// correlator and the controls.
public struct EventPeople: Sendable {
  /// The person each event is about, by event index.
  public let subjectOf: [PersonID?]
  /// The person who acted (person actors only), by event index.
  public let actorOf: [PersonID?]
  /// Each person's events as the subject, by event index in trail order.
  public let subjectEvents: [PersonID: [Int]]
  /// Each person's events as the actor where someone else (or nobody known) is the subject.
  public let actorOnlyEvents: [PersonID: [Int]]

  /// - Parameter graph: the graph built from `trail`.
  public init(trail: Trail, graph: IdentityGraph) {
    var subjectOf: [PersonID?] = []
    var actorOf: [PersonID?] = []
    subjectOf.reserveCapacity(trail.events.count)
    actorOf.reserveCapacity(trail.events.count)
    var subjectEvents: [PersonID: [Int]] = [:]
    var actorOnlyEvents: [PersonID: [Int]] = [:]
    // Records repeat the same identifiers many times; each distinct list is resolved once.
    // The graph answers for every list it read without a conflict; the rest (lists with a
    // conflict or without a strong identifier, failed sign-ins) are few, and resolved once each.
    var resolved: [[Identifier]: PersonID?] = [:]
    func person(_ identifiers: [Identifier]) -> PersonID? {
      if let known = resolved[identifiers] { return known }
      let person = graph.personID(for: identifiers)
      resolved[identifiers] = person
      return person
    }
    trail.events.withUnsafeBufferPointer { events in
      for index in events.indices {
        let subject = graph.settledPerson(ofEvent: index, actor: false) ?? person(events[index].subject)
        let actor =
          events[index].actor.kind == .person
          ? graph.settledPerson(ofEvent: index, actor: true) ?? person(events[index].actor.identifiers) : nil
        subjectOf.append(subject)
        actorOf.append(actor)
        if let subject { subjectEvents[subject, default: []].append(index) }
        if let actor, actor != subject { actorOnlyEvents[actor, default: []].append(index) }
      }
    }
    self.subjectOf = subjectOf
    self.actorOf = actorOf
    self.subjectEvents = subjectEvents
    self.actorOnlyEvents = actorOnlyEvents
  }
}
