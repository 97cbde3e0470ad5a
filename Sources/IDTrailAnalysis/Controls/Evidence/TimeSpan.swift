import IDTrailModel

/// A closed interval of time, such as a reporting period, an input's coverage or a gap in it.
public struct TimeSpan: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  public var start: Timestamp
  public var end: Timestamp

  /// A span from `start` to `end`; the two are swapped when given in the wrong order.
  public init(start: Timestamp, end: Timestamp) {
    self.start = min(start, end)
    self.end = max(start, end)
  }

  /// The span's length in seconds.
  public var seconds: Double { end.seconds(since: start) }

  public func contains(_ instant: Timestamp) -> Bool { start <= instant && instant <= end }

  /// The part both spans share, or nil when they do not overlap for a moment of positive length.
  public func intersection(_ other: TimeSpan) -> TimeSpan? {
    let lower = max(start, other.start)
    let upper = min(end, other.end)
    return lower < upper ? TimeSpan(start: lower, end: upper) : nil
  }

  /// `2026-07-01..2026-07-14` for spans of two days or more (the end day is the day of the last
  /// instant, so a span ending at midnight ends the day before); full RFC 3339 times otherwise.
  public var description: String {
    guard seconds >= 2 * 86_400 else { return "\(start.rfc3339)..\(end.rfc3339)" }
    let lastInstant = Timestamp(nanosecondsSinceEpoch: end.nanosecondsSinceEpoch - 1)
    return Self.day(start) + ".." + Self.day(max(start, lastInstant))
  }

  public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool {
    (lhs.start, lhs.end) < (rhs.start, rhs.end)
  }

  /// The UTC calendar day of an instant, `YYYY-MM-DD`.
  static func day(_ instant: Timestamp) -> String {
    String(instant.rfc3339.prefix(10))
  }
}
