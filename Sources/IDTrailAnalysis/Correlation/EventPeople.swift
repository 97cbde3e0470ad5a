import IDTrailModel

/// The person each trail event names, as subject and as actor, worked out once and shared by the
/// correlator and the controls.
public struct EventPeople: Sendable {
  /// The person each event is about, by event index.
  public let subjectOf: EventPersonColumn
  /// The person who acted (person actors only), by event index.
  public let actorOf: EventPersonColumn
  /// Each person's events as the subject, by event index in trail order.
  public let subjectEvents: [PersonID: [Int]]
  /// Each person's events as the actor where someone else (or nobody known) is the subject.
  public let actorOnlyEvents: [PersonID: [Int]]

  /// - Parameter graph: the graph built from `trail`.
  public init(trail: Trail, graph: IdentityGraph) {
    let count = trail.events.count
    // People by their index in `graph.people`, -1 for nobody. The graph answers for every list it
    // read without a conflict; the rest (lists with a conflict or without a strong identifier,
    // failed sign-ins) are few, and each distinct list is resolved once.
    var subjects = graph.settledSubjectPeople
    var actors = graph.settledActorPeople
    if subjects.count != count || actors.count != count {
      subjects = Array(repeating: -1, count: count)
      actors = Array(repeating: -1, count: count)
    }
    var resolvedByStorage = ListAddressTable()
    var resolved: [[Identifier]: Int32] = [:]
    func person(_ identifiers: [Identifier]) -> Int32 {
      let storage = ListAddressTable.address(of: identifiers)
      if let known = resolvedByStorage.value(at: storage) { return known }
      let person: Int32
      if let known = resolved[identifiers] {
        person = known
      } else {
        person = graph.personIndex(for: identifiers).map(Int32.init) ?? -1
        resolved[identifiers] = person
      }
      resolvedByStorage.set(person, at: storage)
      return person
    }
    // Where the actor is also the subject, the event is listed once, as the subject's.
    var actorsOnly = [Int32](repeating: -1, count: count)
    trail.events.withUnsafeBufferPointer { events in
      for index in events.indices {
        if subjects[index] < 0 { subjects[index] = person(events[index].subject) }
        if events[index].actor.kind == .person, actors[index] < 0 {
          actors[index] = person(events[index].actor.identifiers)
        }
        if actors[index] != subjects[index] { actorsOnly[index] = actors[index] }
      }
    }
    let ids = graph.people.map(\.id)
    self.subjectOf = EventPersonColumn(numbers: subjects, ids: ids)
    self.actorOf = EventPersonColumn(numbers: actors, ids: ids)
    self.subjectEvents = Self.eventsByPerson(subjects, ids: ids)
    self.actorOnlyEvents = Self.eventsByPerson(actorsOnly, ids: ids)
  }

  /// The event indices of each person in `personOf` (an index into `ids` per event, -1 for
  /// nobody), in ascending order: a counting sort into one flat array, then one list per person.
  private static func eventsByPerson(_ personOf: [Int32], ids: [PersonID]) -> [PersonID: [Int]] {
    var starts = [Int](repeating: 0, count: ids.count + 1)
    for person in personOf where person >= 0 { starts[Int(person) + 1] += 1 }
    var listed = 0
    for person in ids.indices {
      if starts[person + 1] > 0 { listed += 1 }
      starts[person + 1] += starts[person]
    }
    var flat = [Int](repeating: 0, count: starts[ids.count])
    var next = starts
    for (index, person) in personOf.enumerated() where person >= 0 {
      flat[next[Int(person)]] = index
      next[Int(person)] += 1
    }
    var result: [PersonID: [Int]] = [:]
    result.reserveCapacity(listed)
    for person in ids.indices where starts[person] < starts[person + 1] {
      result[ids[person]] = Array(flat[starts[person]..<starts[person + 1]])
    }
    return result
  }
}
