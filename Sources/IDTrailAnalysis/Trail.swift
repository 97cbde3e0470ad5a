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

  /// Takes `events` over: they are put in trail order and repeat deliveries dropped in place, so a
  /// caller that hands over its only copy never holds the events twice.
  public init(events: consuming [IdentityEvent], facts: [StateFact] = []) {
    var events = events
    Self.permute(&events, into: Self.trailOrder(events))
    var firstByNativeID: [SourceAndID: Int] = [:]
    firstByNativeID.reserveCapacity(events.count)
    var duplicates: [DuplicateDelivery] = []
    var kept = 0
    for index in events.indices {
      if let nativeID = events[index].nativeID {
        let key = SourceAndID(source: Self.deliveryScope(of: events[index].source), nativeID: nativeID)
        if let first = firstByNativeID[key] {
          duplicates.append(
            DuplicateDelivery(
              source: events[index].source, nativeID: nativeID, kept: events[first].locator,
              dropped: events[index].locator))
          continue
        }
        firstByNativeID[key] = kept
      }
      if kept != index { events.swapAt(kept, index) }
      kept += 1
    }
    events.removeLast(events.count - kept)
    self.events = events
    self.duplicates = duplicates
    self.facts = facts.sorted(by: Self.precedes)
  }

  /// Reorders `events` so that position `i` holds the event that was at `order[i]`, moving each
  /// event once along the permutation's cycles (nothing is copied or retained).
  private static func permute(_ events: inout [IdentityEvent], into order: [Int]) {
    var placed = [Bool](repeating: false, count: order.count)
    events.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for start in order.indices where !placed[start] && order[start] != start {
        let held = (base + start).move()
        var current = start
        while order[current] != start {
          (base + current).moveInitialize(from: base + order[current], count: 1)
          placed[current] = true
          current = order[current]
        }
        (base + current).initialize(to: held)
        placed[current] = true
      }
    }
  }

  /// The indices of `events` in trail order.
  ///
  /// Sorting compact integer keys (time, the rank of the source name, the rank of the path, the
  /// position) instead of the events themselves keeps a year of logs a matter of seconds; ties on
  /// all of those fall back to the full comparison.
  private static func trailOrder(_ events: [IdentityEvent]) -> [Int] {
    // Inputs hand over long runs of one source and one path; comparing with the previous
    // event's string (the same storage, so a pointer compare) skips most lookups.
    var sources: Set<String> = []
    var paths: Set<String> = []
    var previous: (source: String, path: String)?
    for index in events.indices {
      let source = events[index].source.rawValue
      let path = events[index].locator.path
      if let previous, previous.source == source, previous.path == path { continue }
      sources.insert(source)
      paths.insert(path)
      previous = (source, path)
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
      var index: Int
    }
    var keys: [Key] = []
    keys.reserveCapacity(events.count)
    var previousRank: (source: String, path: String, ranks: (Int32, Int32))?
    for index in events.indices {
      let (first, second): (Int, Int)
      switch events[index].locator.position {
      case .line(let line): (first, second) = (line, 0)
      case .record(let record, let offset): (first, second) = (offset, record)
      }
      let source = events[index].source.rawValue
      let path = events[index].locator.path
      let ranks: (Int32, Int32)
      if let previousRank, previousRank.source == source, previousRank.path == path {
        ranks = previousRank.ranks
      } else {
        ranks = (sourceRank[source] ?? 0, pathRank[path] ?? 0)
        previousRank = (source, path, ranks)
      }
      keys.append(
        Key(
          time: events[index].time.nanosecondsSinceEpoch, source: ranks.0, path: ranks.1, first: first,
          second: second, index: index))
    }
    keys.sort { lhs, rhs in
      if lhs.time != rhs.time { return lhs.time < rhs.time }
      if lhs.source != rhs.source { return lhs.source < rhs.source }
      if lhs.path != rhs.path { return lhs.path < rhs.path }
      if lhs.first != rhs.first { return lhs.first < rhs.first }
      if lhs.second != rhs.second { return lhs.second < rhs.second }
      return precedes(events[lhs.index], events[rhs.index])
    }
    return keys.map(\.index)
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

  private struct SourceAndID: Hashable {
    var source: FormatID
    var nativeID: String
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
