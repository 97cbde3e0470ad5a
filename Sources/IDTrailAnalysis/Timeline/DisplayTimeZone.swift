import Foundation
import IDTrailModel

/// The time zone times are shown in.
///
/// Times inside idtrail stay UTC; this only changes display.
///
/// Accepts `UTC` (or `Z`), an IANA name such as `Europe/Berlin`, or a fixed offset such as
/// `+05:30`, `-0800` or `+02`. Shown times are RFC 3339 with the zone's offset at that instant
/// (`2026-03-02T10:00:00+01:00`), or with `Z` in UTC.
public struct DisplayTimeZone: Sendable, Hashable, CustomStringConvertible {
  /// The name as given (`UTC` for the default).
  public let name: String
  private let zone: TimeZone?

  public static let utc = DisplayTimeZone(name: "UTC", zone: nil)

  private init(name: String, zone: TimeZone?) {
    self.name = name
    self.zone = zone
  }

  /// The zone `text` names, or nil when it names none.
  public init?(_ text: String) {
    if ["utc", "z", "gmt", "etc/utc"].contains(text.lowercased()) {
      self = .utc
      return
    }
    if let offset = Self.fixedOffset(text) {
      guard let zone = TimeZone(secondsFromGMT: offset) else { return nil }
      self.init(name: text, zone: zone)
      return
    }
    guard let zone = TimeZone(identifier: text) else { return nil }
    self.init(name: text, zone: zone)
  }

  public var description: String { name }

  /// The zone's offset from UTC at `time`, in seconds.
  public func offsetSeconds(at time: Timestamp) -> Int {
    guard let zone else { return 0 }
    return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(time.secondsSinceEpoch)))
  }

  /// `time` in RFC 3339 with this zone's offset; fractions of a second only when present.
  public func format(_ time: Timestamp) -> String {
    guard zone != nil else { return time.rfc3339 }
    let offset = offsetSeconds(at: time)
    let local = Timestamp(nanosecondsSinceEpoch: time.nanosecondsSinceEpoch + Int64(offset) * 1_000_000_000)
    let sign = offset < 0 ? "-" : "+"
    let minutes = abs(offset) / 60
    return String(local.rfc3339.dropLast()) + sign + Self.two(minutes / 60) + ":" + Self.two(minutes % 60)
  }

  private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

  /// `+05:30`, `-0800`, `+02` as seconds east of UTC.
  private static func fixedOffset(_ text: String) -> Int? {
    guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
    let digits = text.dropFirst().filter { $0 != ":" }
    guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      let hours = Int(digits.prefix(2)),
      let minutes = Int(digits.dropFirst(2).isEmpty ? "0" : String(digits.dropFirst(2))),
      hours <= 18, minutes < 60
    else { return nil }
    let seconds = hours * 3600 + minutes * 60
    return sign == "-" ? -seconds : seconds
  }
}
