import IDTrailModel
import IDTrailReport

/// The short text `idtrail check` and `idtrail report` print: the period, each control's status
/// and the findings that fail the check.
public struct ConsoleSummary: Sendable {
  /// Whether to colour statuses with ANSI escapes (only on a terminal, never with `NO_COLOR`).
  public var colour: Bool

  public init(colour: Bool) {
    self.colour = colour
  }

  public func render(_ report: Report, verdict: CheckVerdict?) -> String {
    var lines: [String] = []
    lines.append(
      "idtrail: \(report.period.start.rfc3339) to \(report.period.end.rfc3339); \(report.inputs.count) inputs, \(report.people.count) people, \(report.episodes.count) episodes"
    )
    for control in report.controls {
      let status = paint(control.status.padding(to: 14), for: control.status)
      let count = control.findingCount > 0 ? " (\(Self.findings(control.findingCount)))" : ""
      lines.append("  \(status) \(Self.singleLine(control.id))\(count)")
    }
    if let verdict {
      // Most severe first; the report's order within a severity.
      let failing = verdict.failing.enumerated().sorted { lhs, rhs in
        let left = Report.severities.firstIndex(of: lhs.element.severity) ?? Report.severities.count
        let right = Report.severities.firstIndex(of: rhs.element.severity) ?? Report.severities.count
        return (left, lhs.offset) < (right, rhs.offset)
      }.map(\.element)
      for finding in failing {
        lines.append(
          "  \(paint(finding.severity, for: "fail")) \(Self.singleLine(finding.control)): \(Self.singleLine(finding.summary))"
        )
      }
      switch verdict.exitCode {
      case 1:
        lines.append(
          "check failed: \(Self.findings(verdict.failing.count)) at or above --fail-on \(verdict.failOn)")
      case 2:
        lines.append(
          "check inconclusive: unknown controls under --strict: \(verdict.unknownControls.joined(separator: ", "))"
        )
      default: lines.append("check passed")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func paint(_ text: String, for status: String) -> String {
    guard colour else { return text }
    let code: String
    switch status {
    case "pass": code = "32"
    case "fail": code = "31"
    case "unknown": code = "33"
    default: code = "2"
    }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }

  private static func findings(_ count: Int) -> String {
    count == 1 ? "1 finding" : "\(count) findings"
  }

  /// Summaries come from logs: keep control characters (and so escape sequences) off the terminal.
  static func singleLine(_ text: String) -> String { Escaping.terminalLine(text) }
}

extension String {
  fileprivate func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
