import IDTrailModel

/// Reads the `--from` and `--to` values of the command line.
public enum TimeBound {
  /// An RFC 3339 time, or a `YYYY-MM-DD` date read in UTC: its first instant, or with
  /// `endOfDay` its last (so `--to 2026-03-31` includes all of March 31st).
  public static func parse(_ text: String, endOfDay: Bool = false) -> Timestamp? {
    if let time = TimestampParser.parse(text) { return time }
    guard let date = CalendarDate(parsing: text) else { return nil }
    let start = Timestamp(secondsSinceEpoch: Int64(date.daysSinceEpoch) * 86_400)
    return endOfDay
      ? Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + 86_400_000_000_000 - 1) : start
  }
}
