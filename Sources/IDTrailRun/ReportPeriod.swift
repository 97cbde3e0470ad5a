import IDTrailModel

/// The reporting period a run judges, from `--period` or `--from`/`--to`.
///
/// `--period` takes a quarter (`2026-Q3`), a month (`2026-09`) or a year (`2026`), all in UTC.
/// `--from`/`--to` take a date (`2026-07-01`; `--to` then means the end of that day) or an RFC 3339
/// time. Without either, the period is what the inputs cover.
public enum ReportPeriod {
  /// Why a period could not be read.
  public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var option: String
    public var value: String
    public var expected: String
    public var description: String { "\(option) '\(value)' is not \(expected)" }
  }

  /// The period `--period` names, from its first instant to its last second.
  public static func parse(_ text: String) throws(ParseError) -> (start: Timestamp, end: Timestamp) {
    let error = ParseError(
      option: "--period", value: text, expected: "a quarter (2026-Q3), a month (2026-09) or a year (2026)")
    let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
    guard let year = Int(parts[0]), parts[0].count == 4, year >= 1970 else { throw error }
    let firstMonth: Int
    let months: Int
    switch parts.count {
    case 1:
      (firstMonth, months) = (1, 12)
    case 2 where parts[1].hasPrefix("Q"):
      guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { throw error }
      (firstMonth, months) = ((quarter - 1) * 3 + 1, 3)
    case 2:
      guard let month = Int(parts[1]), parts[1].count == 2, (1...12).contains(month) else { throw error }
      (firstMonth, months) = (month, 1)
    default:
      throw error
    }
    let start = monthStart(year: year, month: firstMonth)
    let next =
      firstMonth + months > 12
      ? monthStart(year: year + 1, month: firstMonth + months - 12)
      : monthStart(year: year, month: firstMonth + months)
    return (start, next.adding(seconds: -1))
  }

  /// A `--from` or `--to` bound: a date or an RFC 3339 time. A date given to `--to` is the last
  /// second of that day.
  public static func bound(_ text: String, option: String, endOfDay: Bool) throws(ParseError) -> Timestamp {
    if let time = TimestampParser.parse(text) { return time }
    if text.count == 10, let midnight = TimestampParser.parse(text + "T00:00:00Z") {
      return endOfDay ? midnight.adding(seconds: 86_399) : midnight
    }
    throw ParseError(option: option, value: text, expected: "a date (2026-07-01) or an RFC 3339 time")
  }

  private static func monthStart(year: Int, month: Int) -> Timestamp {
    Timestamp(secondsSinceEpoch: Int64(CivilDate.daysSinceEpoch(year: year, month: month, day: 1)) * 86_400)
  }
}
