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
  /// dropped on the way, and each group is let go as soon as its last event has moved, so the
  /// events are held about once, not twice.
  public init(eventGroups groups: inout [[IdentityEvent]], facts: [StateFact] = []) {
    let order = Self.trailOrder(groups)
    var remaining = groups.map(\.count)
    var duplicates: [DuplicateDelivery] = []
    var firstDeliveries = FirstDeliveryTable(capacity: order.count)
    self.events = [IdentityEvent](unsafeUninitializedCapacity: order.count) { output, count in
      // Slots are written once, in order, and backed with memory a run at a time ahead of that:
      // cheaper than a page fault every 27 events, and not all at once, while the groups are
      // still held.
      var populated = 0
      /// Moves the event at `event` to the end of `output`, or drops it as a repeat delivery.
      func place(_ event: UnsafeMutablePointer<IdentityEvent>, deliveryHash hash: UInt64) {
        // Only an event with a native id has a hash. Its id and source are read only when the table
        // holds a candidate: a first delivery, most events, touches none of its strings.
        if hash != 0 {
          let first = firstDeliveries.kept(hash: hash, orRecord: count) { candidate in
            let kept = output.baseAddress.unsafelyUnwrapped + candidate
            return kept.pointee.nativeID == event.pointee.nativeID
              && Self.deliveryScope(of: kept.pointee.source) == Self.deliveryScope(of: event.pointee.source)
          }
          if let first {
            duplicates.append(
              DuplicateDelivery(
                source: event.pointee.source, nativeID: event.pointee.nativeID ?? "",
                kept: output[first].locator, dropped: event.pointee.locator))
            event.deinitialize(count: 1)
            return
          }
        }
        (output.baseAddress.unsafelyUnwrapped + count).moveInitialize(from: event, count: 1)
        count += 1
      }
      var position = 0
      while position < order.count {
        // Consecutive events of one group are moved under one access to its storage.
        let group = Int(order[position].group)
        let streakStart = position
        groups[group].withUnsafeMutableBufferPointer { source in
          let base = source.baseAddress.unsafelyUnwrapped
          while position < order.count, Int(order[position].group) == group {
            // Slots are spread over a table as large as the trail: each lookup would wait on
            // memory, so the slot of an event further on is fetched while this one moves.
            let ahead = position + Self.prefetchDistance
            if ahead < order.count { firstDeliveries.prefetch(hash: order[ahead].deliveryHash) }
            if count == populated {
              populated = min(output.count, count + Self.populatedRun)
              let slots = output.baseAddress.unsafelyUnwrapped + count
              idtrail_populate(slots, (populated - count) * MemoryLayout<IdentityEvent>.stride)
            }
            place(base + Int(order[position].member), deliveryHash: order[position].deliveryHash)
            position += 1
          }
        }
        remaining[group] -= position - streakStart
        if remaining[group] == 0 {
          groups[group].withUnsafeMutableBufferPointer { $0.vacate() }
          groups[group] = []
        }
      }
    }
    groups = []
    self.duplicates = duplicates
    self.facts = facts.sorted(by: Self.precedes)
  }

  /// How many events ahead the move loop prefetches table slots (enough to cover a memory access).
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
  /// here, in one pass along each group's memory).
  ///
  /// Sorting compact integer keys (time, the rank of the source name, the rank of the path, the
  /// position) instead of the events themselves keeps a year of logs a matter of seconds; ties on
  /// all of those fall back to the full comparison.
  private static func trailOrder(_ groups: [[IdentityEvent]]) -> [Place] {
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
    var keys: [Key] = []
    keys.reserveCapacity(groups.reduce(0) { $0 + $1.count })
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
        keys.append(
          Key(
            time: events[member].time.nanosecondsSinceEpoch, source: ranks.0, path: ranks.1, first: first,
            second: second,
            place: Place(group: Int32(group), member: Int32(member), deliveryHash: deliveryHash)))
      }
    }
    keys.sort { lhs, rhs in
      if lhs.time != rhs.time { return lhs.time < rhs.time }
      if lhs.source != rhs.source { return lhs.source < rhs.source }
      if lhs.path != rhs.path { return lhs.path < rhs.path }
      if lhs.first != rhs.first { return lhs.first < rhs.first }
      if lhs.second != rhs.second { return lhs.second < rhs.second }
      return precedes(
        groups[Int(lhs.place.group)][Int(lhs.place.member)], groups[Int(rhs.place.group)][Int(rhs.place.member)])
    }
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
