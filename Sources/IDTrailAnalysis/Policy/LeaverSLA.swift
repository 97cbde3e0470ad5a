import Foundation
import IDTrailModel

/// How soon GitLab access must be gone after a person's upstream deprovision: a number of hours,
/// or a number of business days in a time zone with weekend days and holidays.
///
/// Business days: when the episode opens on a business day, the deadline is the same local time
/// of day N business days later; when it opens on a weekend day or holiday, the clock starts at the
/// next business day's midnight. With `businessDays: 1`, a leaver opened on Friday 17:00 is due
/// on Monday 17:00, and one opened on Saturday is due on Tuesday 00:00.
public struct LeaverSLA: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The length of the SLA.
  public enum Measure: Sendable, Hashable {
    case hours(Double)
    case businessDays(Int)
  }

  public var measure: Measure
  /// Days that are never business days (business days only).
  public var weekendDays: [Weekday]
  /// Dates that are never business days (business days only).
  public var holidays: [CalendarDate]
  /// The IANA time zone that decides where days begin (business days only); an unknown one
  /// counts as UTC.
  public var timeZone: String

  public static let defaultWeekendDays: [Weekday] = [.saturday, .sunday]

  public init(hours: Double) {
    self.measure = .hours(hours)
    self.weekendDays = Self.defaultWeekendDays
    self.holidays = []
    self.timeZone = "UTC"
  }

  public init(
    businessDays: Int, weekendDays: [Weekday] = LeaverSLA.defaultWeekendDays,
    holidays: [CalendarDate] = [], timeZone: String = "UTC"
  ) {
    self.measure = .businessDays(businessDays)
    self.weekendDays = weekendDays
    self.holidays = holidays
    self.timeZone = timeZone
  }

  public var description: String {
    switch measure {
    case .hours(let hours):
      return "\(Self.number(hours)) hours"
    case .businessDays(let days):
      var text = "\(days) business day\(days == 1 ? "" : "s") in \(timeZone)"
      text += ", weekend " + weekendDays.map(\.rawValue).joined(separator: " and ")
      if !holidays.isEmpty { text += ", \(holidays.count) holiday\(holidays.count == 1 ? "" : "s")" }
      return text
    }
  }

  /// When access must be gone for an episode that opened at `start`.
  public func deadline(after start: Timestamp) -> Timestamp {
    switch measure {
    case .hours(let hours):
      return start.adding(seconds: hours * 3600)
    case .businessDays(let count):
      return businessDeadline(after: start, count: count)
    }
  }

  private func businessDeadline(after start: Timestamp, count: Int) -> Timestamp {
    let zone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0) ?? .current
    func offset(_ seconds: Int64) -> Int64 {
      Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }
    let weekend = Set(weekendDays)
    let holidayDays = Set(holidays.map(\.daysSinceEpoch))
    func isBusinessDay(_ day: Int64) -> Bool {
      !holidayDays.contains(Int(day))
        && !weekend.contains(Weekday(civilWeekday: CivilDate.weekday(daysSinceEpoch: Int(day))))
    }
    // A policy whose every day is a non-business day has no deadline; the reader refuses one, and
    // this bound keeps a hand-built one from looping.
    let searchLimit = 3660
    func nextBusinessDay(after day: Int64) -> Int64? {
      var candidate = day
      for _ in 0..<searchLimit {
        candidate += 1
        if isBusinessDay(candidate) { return candidate }
      }
      return nil
    }
    let startSeconds = start.secondsSinceEpoch
    var fraction = start.nanosecondsSinceEpoch - startSeconds * 1_000_000_000
    let local = startSeconds + offset(startSeconds)
    var day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    var timeOfDay = local - day * 86_400
    if !isBusinessDay(day) {
      guard let next = nextBusinessDay(after: day) else {
        return start.adding(seconds: Double(count) * 86_400)
      }
      day = next
      timeOfDay = 0
      fraction = 0
    }
    for _ in 0..<count {
      guard let next = nextBusinessDay(after: day) else {
        return start.adding(seconds: Double(count) * 86_400)
      }
      day = next
    }
    let localDeadline = day * 86_400 + timeOfDay
    let guess = localDeadline - offset(localDeadline)
    let utc = localDeadline - offset(guess)
    return Timestamp(secondsSinceEpoch: utc, nanoseconds: fraction)
  }

  /// `24` rather than `24.0`.
  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }

  private enum CodingKeys: String, CodingKey {
    case hours, businessDays, weekendDays, holidays, timeZone
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let hours = try container.decodeIfPresent(Double.self, forKey: .hours) {
      self.init(hours: hours)
    } else {
      self.init(
        businessDays: try container.decode(Int.self, forKey: .businessDays),
        weekendDays: try container.decodeIfPresent([Weekday].self, forKey: .weekendDays)
          ?? Self.defaultWeekendDays,
        holidays: try container.decodeIfPresent([CalendarDate].self, forKey: .holidays) ?? [],
        timeZone: try container.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch measure {
    case .hours(let hours):
      try container.encode(hours, forKey: .hours)
    case .businessDays(let days):
      try container.encode(days, forKey: .businessDays)
      try container.encode(weekendDays, forKey: .weekendDays)
      try container.encode(holidays, forKey: .holidays)
      try container.encode(timeZone, forKey: .timeZone)
    }
  }
}
