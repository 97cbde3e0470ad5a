/// Human-readable durations for reports: `40s`, `12m 5s`, `49h 0m 40s`.
public enum Duration {
  public static func text(seconds: Double) -> String {
    let total = Int(seconds.rounded())
    let sign = total < 0 ? "-" : ""
    let magnitude = abs(total)
    let hours = magnitude / 3600
    let minutes = magnitude / 60 % 60
    let rest = magnitude % 60
    if hours > 0 { return "\(sign)\(hours)h \(minutes)m \(rest)s" }
    if minutes > 0 { return "\(sign)\(minutes)m \(rest)s" }
    return "\(sign)\(rest)s"
  }
}
