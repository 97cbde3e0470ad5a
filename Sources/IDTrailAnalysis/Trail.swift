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

  public init(events: [IdentityEvent], facts: [StateFact] = []) {
    var firstByNativeID: [SourceAndID: Int] = [:]
    firstByNativeID.reserveCapacity(events.count)
    var kept: [IdentityEvent] = []
    var duplicates: [DuplicateDelivery] = []
    kept.reserveCapacity(events.count)
    for index in Self.trailOrder(events) {
      if let nativeID = events[index].nativeID {
        let key = SourceAndID(source: Self.deliveryScope(of: events[index].source), nativeID: nativeID)
        if let first = firstByNativeID[key] {
          duplicates.append(
            DuplicateDelivery(
              source: events[index].source, nativeID: nativeID, kept: events[first].locator,
              dropped: events[index].locator))
          continue
        }
        firstByNativeID[key] = index
      }
      kept.append(events[index])
    }
    self.events = kept
    self.duplicates = duplicates
    self.facts = facts.sorted(by: Self.precedes)
  }

  /// The indices of `events` in trail order.
  ///
  /// Sorting compact integer keys (time, the rank of the source name, the rank of the path, the
  /// position) instead of the events themselves keeps a year of logs a matter of seconds; ties on
  /// all of those fall back to the full comparison.
  private static func trailOrder(_ events: [IdentityEvent]) -> [Int] {
    func ranks(_ names: some Sequence<String>) -> [String: Int32] {
      var rank: [String: Int32] = [:]
      for (index, name) in Set(names).sorted().enumerated() { rank[name] = Int32(index) }
      return rank
    }
    let sourceRank = ranks(events.lazy.map(\.source.rawValue))
    let pathRank = ranks(events.lazy.map(\.locator.path))
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
    for index in events.indices {
      let (first, second): (Int, Int)
      switch events[index].locator.position {
      case .line(let line): (first, second) = (line, 0)
      case .record(let record, let offset): (first, second) = (offset, record)
      }
      keys.append(
        Key(
          time: events[index].time.nanosecondsSinceEpoch,
          source: sourceRank[events[index].source.rawValue] ?? 0,
          path: pathRank[events[index].locator.path] ?? 0, first: first, second: second, index: index))
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

  /// The trail without the events after `instant` (facts dated after it are dropped too).
  public func truncated(after instant: Timestamp) -> Trail {
    var copy = self
    copy.events.removeAll { $0.time > instant }
    copy.facts.removeAll { fact in fact.asOf.map { $0 > instant } ?? false }
    return copy
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
