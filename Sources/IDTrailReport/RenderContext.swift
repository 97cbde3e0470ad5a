import Foundation
import IDTrailModel

/// What renderers need beyond the report: how to show times.
///
/// Times are UTC inside the report; `--tz` only changes how they are displayed.
public struct RenderContext: Sendable {
  /// The zone times are displayed in.
  public var displayTimeZone: TimeZone

  public init(displayTimeZone: TimeZone = TimeZone(identifier: "UTC")!) {
    self.displayTimeZone = displayTimeZone
  }

  /// `2026-09-30 14:05:00 UTC` (or the display zone's offset, e.g. `+02:00`).
  public func display(_ time: Timestamp) -> String {
    let offset = displayTimeZone.secondsFromGMT(
      for: Date(timeIntervalSince1970: TimeInterval(time.secondsSinceEpoch)))
    let shifted = Timestamp(secondsSinceEpoch: time.secondsSinceEpoch + Int64(offset))
    let text = shifted.rfc3339  // whole seconds: the fraction is dropped above
    let dateTime = text.dropLast().replacingOccurrences(of: "T", with: " ")
    return dateTime + " " + Self.zoneLabel(offset)
  }

  private static func zoneLabel(_ offset: Int) -> String {
    guard offset != 0 else { return "UTC" }
    let sign = offset < 0 ? "-" : "+"
    let minutes = abs(offset) / 60
    let hours = String(minutes / 60)
    let rest = String(minutes % 60)
    return sign + (hours.count == 1 ? "0" + hours : hours) + ":" + (rest.count == 1 ? "0" + rest : rest)
  }
}
