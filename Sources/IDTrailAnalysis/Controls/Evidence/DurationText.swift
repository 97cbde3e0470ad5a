/// Durations as findings state them: `40s`, `12m 5s`, `26h 5m`, `3d 4h`.
enum DurationText {
  static func text(seconds: Double) -> String {
    let total = Int((abs(seconds)).rounded())
    let sign = seconds < 0 && total > 0 ? "-" : ""
    let days = total / 86_400
    let hours = total / 3600
    let minutes = total / 60 % 60
    if total < 60 { return "\(sign)\(total)s" }
    if total < 3600 { return "\(sign)\(minutes)m \(total % 60)s" }
    if total < 48 * 3600 { return "\(sign)\(hours)h \(minutes)m" }
    return "\(sign)\(days)d \(hours % 24)h"
  }

  /// `24 hours`, `1.5 hours`, `90 days`: a policy figure with its unit.
  static func figure(_ value: Double, _ unit: String) -> String {
    let number = LeaverSLA.number(value)
    return "\(number) \(unit)\(value == 1 ? "" : "s")"
  }
}
