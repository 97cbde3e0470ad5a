import IDTrailModel

/// Point-in-time access: who held which role on which namespace at any instant, replayed from
/// membership snapshots and membership, privilege and account events.
///
/// A membership snapshot (the facts of one input with one `asOf` for one namespace) is read as a
/// complete list of that namespace's members: a person it leaves out is not a member then. Between
/// events and snapshots the last known state holds. Only namespaces in the policy's organisation
/// namespaces are replayed.
public struct AccessReplay: Sendable {
  /// Changes implied by disagreeing snapshots, sorted by time.
  public private(set) var inferredChanges: [InferredChange] = []

  private var timelines: [Key: [Item]] = [:]
  private var accountStates: [PersonID: [(time: Timestamp, canSignIn: Bool, locator: Locator)]] = [:]

  /// One person's role on one resource; instance flags (`admin`, `auditor`) are separate slots.
  private struct Key: Hashable, Comparable {
    var person: PersonID
    var resource: Resource
    var slot: String?

    static func < (lhs: Key, rhs: Key) -> Bool {
      (lhs.person, lhs.resource.kind.rawValue, lhs.resource.name, lhs.slot ?? "")
        < (rhs.person, rhs.resource.kind.rawValue, rhs.resource.name, rhs.slot ?? "")
    }
  }

  /// What one record says about a key.
  private struct Item {
    enum Change {
      /// A log record: the role after it (nil: removed), and the role before it when stated.
      case event(after: String?, before: String?, keepsRole: Bool)
      /// A snapshot lists (role) or leaves out (nil) the person.
      case snapshot(String?)
    }

    var time: Timestamp
    var change: Change
    var locator: Locator
    var isSnapshot: Bool {
      if case .snapshot = change { return true } else { return false }
    }
  }

  /// - Parameter undatedSnapshotsAt: when snapshots without their own time were taken (the
  ///   period's end); without it, the trail's last event time.
  public init(
    trail: Trail, graph: IdentityGraph, policy: Policy = .default, undatedSnapshotsAt: Timestamp? = nil
  ) {
    let snapshotTime = undatedSnapshotsAt ?? trail.coverage?.upperBound
    let events = trail.events
    for index in events.indices where events[index].stage == .gitlab {
      guard let change = AccessChange(events[index].action), events[index].outcome.succeeded,
        let person = graph.personID(for: events[index].subject)
      else { continue }
      addEvent(events[index], change, person: person, policy: policy)
    }
    var snapshots: [SnapshotKey: [(person: PersonID, role: String, locator: Locator)]] = [:]
    for fact in trail.facts {
      guard let person = graph.personID(for: fact.subject), let time = fact.asOf ?? snapshotTime else {
        continue
      }
      switch fact.claim {
      case .membership(let resource, let role):
        guard policy.isInScope(resource) else { continue }
        let slot = resource.kind == .gitlabInstance ? role : nil
        let key = SnapshotKey(path: fact.locator.path, time: time, resource: resource, slot: slot)
        snapshots[key, default: []].append((person, role, fact.locator))
      case .accountState(_, let canSignIn) where fact.source.rawValue.hasPrefix("gitlab."):
        accountStates[person, default: []].append((time, canSignIn, fact.locator))
      default:
        continue
      }
    }
    addSnapshots(snapshots)
    for key in timelines.keys {
      timelines[key]?.sort { lhs, rhs in
        (lhs.time, lhs.isSnapshot ? 1 : 0, lhs.locator) < (rhs.time, rhs.isSnapshot ? 1 : 0, rhs.locator)
      }
    }
    for person in accountStates.keys {
      accountStates[person]?.sort { ($0.time, $0.locator) < ($1.time, $1.locator) }
    }
    inferredChanges = findInferredChanges()
  }

  /// Everyone's roles at `instant`, sorted by person and resource.
  public func access(at instant: Timestamp) -> [AccessEntry] {
    timelines.keys.sorted().compactMap { entry(for: $0, at: instant) }
  }

  /// One person's roles at `instant`, sorted by resource.
  public func access(of person: PersonID, at instant: Timestamp) -> [AccessEntry] {
    timelines.keys.filter { $0.person == person }.sorted().compactMap { entry(for: $0, at: instant) }
  }

  /// Whether the person's GitLab account could sign in at `instant`, and the record that says so.
  public func accountCanSignIn(_ person: PersonID, at instant: Timestamp) -> (Bool, Locator)? {
    guard let last = accountStates[person]?.last(where: { $0.time <= instant }) else { return nil }
    return (last.canSignIn, last.locator)
  }

  // MARK: - Building

  private struct SnapshotKey: Hashable {
    var path: String
    var time: Timestamp
    var resource: Resource
    var slot: String?
  }

  /// What kind of access an action can change. Events whose action changes none, most of a trail,
  /// are not looked at further (nor copied).
  private enum AccessChange {
    case membership
    case privilege
    case accountState

    init?(_ action: Action) {
      switch action {
      case .membershipAdd, .membershipUpdate, .membershipRemove: self = .membership
      case .privilegeGrant, .privilegeRevoke: self = .privilege
      case .accountDisable, .accountDelete, .accountEnable, .accountCreate: self = .accountState
      default: return nil
      }
    }
  }

  private mutating func addEvent(
    _ event: IdentityEvent, _ kind: AccessChange, person: PersonID, policy: Policy
  ) {
    func add(_ resource: Resource, slot: String?, _ change: Item.Change) {
      timelines[Key(person: person, resource: resource, slot: slot), default: []]
        .append(Item(time: event.time, change: change, locator: event.locator))
    }
    switch kind {
    case .membership:
      guard let resource = event.resource, resource.kind == .gitlabNamespace, policy.isInScope(resource)
      else {
        return
      }
      let after =
        event.action == .membershipRemove
        ? nil : (event.role?.after ?? (event.action == .membershipAdd ? "member" : nil))
      let keepsRole = event.action == .membershipUpdate && event.role?.after == nil
      add(resource, slot: nil, .event(after: after, before: event.role?.before, keepsRole: keepsRole))
    case .privilege:
      let granted = event.action == .privilegeGrant
      guard let flag = granted ? event.role?.after : event.role?.before else { return }
      let resource = event.resource ?? Resource(kind: .gitlabInstance, name: "instance")
      guard resource.kind == .gitlabInstance else { return }
      add(
        resource, slot: flag,
        .event(after: granted ? flag : nil, before: granted ? nil : flag, keepsRole: false))
    case .accountState:
      let canSignIn = event.action == .accountEnable || event.action == .accountCreate
      accountStates[person, default: []].append((event.time, canSignIn, event.locator))
    }
  }

  /// Adds each snapshot's members, and an absence for everyone with a record about the same
  /// resource whom the snapshot leaves out.
  private mutating func addSnapshots(
    _ snapshots: [SnapshotKey: [(person: PersonID, role: String, locator: Locator)]]
  ) {
    for (snapshot, members) in snapshots {
      for member in members {
        timelines[Key(person: member.person, resource: snapshot.resource, slot: snapshot.slot), default: []]
          .append(Item(time: snapshot.time, change: .snapshot(member.role), locator: member.locator))
      }
    }
    let firstLocator = snapshots.mapValues { $0.map(\.locator).min() }
    for (snapshot, members) in snapshots {
      guard let locator = firstLocator[snapshot] ?? nil else { continue }
      let listed = Set(members.map(\.person))
      for key in timelines.keys
      where key.resource == snapshot.resource && key.slot == snapshot.slot && !listed.contains(key.person) {
        timelines[key]?.append(Item(time: snapshot.time, change: .snapshot(nil), locator: locator))
      }
    }
  }

  // MARK: - Replay

  private func apply(_ change: Item.Change, to role: String?) -> String? {
    switch change {
    case .event(let after, _, let keepsRole): return keepsRole ? role : after
    case .snapshot(let listed): return listed
    }
  }

  private func entry(for key: Key, at instant: Timestamp) -> AccessEntry? {
    guard let items = timelines[key] else { return nil }
    let role: String?
    let evidence: EvidenceKind
    var since: Timestamp?
    var basis: [Locator]
    if let lastIndex = items.lastIndex(where: { $0.time <= instant }) {
      var current: String?
      for item in items[...lastIndex] { current = apply(item.change, to: current) }
      role = current
      let last = items[lastIndex]
      basis = [last.locator]
      since = last.isSnapshot ? nil : last.time
      // Uncertain when the next snapshot disagrees and no logged change between explains it.
      var replayed = current
      var disagreement: Item?
      for item in items[(lastIndex + 1)...] {
        let next = apply(item.change, to: replayed)
        if item.isSnapshot {
          if next != replayed { disagreement = item }
          break
        }
        replayed = next
      }
      if let disagreement {
        evidence = .inferred
        basis.append(disagreement.locator)
      } else {
        evidence = .observed
      }
    } else if let first = items.first, case .event(_, let before?, _) = first.change {
      // Before the first record: the role its change started from.
      role = before
      evidence = .inferred
      basis = [first.locator]
    } else {
      return nil
    }
    guard let role else { return nil }
    let account = accountCanSignIn(key.person, at: instant)
    if let account { basis.append(account.1) }
    return AccessEntry(
      person: key.person, resource: key.resource, role: role, accountCanSignIn: account?.0,
      effective: account?.0 != false, evidence: evidence, since: since, basis: basis)
  }

  private func findInferredChanges() -> [InferredChange] {
    var changes: [InferredChange] = []
    for key in timelines.keys.sorted() {
      guard let items = timelines[key] else { continue }
      var role: String?
      var previous: Item?
      for item in items {
        let next = apply(item.change, to: role)
        if item.isSnapshot, let previous, next != role {
          changes.append(
            InferredChange(
              person: key.person, resource: key.resource, before: role, after: next, notBefore: previous.time,
              notAfter: item.time, basis: [previous.locator, item.locator]))
        }
        role = next
        previous = item
      }
    }
    return changes.sorted { ($0.notAfter, $0.person) < ($1.notAfter, $1.person) }
  }
}
