import CPrefetch
import IDTrailModel

/// Every event of every input in one order, with repeated deliveries removed (DESIGN §1).
///
/// Events are sorted by time, then source format, then locator (ties broken by action and native
/// id, so the order never depends on the order inputs were given). Streaming destinations deliver
/// at least once, so an event whose (source, native id) was already seen is dropped; the one kept is
/// the first in that order, and every dropped copy is listed in `duplicates`. GitLab writes each
/// audit event to the REST API, the stream, the CSV export and `audit_json.log` with one id, so
/// those four formats count as one source here: the same event read from two of them is one event.
/// Events without a native id are never treated as copies. State facts are sorted the same way, undated ones last.
public struct Trail: Sendable {
  /// One dropped repeat delivery.
  public struct DuplicateDelivery: Sendable, Hashable, Codable {
    public var source: FormatID
    public var nativeID: String
    /// The copy that was kept.
    public var kept: Locator
    /// The copy that was dropped.
    public var dropped: Locator

    public init(source: FormatID, nativeID: String, kept: Locator, dropped: Locator) {
      self.source = source
      self.nativeID = nativeID
      self.kept = kept
      self.dropped = dropped
    }
  }

  public private(set) var events: [IdentityEvent]
  public private(set) var facts: [StateFact]
  public private(set) var duplicates: [DuplicateDelivery]

  /// Takes `events` over: they are put in trail order and repeat deliveries dropped, so a caller
  /// that hands over its only copy never holds the events twice.
  public init(events: consuming [IdentityEvent], facts: [StateFact] = []) {
    var groups = [events]
    self.init(eventGroups: &groups, facts: facts)
  }

  /// Takes the events of `groups` over (one group per part of an input, say; `groups` is left
  /// empty): each event is moved once, straight to its place in trail order, repeat deliveries are
  /// dropped, and each group is let go as soon as its last event has moved, so the events are held
  /// about once, not twice.
  ///
  /// The trail is filled from its end: each group is put in trail order first (inputs are nearly
  /// always in time order already), so the event to place next is always the last of its group and
  /// is taken with `removeLast()`. An emptied group is then let go with nothing left in it to destroy
  /// (moving events out from the front left millions of moved-from slots to be filled and walked).
  public init(eventGroups groups: inout [[IdentityEvent]], facts: [StateFact] = []) {
    let order = Self.trailOrder(&groups)
    let (kept, keptCount, duplicates) = Self.firstDeliveries(in: order, of: groups)
    self.events = [IdentityEvent](unsafeUninitializedCapacity: keptCount) { output, count in
      // Slots are written once, from the end, and backed with memory a run at a time ahead of that:
      // cheaper than a page fault every 28 events, and not all at once, while the groups are still
      // held.
      var next = keptCount
      var populated = keptCount
      var position = order.count
      while position > 0 {
        position -= 1
        let group = Int(order[position].group)
        assert(groups[group].count - 1 == Int(order[position].member), "a group out of trail order")
        let event = groups[group].removeLast()
        if groups[group].isEmpty { groups[group] = [] }
        guard kept[position] else { continue }
        next -= 1
        if next < populated {
          populated = max(0, next + 1 - Self.populatedRun)
          let slots = output.baseAddress.unsafelyUnwrapped + populated
          idtrail_populate(slots, (next + 1 - populated) * MemoryLayout<IdentityEvent>.stride)
        }
        (output.baseAddress.unsafelyUnwrapped + next).initialize(to: event)
      }
      count = keptCount
    }
    groups = []
    self.duplicates = duplicates
    self.facts = facts.sorted(by: Self.precedes)
  }

  /// Which places of `order` hold a first delivery (the others repeat an event earlier in trail
  /// order, with the same delivery scope and native id), how many do, and the repeats dropped.
  private static func firstDeliveries(in order: [Place], of groups: [[IdentityEvent]]) -> (
    kept: [Bool], count: Int, duplicates: [DuplicateDelivery]
  ) {
    var kept = [Bool](repeating: true, count: order.count)
    var keptCount = order.count
    var duplicates: [DuplicateDelivery] = []
    var table = FirstDeliveryTable(capacity: order.count)
    for position in order.indices {
      // Slots are spread over a table as large as the trail: each lookup would wait on memory, so
      // the slot of an event further on is fetched while this one is looked up.
      let ahead = position + Self.prefetchDistance
      if ahead < order.count { table.prefetch(hash: order[ahead].deliveryHash) }
      // Only an event with a native id has a hash. Its id and source are read only when the table
      // holds a candidate: a first delivery, most events, touches none of its strings.
      let hash = order[position].deliveryHash
      guard hash != 0 else { continue }
      let place = order[position]
      let first = table.kept(hash: hash, orRecord: position) { candidate in
        let keptPlace = order[candidate]
        let keptEvent = groups[Int(keptPlace.group)][Int(keptPlace.member)]
        let event = groups[Int(place.group)][Int(place.member)]
        return keptEvent.nativeID == event.nativeID
          && deliveryScope(of: keptEvent.source) == deliveryScope(of: event.source)
      }
      guard let first else { continue }
      let event = groups[Int(place.group)][Int(place.member)]
      duplicates.append(
        DuplicateDelivery(
          source: event.source, nativeID: event.nativeID ?? "",
          kept: groups[Int(order[first].group)][Int(order[first].member)].locator, dropped: event.locator))
      kept[position] = false
      keptCount -= 1
    }
    return (kept, keptCount, duplicates)
  }

  /// How many events ahead the repeat search prefetches table slots (enough to cover a memory
  /// access).
  private static let prefetchDistance = 16

  /// How many slots of the trail are backed with memory at a time: 2 MiB of events.
  private static let populatedRun = (2 << 20) / MemoryLayout<IdentityEvent>.stride

  /// Where an event is among the groups handed over, and the hash of its delivery key.
  private struct Place {
    var group: Int32
    var member: Int32
    /// The hash of the event's delivery scope and native id, with the top bit set; 0 when it has
    /// no native id.
    var deliveryHash: UInt64
  }

  /// The places of the events of `groups` in trail order, with their delivery hashes (worked out
  /// here, in one pass along each group's memory). A group not in trail order is first sorted in
  /// place, so that each group's events come in the order they are held.
  ///
  /// Sorting compact integer keys (time, the rank of the source name, the rank of the path, the
  /// position) instead of the events themselves keeps a year of logs a matter of seconds; ties on
  /// all of those fall back to the full comparison. The groups are runs already in order, which the
  /// standard library's merge sort finds and merges.
  private static func trailOrder(_ groups: inout [[IdentityEvent]]) -> [Place] {
    // Inputs hand over long runs of one source and one path; comparing with the previous
    // event's string (the same storage, so a pointer compare) skips most lookups.
    var sources: Set<String> = []
    var paths: Set<String> = []
    var previous: (source: String, path: String)?
    for group in groups {
      for member in group.indices {
        let source = group[member].source.rawValue
        let path = group[member].locator.path
        if let previous, previous.source == source, previous.path == path { continue }
        sources.insert(source)
        paths.insert(path)
        previous = (source, path)
      }
    }
    func ranks(_ names: Set<String>) -> [String: Int32] {
      var rank: [String: Int32] = [:]
      for (index, name) in names.sorted().enumerated() { rank[name] = Int32(index) }
      return rank
    }
    let sourceRank = ranks(sources)
    let pathRank = ranks(paths)
    struct Key {
      var time: Int64
      var source: Int32
      var path: Int32
      var first: Int
      var second: Int
      var place: Place
    }
    func precedes(_ lhs: Key, _ rhs: Key) -> Bool {
      if lhs.time != rhs.time { return lhs.time < rhs.time }
      if lhs.source != rhs.source { return lhs.source < rhs.source }
      if lhs.path != rhs.path { return lhs.path < rhs.path }
      if lhs.first != rhs.first { return lhs.first < rhs.first }
      if lhs.second != rhs.second { return lhs.second < rhs.second }
      let left = groups[Int(lhs.place.group)][Int(lhs.place.member)]
      return Self.precedes(left, groups[Int(rhs.place.group)][Int(rhs.place.member)])
    }
    var keys: [Key] = []
    keys.reserveCapacity(groups.reduce(0) { $0 + $1.count })
    var unsortedGroups: [Int] = []
    var previousRank: (source: String, path: String, ranks: (Int32, Int32), scopeHash: UInt64)?
    for (group, events) in groups.enumerated() {
      for member in events.indices {
        let (first, second): (Int, Int)
        switch events[member].locator.position {
        case .line(let line): (first, second) = (line, 0)
        case .record(let record, let offset): (first, second) = (offset, record)
        }
        let source = events[member].source.rawValue
        let path = events[member].locator.path
        let ranks: (Int32, Int32)
        let scopeHash: UInt64
        if let previousRank, previousRank.source == source, previousRank.path == path {
          (ranks, scopeHash) = (previousRank.ranks, previousRank.scopeHash)
        } else {
          ranks = (sourceRank[source] ?? 0, pathRank[path] ?? 0)
          scopeHash = ByteHash.hash(deliveryScope(of: events[member].source).rawValue)
          previousRank = (source, path, ranks, scopeHash)
        }
        let deliveryHash = events[member].nativeID.map { (ByteHash.hash($0) ^ scopeHash) | 1 << 63 } ?? 0
        let key = Key(
          time: events[member].time.nanosecondsSinceEpoch, source: ranks.0, path: ranks.1, first: first,
          second: second,
          place: Place(group: Int32(group), member: Int32(member), deliveryHash: deliveryHash))
        if member > 0, unsortedGroups.last != group, precedes(key, keys[keys.count - 1]) {
          unsortedGroups.append(group)
        }
        keys.append(key)
      }
    }
    guard unsortedGroups.isEmpty else {
      // Rare: an input out of time order. Its groups are sorted where they are, and the keys made
      // again.
      keys = []
      for group in unsortedGroups { groups[group].sort(by: Self.precedes) }
      return trailOrder(&groups)
    }
    keys.sort(by: precedes)
    return keys.map(\.place)
  }

  /// The earliest and latest event times, or nil without events.
  public var coverage: ClosedRange<Timestamp>? {
    guard let first = events.first, let last = events.last else { return nil }
    return first.time...last.time
  }

  /// Drops the events after `instant`, and the facts dated after it.
  public mutating func truncate(after instant: Timestamp) {
    // Events are in time order: the ones to drop are a suffix.
    let end = events.partitioningIndex { $0.time > instant }
    events.removeLast(events.count - end)
    facts.removeAll { fact in fact.asOf.map { $0 > instant } ?? false }
  }

  /// The formats that deliver the same events under the same ids count as one source.
  private static func deliveryScope(of source: FormatID) -> FormatID {
    switch source {
    case .gitlabAuditAPI, .gitlabAuditStream, .gitlabAuditCSV, .gitlabAuditJSONLog: return .gitlabAuditAPI
    default: return source
    }
  }

  /// The trail order: time, source, locator, then action and native id.
  static func precedes(_ lhs: IdentityEvent, _ rhs: IdentityEvent) -> Bool {
    if lhs.time != rhs.time { return lhs.time < rhs.time }
    if lhs.source != rhs.source { return lhs.source < rhs.source }
    if lhs.locator != rhs.locator { return lhs.locator < rhs.locator }
    if lhs.action != rhs.action { return lhs.action.rawValue < rhs.action.rawValue }
    return (lhs.nativeID ?? "") < (rhs.nativeID ?? "")
  }

  private static func precedes(_ lhs: StateFact, _ rhs: StateFact) -> Bool {
    switch (lhs.asOf, rhs.asOf) {
    case let (left?, right?) where left != right: return left < right
    case (nil, _?): return false
    case (_?, nil): return true
    default: break
    }
    if lhs.source != rhs.source { return lhs.source < rhs.source }
    if lhs.locator != rhs.locator { return lhs.locator < rhs.locator }
    return lhs.subject.lexicographicallyPrecedes(rhs.subject)
  }
}
