import IDTrailModel
import Testing

@testable import IDTrailAnalysis

/// The identity graph and `EventPeople` recognise repeated lists by their storage: the answers
/// must not depend on whether events share one array or hold equal copies.
@Suite struct SharedIdentifierListTests {
  private static let named = ScenarioLog.ids([(.email, "bea@example.com"), (.displayName, "Bee")])
  private static let renamed = ScenarioLog.ids([(.email, "bea@example.com"), (.displayName, "Bea")])
  private static let first = ScenarioLog.ids([(.email, "cy@example.com"), (.gitlabUserID, "1")])
  private static let clashing = ScenarioLog.ids([(.email, "cy@example.com"), (.gitlabUserID, "2")])
  private static let nameOnly = ScenarioLog.ids([(.displayName, "Ghost")])

  /// Events naming the lists above, in this order; with `shared`, each list's events share one
  /// array, otherwise each event holds a copy of its own.
  private static func trail(shared: Bool) -> Trail {
    let lists = [named, named, renamed, named, first, clashing, clashing, nameOnly, renamed, nameOnly, []]
    let events = lists.enumerated().map { index, list in
      let subject = shared ? list : list.map { $0 }
      return IdentityEvent(
        time: ScenarioLog.time("2026-01-05T08:00:00Z").adding(seconds: Double(index)),
        originalTime: "", source: .gitlabAuditStream, stage: .gitlab, nativeID: nil,
        locator: .line(index + 1, in: "stream.ndjson"), action: .accountUpdate, rawAction: "test",
        subject: subject, actor: index == 3 ? Actor(kind: .person, identifiers: subject) : .system,
        channel: .unknown)
    }
    return Trail(events: events)
  }

  @Test func sharedAndCopiedListsGiveOneAnswer() throws {
    var answers: [String] = []
    for shared in [true, false] {
      let trail = Self.trail(shared: shared)
      let graph = IdentityGraph(trail: trail)
      let people = EventPeople(trail: trail, graph: graph)
      let bea = try #require(graph.person(for: try ScenarioLog.id(.email, "bea@example.com")))
      let cy = try #require(graph.person(for: try ScenarioLog.id(.email, "cy@example.com")))
      let two = try #require(graph.person(for: try ScenarioLog.id(.gitlabUserID, "2")))
      // Named four times as Bee (once as the actor), twice as Bea.
      #expect(bea.displayName == "Bee")
      #expect(graph.people.count == 3)
      // The clashing list is refused each time it is read.
      #expect(
        graph.conflicts.map(\.provenance.locator.description) == ["stream.ndjson:6", "stream.ndjson:7"])
      let expectedSubjects: [PersonID?] = [
        bea.id, bea.id, bea.id, bea.id, cy.id, min(cy.id, two.id), min(cy.id, two.id), nil, bea.id, nil,
        nil,
      ]
      #expect(Array(people.subjectOf) == expectedSubjects)
      #expect(Array(people.actorOf) == [nil, nil, nil, bea.id, nil, nil, nil, nil, nil, nil, nil])
      #expect(people.subjectEvents[bea.id] == [0, 1, 2, 3, 8])
      #expect(people.actorOnlyEvents.isEmpty)
      answers.append("\(graph.people) \(graph.joins) \(people.subjectEvents.sorted { $0.key < $1.key })")
    }
    #expect(answers[0] == answers[1])
  }

  @Test func addressTableFindsWhatItStoredAcrossGrowth() {
    var table = ListAddressTable()
    let lists = (0..<5000).map { ScenarioLog.ids([(.gitlabUserID, "\($0)")]) }
    for (index, list) in lists.enumerated() {
      table.set(Int32(index), at: ListAddressTable.address(of: list))
    }
    table.set(-1, at: ListAddressTable.address(of: lists[7]))
    let copy = lists[9]
    #expect(table.value(at: ListAddressTable.address(of: copy)) == 9)
    #expect(table.value(at: ListAddressTable.address(of: lists[7])) == -1)
    let misses = lists.indices.filter { index in
      index != 7 && table.value(at: ListAddressTable.address(of: lists[index])) != Int32(index)
    }
    #expect(misses.isEmpty)
    // Equal contents in storage of its own: not found.
    #expect(table.value(at: ListAddressTable.address(of: lists[9].map { $0 })) == nil)
  }
}
