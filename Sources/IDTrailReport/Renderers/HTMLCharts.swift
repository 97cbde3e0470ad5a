import IDTrailModel

/// The report's SVG charts, drawn as plain strings (no scripts, no external assets).
///
/// Coordinates are whole numbers so the output does not depend on float formatting.
enum HTMLCharts {
  private static let width = 400
  private static let height = 200
  /// Room for the largest value's label (`142h 6m 0s`) left of the axis.
  private static let left = 60
  private static let bottom = 180
  /// The plot starts below a band that holds the legend.
  private static let top = 24

  /// One bar per leaver whose removal reached GitLab (end-to-end seconds), with the SLA as a dashed
  /// line; leavers without an end-to-end time are left out (the caption counts them).
  static func timeToRevoke(_ report: Report) -> String {
    let leavers = report.episodes.filter { $0.kind == "leaver" && $0.latencySeconds.endToEnd != nil }
    let values = leavers.compactMap(\.latencySeconds.endToEnd)
    guard !values.isEmpty else { return empty("No leaver reached GitLab") }
    let maximum = max(values.max() ?? 1, report.leaverSLASeconds ?? 0, 1)
    let slot = (width - left - 10) / max(values.count, 1)
    var svg = open(label: "Time to revoke per leaver against the SLA")
    for (index, (episode, value)) in zip(leavers, values).enumerated() {
      let barHeight = scaled(value, maximum)
      let x = left + index * slot + 1
      let late = report.leaverSLASeconds.map { value > $0 } ?? (episode.status == "late")
      svg +=
        "<rect x=\"\(x)\" y=\"\(bottom - barHeight)\" width=\"\(max(min(slot - 2, 60), 1))\" height=\"\(barHeight)\" fill=\"var(--\(late ? "fail" : "pass"))\">"
      svg +=
        "<title>\(Escaping.html(report.personLabel(episode.person))): \(Escaping.html(Duration.text(seconds: value)))</title></rect>"
    }
    if let sla = report.leaverSLASeconds {
      let y = bottom - scaled(sla, maximum)
      svg += "<line class=\"sla\" x1=\"\(left)\" x2=\"\(width)\" y1=\"\(y)\" y2=\"\(y)\"/>"
      svg +=
        "<text class=\"label\" x=\"\(width - 2)\" y=\"\(y - 3)\" text-anchor=\"end\">SLA \(Escaping.html(Duration.text(seconds: sla)))</text>"
    }
    svg += axis(maxLabel: Duration.text(seconds: maximum))
    return svg + "</svg>"
  }

  /// Stacked bars of events per day, one colour per stage.
  static func eventsPerDay(_ report: Report) -> String {
    let days = Array(Set(report.eventsPerDay.map(\.day))).sorted()
    guard !days.isEmpty else { return empty("No events") }
    let stages = ["directory", "idp", "scim", "gitlab"]
    var totals: [String: Int] = [:]
    var counts: [String: Int] = [:]
    for entry in report.eventsPerDay {
      totals[entry.day, default: 0] += entry.count
      counts[entry.day + " " + entry.stage, default: 0] += entry.count
    }
    let maximum = Double(max(totals.values.max() ?? 1, 1))
    let slot = max((width - left - 10) / days.count, 1)
    var svg = open(label: "Events per day by stage")
    for (index, day) in days.enumerated() {
      var base = bottom
      for stage in stages {
        let count = counts[day + " " + stage] ?? 0
        guard count > 0 else { continue }
        let barHeight = scaled(Double(count), maximum)
        svg +=
          "<rect x=\"\(left + index * slot)\" y=\"\(base - barHeight)\" width=\"\(max(min(slot - 1, 40), 1))\" height=\"\(barHeight)\" fill=\"var(--\(stage))\"><title>\(Escaping.html(day)) \(stage): \(count)</title></rect>"
        base -= barHeight
      }
    }
    svg += "<text x=\"\(left)\" y=\"\(bottom + 12)\">\(Escaping.html(days[0]))</text>"
    if days.count > 1 {
      svg +=
        "<text x=\"\(width)\" y=\"\(bottom + 12)\" text-anchor=\"end\">\(Escaping.html(days[days.count - 1]))</text>"
    }
    svg += legend(stages)
    svg += axis(maxLabel: String(Int(maximum)))
    return svg + "</svg>"
  }

  /// Grouped bars of joiner, mover and leaver episodes per month (by their first step).
  static func episodesPerMonth(_ report: Report) -> String {
    var counts: [String: [String: Int]] = [:]
    for episode in report.episodes {
      guard let first = episode.steps.first else { continue }
      let month = String(first.time.rfc3339.prefix(7))
      counts[month, default: [:]][episode.kind, default: 0] += 1
    }
    let months = counts.keys.sorted()
    guard !months.isEmpty else { return empty("No episodes") }
    let kinds = [("joiner", "pass"), ("mover", "scim"), ("leaver", "fail")]
    let maximum = Double(max(counts.values.flatMap(\.values).max() ?? 1, 1))
    let slot = max((width - left - 10) / months.count, 3)
    let bar = max(min(slot / 4, 20), 1)
    // A month label is about 40 units wide; label every n-th month so that they do not overlap.
    let labelEvery = max(1, (44 + slot - 1) / slot)
    var svg = open(label: "Joiners, movers and leavers per month")
    for (index, month) in months.enumerated() {
      for (offset, kind) in kinds.enumerated() {
        let count = counts[month]?[kind.0] ?? 0
        let barHeight = scaled(Double(count), maximum)
        svg +=
          "<rect x=\"\(left + index * slot + offset * bar)\" y=\"\(bottom - barHeight)\" width=\"\(bar)\" height=\"\(barHeight)\" fill=\"var(--\(kind.1))\"><title>\(month) \(kind.0)s: \(count)</title></rect>"
      }
      if index % labelEvery == 0 {
        svg += "<text x=\"\(left + index * slot)\" y=\"\(bottom + 12)\">\(month)</text>"
      }
    }
    svg += legend(kinds.map(\.0), colours: kinds.map(\.1))
    svg += axis(maxLabel: String(Int(maximum)))
    return svg + "</svg>"
  }

  private static func open(label: String) -> String {
    "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(Escaping.html(label))\">"
  }

  private static func scaled(_ value: Double, _ maximum: Double) -> Int {
    Int((value / maximum * Double(bottom - top)).rounded())
  }

  private static func axis(maxLabel: String) -> String {
    "<line class=\"axis\" x1=\"\(left)\" x2=\"\(left)\" y1=\"\(top)\" y2=\"\(bottom)\"/>"
      + "<line class=\"axis\" x1=\"\(left)\" x2=\"\(width)\" y1=\"\(bottom)\" y2=\"\(bottom)\"/>"
      + "<text x=\"0\" y=\"\(top - 2)\">\(Escaping.html(maxLabel))</text><text x=\"\(left - 10)\" y=\"\(bottom)\">0</text>"
  }

  private static func legend(_ names: [String], colours: [String]? = nil) -> String {
    var svg = ""
    for (index, name) in names.enumerated() {
      let x = left + 8 + index * 80
      svg += "<rect x=\"\(x)\" y=\"4\" width=\"8\" height=\"8\" fill=\"var(--\(colours?[index] ?? name))\"/>"
      svg += "<text x=\"\(x + 11)\" y=\"12\">\(name)</text>"
    }
    return svg
  }

  private static func empty(_ text: String) -> String {
    open(label: text) + "<text x=\"\(width / 2 - 30)\" y=\"\(height / 2)\">\(text)</text></svg>"
  }
}
