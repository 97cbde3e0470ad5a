import IDTrailModel

/// Every event of every input in one order, with repeated deliveries removed (DESIGN §1).
///
/// Events are sorted by time, then source format, then locator (ties broken by action and native
/// id, so the order never depends on the order inputs were given). Streaming destinations deliver
/// at least once, so an event whose (source, native id) was already seen is dropped; the one kept is
/// the first in that order, and every dropped copy is listed in `duplicates`. Events without a
/// native id are never treated as copies. State facts are sorted the same way, undated ones last.
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
    let sorted = events.sorted(by: Self.precedes)
    var firstByNativeID: [SourceAndID: Locator] = [:]
    var kept: [IdentityEvent] = []
    var duplicates: [DuplicateDelivery] = []
    kept.reserveCapacity(sorted.count)
    for event in sorted {
      if let nativeID = event.nativeID {
        let key = SourceAndID(source: event.source, nativeID: nativeID)
        if let first = firstByNativeID[key] {
          duplicates.append(
            DuplicateDelivery(source: event.source, nativeID: nativeID, kept: first, dropped: event.locator))
          continue
        }
        firstByNativeID[key] = event.locator
      }
      kept.append(event)
    }
    self.events = kept
    self.duplicates = duplicates
    self.facts = facts.sorted(by: Self.precedes)
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
