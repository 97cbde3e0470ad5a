import IDTrailModel

/// Which identifiers belong to one person, and why (DESIGN §4).
///
/// Identifiers are joined only when one record states them together: the subject of one event,
/// the actor of one event (when a person), the subject of one state fact; and where a policy
/// identifier-mapping rule derives one identifier from another in the same record. Display names
/// never join anything: they are attached to the person the record's other identifiers resolve
/// to. A join that would give one person two different strong identifiers of one kind is refused
/// and listed in `conflicts`.
///
/// Records are read in trail order (time, source, locator), so the result, person ids included,
/// does not depend on the order inputs were given.
public struct IdentityGraph: Sendable {
  /// Everyone found, sorted by id.
  public private(set) var people: [Person] = []
  /// Every accepted join, in the order the records were read.
  public private(set) var joins: [IdentityJoin] = []
  /// Every refused join, in the order the records were read.
  public private(set) var conflicts: [IdentityConflict] = []

  private var personIndexByIdentifier: [Identifier: Int] = [:]
  private var personIndexByID: [PersonID: Int] = [:]
  private var joinIndicesByPerson: [Int: [Int]] = [:]
  /// Per trail event, the index in `people` of the person its subject (actor) names, where the
  /// graph read that list without a conflict; -1 where it did not (`EventPeople` works it out).
  /// Valid for the trail the graph was built from.
  private(set) var settledSubjectPeople: [Int32] = []
  private(set) var settledActorPeople: [Int32] = []

  /// Builds the graph from every event and fact of `trail`.
  ///
  /// - Parameter mappings: identifier-mapping rules from the policy; each derives an identifier
  ///   from one a record states and joins the two.
  public init(trail: Trail, mappings: [IdentifierMappingRule] = []) {
    var builder = Builder(mappings: mappings)
    var subjectSlot = [Int32](repeating: -1, count: trail.events.count)
    var actorSlot = [Int32](repeating: -1, count: trail.events.count)
    Self.readStatements(of: trail, into: &builder, subjectSlot: &subjectSlot, actorSlot: &actorSlot)
    self.joins = builder.joins
    self.conflicts = builder.conflicts
    let (people, personIndexBySlot) = builder.makePeople()
    self.people = people
    settledSubjectPeople = subjectSlot.map { $0 < 0 ? -1 : personIndexBySlot[Int($0)] }
    settledActorPeople = actorSlot.map { $0 < 0 ? -1 : personIndexBySlot[Int($0)] }
    for (index, person) in people.enumerated() {
      personIndexByID[person.id] = index
      for identifier in person.identifiers where identifier.kind.isStrong {
        personIndexByIdentifier[identifier.identifier] = index
      }
    }
    for (joinIndex, join) in joins.enumerated() {
      if let person = personIndexByIdentifier[join.from] {
        joinIndicesByPerson[person, default: []].append(joinIndex)
      }
    }
  }

  /// The person with this id.
  public func person(_ id: PersonID) -> Person? {
    personIndexByID[id].map { people[$0] }
  }

  /// The person holding this (strong) identifier.
  public func person(for identifier: Identifier) -> Person? {
    personIndexByIdentifier[identifier].map { people[$0] }
  }

  /// The person a record's identifiers name: the one most of its strong identifiers belong to
  /// (ties: the smallest id), or nil when none is known (display names alone name nobody).
  public func personID(for identifiers: [Identifier]) -> PersonID? {
    personIndex(for: identifiers).map { people[$0].id }
  }

  /// The index in `people` of the person `personID(for:)` answers.
  func personIndex(for identifiers: [Identifier]) -> Int? {
    var best: (index: Int, count: Int)?
    var counts: [Int: Int] = [:]
    for identifier in identifiers where identifier.kind.isStrong {
      guard let index = personIndexByIdentifier[identifier] else { continue }
      let count = counts[index, default: 0] + 1
      counts[index] = count
      if let current = best {
        if count > current.count || (count == current.count && people[index].id < people[current.index].id) {
          best = (index, count)
        }
      } else {
        best = (index, count)
      }
    }
    return best?.index
  }

  /// The people a typed identifier names: by person id, or by any identifier (display names
  /// included, so the answer may hold several people).
  public func people(matching query: IdentifierQuery) -> [Person] {
    if query.kind == nil, let index = personIndexByID[PersonID(rawValue: query.value)] {
      return [people[index]]
    }
    return people.filter { person in person.identifiers.contains { query.matches($0.identifier) } }
  }

  /// The accepted joins inside one person, in the order they were read.
  public func joins(of person: PersonID) -> [IdentityJoin] {
    guard let index = personIndexByID[person] else { return [] }
    return (joinIndicesByPerson[index] ?? []).map { joins[$0] }
  }

  /// Reads every statement of the trail (identifiers one record states together) into `builder`,
  /// in trail order, and records per event the settled slot of its subject and actor lists.
  ///
  /// Trail order is time (undated facts last), source, locator. Events and facts are each already
  /// in that order, so they are merged; an event's subject comes before its actor. The provenance
  /// is built only when the builder asks for it: most statements repeat one already read.
  private static func readStatements(
    of trail: Trail, into builder: inout Builder, subjectSlot: inout [Int32], actorSlot: inout [Int32]
  ) {
    let facts = trail.facts
    var nextFact = 0
    func readFact() {
      builder.read(facts[nextFact].subject) {
        JoinProvenance(locator: facts[nextFact].locator, source: facts[nextFact].source, rule: .factSubject)
      }
      nextFact += 1
    }
    trail.events.withUnsafeBufferPointer { events in
      func factPrecedes(_ index: Int) -> Bool {
        guard nextFact < facts.count, let time = facts[nextFact].asOf else { return false }
        if time != events[index].time { return time < events[index].time }
        if facts[nextFact].source != events[index].source {
          return facts[nextFact].source < events[index].source
        }
        return facts[nextFact].locator < events[index].locator
      }
      for index in events.indices {
        while factPrecedes(index) { readFact() }
        let actorKind = events[index].actor.kind
        // A failed sign-in names whatever login was typed; it says nothing about who exists.
        if !(events[index].action == .authFailure && actorKind == .unauthenticated) {
          // Most lists were read before in the same storage: the address alone answers (the
          // list is not copied, so its storage is not touched).
          let storage = ListAddressTable.address(of: events[index].subject)
          if let known = builder.readRepeat(at: storage) {
            subjectSlot[index] = known
          } else if let slot = builder.read(
            events[index].subject,
            provenance: {
              JoinProvenance(
                locator: events[index].locator, source: events[index].source, rule: .eventSubject)
            })
          {
            subjectSlot[index] = Int32(slot)
          }
        }
        if actorKind == .person {
          let storage = ListAddressTable.address(of: events[index].actor.identifiers)
          if let known = builder.readRepeat(at: storage) {
            actorSlot[index] = known
          } else if let slot = builder.read(
            events[index].actor.identifiers,
            provenance: {
              JoinProvenance(
                locator: events[index].locator, source: events[index].source, rule: .eventActor)
            })
          {
            actorSlot[index] = Int32(slot)
          }
        }
      }
    }
    while nextFact < facts.count { readFact() }
  }
}

extension IdentityGraph {
  /// Union-find over identifiers, refusing unions that would put two values of one strong kind
  /// in one set.
  fileprivate struct Builder {
    let mappings: [IdentifierMappingRule]
    var identifiers: [Identifier] = []
    var learned: [JoinProvenance] = []
    var parent: [Int] = []
    var size: [Int] = []
    /// Per set root: the identifier it holds for each kind (one at most, by construction).
    var kinds: [[IdentifierKind: Int]] = []
    var nodeByIdentifier: [Identifier: Int] = [:]
    /// Display names stated with a node: name → (times stated, first statement, its provenance).
    var displayNames: [Int: [String: (count: Int, first: Int, provenance: JoinProvenance)]] = [:]
    var statementCount = 0
    var joins: [IdentityJoin] = []
    var conflicts: [IdentityConflict] = []
    /// An identifier list already read without a conflict. Reading it again joins nothing new
    /// (union-find never splits a set): only its display names count once more.
    struct SettledList {
      var anchor: Int
      var names: [String]
    }
    var settled: [SettledList] = []
    /// Per settled list, the times it was read again (apart from `settled`, so that the counting
    /// of most statements touches only this small array).
    var repeats: [Int] = []
    var settledByContent: [[Identifier]: Int] = [:]
    /// Lists read before by their storage: a slot in `settled`, or `noStrong` for a list without
    /// strong identifiers (which names nobody). Events of one input share their lists, so most
    /// lookups need no hashing of identifiers.
    var byStorage = ListAddressTable()
    /// Also the "no slot" of the per-event slot lists.
    static let noStrong: Int32 = -1
    static let settledLimit = 1 << 20

    init(mappings: [IdentifierMappingRule]) {
      self.mappings = mappings
    }

    /// Reads again a statement whose list, in this storage, was read before: its slot in
    /// `settled`, or `noStrong`. Nil, and nothing read, when the storage is new to the graph.
    @inline(__always)
    mutating func readRepeat(at storage: UInt) -> Int32? {
      guard let known = byStorage.value(at: storage) else { return nil }
      statementCount += 1
      if known != Self.noStrong { repeats[Int(known)] += 1 }
      return known
    }

    /// Reads one statement; returns its list's slot in `settled` when the list joined nothing
    /// that conflicts.
    @discardableResult
    mutating func read(_ statement: [Identifier], provenance makeProvenance: () -> JoinProvenance) -> Int? {
      let storage = ListAddressTable.address(of: statement)
      if let known = readRepeat(at: storage) { return known == Self.noStrong ? nil : Int(known) }
      statementCount += 1
      if let slot = settledByContent[statement] {
        repeats[slot] += 1
        byStorage.set(Int32(slot), at: storage)
        return slot
      }
      let conflictsBefore = conflicts.count
      var strong: [Identifier] = []
      var names: [String] = []
      for identifier in statement {
        if identifier.kind.isStrong {
          if !strong.contains(identifier) { strong.append(identifier) }
        } else if !names.contains(identifier.value) {
          names.append(identifier.value)
        }
      }
      guard !strong.isEmpty else {
        byStorage.set(Self.noStrong, at: storage)
        return nil
      }
      let provenance = makeProvenance()
      strong.sort()
      for identifier in strong {
        _ = node(identifier, provenance)
      }
      let anchor = strong[0]
      for other in strong.dropFirst() {
        union(anchor, other, provenance)
      }
      for identifier in strong {
        for rule in mappings {
          guard let derived = rule.derive(from: identifier), derived != identifier else { continue }
          let mapped = JoinProvenance(locator: provenance.locator, source: provenance.source, rule: .mapping(rule.name))
          _ = node(derived, mapped)
          union(identifier, derived, mapped)
        }
      }
      let anchorNode = node(anchor, provenance)
      for name in names {
        countName(name, at: anchorNode, provenance)
      }
      guard conflicts.count == conflictsBefore, settled.count < Self.settledLimit else { return nil }
      let slot = settled.count
      settledByContent[statement] = slot
      byStorage.set(Int32(slot), at: storage)
      settled.append(SettledList(anchor: anchorNode, names: names))
      repeats.append(0)
      return slot
    }

    /// Counts one statement of a display name with the node `anchorNode`.
    private mutating func countName(_ name: String, at anchorNode: Int, _ provenance: JoinProvenance) {
      var entry = displayNames[anchorNode, default: [:]][name] ?? (0, statementCount, provenance)
      entry.count += 1
      displayNames[anchorNode, default: [:]][name] = entry
    }

    private mutating func node(_ identifier: Identifier, _ provenance: JoinProvenance) -> Int {
      if let existing = nodeByIdentifier[identifier] { return existing }
      let index = identifiers.count
      identifiers.append(identifier)
      learned.append(provenance)
      parent.append(index)
      size.append(1)
      kinds.append([identifier.kind: index])
      nodeByIdentifier[identifier] = index
      return index
    }

    private mutating func find(_ node: Int) -> Int {
      var root = node
      while parent[root] != root { root = parent[root] }
      var current = node
      while parent[current] != root {
        let next = parent[current]
        parent[current] = root
        current = next
      }
      return root
    }

    private mutating func union(_ first: Identifier, _ second: Identifier, _ provenance: JoinProvenance) {
      guard let a = nodeByIdentifier[first], let b = nodeByIdentifier[second] else { return }
      var (rootA, rootB) = (find(a), find(b))
      guard rootA != rootB else { return }
      for kind in kinds[rootB].keys.sorted() {
        guard let mine = kinds[rootA][kind], let theirs = kinds[rootB][kind],
          identifiers[mine] != identifiers[theirs]
        else { continue }
        conflicts.append(
          IdentityConflict(
            kind: kind, existing: identifiers[mine], incoming: identifiers[theirs],
            joining: [first, second], provenance: provenance))
        return
      }
      if size[rootA] < size[rootB] { swap(&rootA, &rootB) }
      parent[rootB] = rootA
      size[rootA] += size[rootB]
      kinds[rootA].merge(kinds[rootB]) { mine, _ in mine }
      kinds[rootB] = [:]
      joins.append(IdentityJoin(from: first, to: second, provenance: provenance))
    }

    /// One person per set, with ids derived from the sorted strong identifiers; and for each
    /// settled list, the index of its person.
    mutating func makePeople() -> (people: [Person], personIndexBySlot: [Int32]) {
      for (list, repeats) in zip(settled, repeats) where repeats > 0 {
        for name in list.names {
          displayNames[list.anchor]?[name]?.count += repeats
        }
      }
      var members: [Int: [Int]] = [:]
      for node in identifiers.indices {
        members[find(node), default: []].append(node)
      }
      var drafts: [(id: String, person: [PersonIdentifier], strong: [Identifier], name: String?, root: Int)] = []
      for (root, nodes) in members {
        var personIdentifiers = nodes.map {
          PersonIdentifier(identifier: identifiers[$0], provenance: learned[$0])
        }
        let strong = personIdentifiers.map(\.identifier).sorted()
        var names: [String: (count: Int, first: Int, provenance: JoinProvenance)] = [:]
        for node in nodes {
          for (name, entry) in displayNames[node] ?? [:] {
            if let existing = names[name] {
              names[name] = (
                existing.count + entry.count, min(existing.first, entry.first),
                existing.first <= entry.first ? existing.provenance : entry.provenance
              )
            } else {
              names[name] = entry
            }
          }
        }
        for (name, entry) in names {
          if let identifier = Identifier(.displayName, name) {
            personIdentifiers.append(PersonIdentifier(identifier: identifier, provenance: entry.provenance))
          }
        }
        let name = names.max { lhs, rhs in
          lhs.value.count != rhs.value.count ? lhs.value.count < rhs.value.count : lhs.key > rhs.key
        }?.key
        let key = strong.map { "\($0.kind.rawValue):\($0.value)" }.joined(separator: "\n")
        drafts.append(("p-" + FNV1a.hexPrefix(of: key, length: 12), personIdentifiers, strong, name, root))
      }
      drafts.sort { lhs, rhs in
        lhs.id != rhs.id ? lhs.id < rhs.id : lhs.strong.lexicographicallyPrecedes(rhs.strong)
      }
      var people: [Person] = []
      var personIndexByRoot: [Int: Int32] = [:]
      var previousID: String?
      var repeats = 1
      for draft in drafts {
        // Two different sets with one hash: keep both, numbered in sorted order.
        repeats = draft.id == previousID ? repeats + 1 : 1
        previousID = draft.id
        let id = PersonID(rawValue: repeats == 1 ? draft.id : "\(draft.id)-\(repeats)")
        var person = Person(id: id, displayName: "", identifiers: draft.person)
        person.displayName = draft.name ?? person.label
        personIndexByRoot[draft.root] = Int32(people.count)
        people.append(person)
      }
      let personIndexBySlot = settled.map { personIndexByRoot[find($0.anchor)] ?? -1 }
      return (people, personIndexBySlot)
    }
  }
}
