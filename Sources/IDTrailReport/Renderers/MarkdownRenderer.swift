import IDTrailModel

/// `report.md`: the report's story for a merge request comment or a wiki page.
public struct MarkdownRenderer: ReportRenderer {
  public init() {}

  public let identifier = "md"

  /// How many rejections the Markdown lists; the count covers them all.
  private let listedRejections = 20

  public func render(_ report: Report, context: RenderContext) throws -> [RenderedFile] {
    var lines: [String] = []
    let period = "\(context.display(report.period.start)) to \(context.display(report.period.end))"
    lines.append("# idtrail access report")
    lines.append("")
    lines.append("Period: \(period). \(report.inputs.count) inputs, \(report.people.count) people, \(report.episodes.count) episodes.")
    lines.append("")
    let statuses = report.controlStatusCounts.filter { $0.count > 0 }
      .map { "\(Self.statusLabel($0.status)) \($0.count)" }.joined(separator: " · ")
    let severities = report.findingSeverityCounts.filter { $0.count > 0 }
      .map { "\($0.count) \($0.severity)" }.joined(separator: ", ")
    lines.append("**Controls:** \(statuses)  ")
    lines.append("**Findings:** \(report.findings.count)\(severities.isEmpty ? "" : " (\(severities))")")
    lines.append("")

    lines.append("## Controls")
    lines.append("")
    lines.append("| Control | Title | Criteria | Status | Findings |")
    lines.append("|---|---|---|---|---:|")
    for control in report.controls {
      let status = Self.statusLabel(control.status) + (control.statusReason.map { ": " + Escaping.markdownCell($0) } ?? "")
      lines.append("| `\(control.id)` | \(Escaping.markdownCell(control.title)) | \(control.criteria.joined(separator: ", ")) | \(status) | \(control.findingCount) |")
    }
    lines.append("")

    lines.append("## Findings")
    lines.append("")
    if report.findings.isEmpty {
      lines.append("No findings.")
    } else {
      lines.append("| Severity | Control | Person | When | Summary | Evidence |")
      lines.append("|---|---|---|---|---|---|")
      for finding in report.findings {
        let person = finding.person.map { Escaping.markdownCell(report.personLabel($0.id)) } ?? "—"
        let when = finding.time.map(context.display) ?? "—"
        let evidence = finding.evidence.map { "`\(Escaping.markdownCell($0.locator))`" + ($0.kind == "inferred" ? " (inferred)" : "") }
          .joined(separator: "<br>")
        lines.append("| \(finding.severity) | `\(finding.control)` | \(person) | \(when) | \(Escaping.markdownCell(finding.summary)) | \(evidence) |")
      }
    }
    lines.append("")

    let leavers = report.episodes.filter { $0.kind == "leaver" }
    lines.append("## Leavers")
    lines.append("")
    if leavers.isEmpty {
      lines.append("No leavers in the period.")
    } else {
      lines.append("| Person | Status | IdP → SCIM | SCIM → GitLab | End to end |")
      lines.append("|---|---|---:|---:|---:|")
      for episode in leavers {
        let latency = episode.latencySeconds
        lines.append("| \(Escaping.markdownCell(report.personLabel(episode.person))) | \(episode.status) | \(Self.duration(latency.idpToScim)) | \(Self.duration(latency.scimToGitlab)) | \(Self.duration(latency.endToEnd)) |")
      }
    }
    lines.append("")

    lines.append("## Inputs")
    lines.append("")
    lines.append("| Input | Format | Records | Decoded | Skipped | Rejected |")
    lines.append("|---|---|---:|---:|---:|---:|")
    for input in report.inputs {
      lines.append("| `\(Escaping.markdownCell(input.path))` | \(input.format ?? "unrecognised") | \(input.records) | \(input.decoded) | \(input.skipped) | \(input.rejected) |")
    }
    if report.rejectionCount > 0 {
      lines.append("")
      lines.append("## Rejected records")
      lines.append("")
      let shown = report.rejections.prefix(listedRejections)
      for rejection in shown {
        lines.append("- `\(Escaping.markdownCell(rejection.locator))`: \(Escaping.markdownCell(rejection.reason))")
      }
      if report.rejectionCount > shown.count {
        lines.append("- … and \(report.rejectionCount - shown.count) more (see report.json)")
      }
    }
    return [RenderedFile(name: "report.md", contents: lines.joined(separator: "\n") + "\n")]
  }

  static func statusLabel(_ status: String) -> String {
    switch status {
    case "pass": return "✅ pass"
    case "fail": return "❌ fail"
    case "unknown": return "❔ unknown"
    default: return "➖ \(status)"
    }
  }

  private static func duration(_ seconds: Double?) -> String {
    seconds.map { Duration.text(seconds: $0) } ?? "—"
  }
}
