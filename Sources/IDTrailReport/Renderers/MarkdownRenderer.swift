import IDTrailModel

/// `report.md`: the report's story for a merge request comment or a wiki page.
///
/// Everything from an input goes through `Escaping.markdownCell` (or `markdownCode`), so no name,
/// summary or locator can break a table, inject HTML or links, or mention anyone. Long control
/// texts show their lead only, findings are grouped by control, and long lists are folded in
/// `<details>` (GitLab and GitHub render Markdown inside it).
public struct MarkdownRenderer: ReportRenderer {
  public init() {}

  public let identifier = "md"

  /// How many rejections the Markdown lists; the count covers them all.
  private let listedRejections = 20
  /// Lists longer than this are folded in `<details>`.
  private let foldAbove = 10
  /// Rows one table shows at most; the CSV files and `report.json` hold the rest.
  private let rowCap = 200
  /// Evidence locators a finding shows before it says how many more there are.
  private let shownEvidence = 3

  public func render(_ report: Report, context: RenderContext) throws -> [RenderedFile] {
    var lines: [String] = []
    let period = "\(context.display(report.period.start)) to \(context.display(report.period.end))"
    lines.append("# idtrail access report")
    lines.append("")
    lines.append(
      "Period: \(period). \(report.inputs.count) inputs, \(report.people.count) people, \(report.episodes.count) episodes."
    )
    lines.append("")
    let statuses = report.controlStatusCounts.filter { $0.count > 0 }
      .map { "\(Self.statusLabel($0.status)) \($0.count)" }.joined(separator: " · ")
    let severities = report.findingSeverityCounts.filter { $0.count > 0 }
      .map { "\($0.count) \($0.severity)" }.joined(separator: ", ")
    lines.append("**Controls:** \(statuses)  ")
    lines.append("**Findings:** \(report.findings.count)\(severities.isEmpty ? "" : " (\(severities))")")
    lines.append("")
    lines.append("Texts ending in … are cut here; the HTML report and `report.json` hold them in full.")
    lines.append("")
    lines += controls(report)
    lines += findings(report, context)
    lines += leavers(report)
    lines += inputs(report)
    lines += rejections(report)
    return [RenderedFile(name: "report.md", contents: lines.joined(separator: "\n") + "\n")]
  }

  private func controls(_ report: Report) -> [String] {
    var lines = [
      "## Controls", "", "| Control | Title | Criteria | Status | Findings |", "|---|---|---|---|---:|",
    ]
    for control in report.controls {
      let reason = control.statusReason.map { ": " + Self.lead($0) } ?? ""
      lines.append(
        "| \(Escaping.markdownCode(control.id)) | \(Escaping.markdownCell(control.title)) | "
          + "\(Escaping.markdownCell(control.criteria.joined(separator: ", "))) | "
          + "\(Self.statusLabel(control.status))\(reason) | \(control.findingCount) |")
    }
    return lines + [""]
  }

  private func findings(_ report: Report, _ context: RenderContext) -> [String] {
    var lines = ["## Findings", ""]
    guard !report.findings.isEmpty else { return lines + ["No findings.", ""] }
    for (control, members) in report.findingsByControl {
      let title = report.control(control).map { " " + Escaping.markdownCell($0.title) } ?? ""
      lines.append("### \(Escaping.markdownCode(control))\(title) (\(members.count))")
      lines.append("")
      var table = ["| Severity | Person | When | Summary | Evidence |", "|---|---|---|---|---|"]
      for finding in members.prefix(rowCap) {
        let person = finding.person.map { Escaping.markdownCell(report.personLabel($0.id)) } ?? "—"
        let when = finding.time.map(context.display) ?? "—"
        var evidence = finding.evidence.prefix(shownEvidence).map { item in
          Escaping.markdownCode(item.locator) + (item.kind == "inferred" ? " (inferred)" : "")
        }
        if finding.evidence.count > shownEvidence {
          evidence.append("and \(finding.evidence.count - shownEvidence) more")
        }
        table.append(
          "| \(Escaping.markdownCell(finding.severity)) | \(person) | \(when) | \(Self.lead(finding.summary)) | "
            + "\(evidence.joined(separator: "<br>")) |")
      }
      if members.count > rowCap { table += ["", capNote(members.count, file: "findings.csv")] }
      lines += fold(members.count, noun: "findings", table)
      lines.append("")
    }
    return lines
  }

  private func leavers(_ report: Report) -> [String] {
    let leavers = report.episodes.filter { $0.kind == "leaver" }
    let lines = ["## Leavers", ""]
    guard !leavers.isEmpty else { return lines + ["No leavers in the period.", ""] }
    var table = ["| Person | Status | IdP → SCIM | SCIM → GitLab | End to end |", "|---|---|---:|---:|---:|"]
    for episode in leavers.prefix(rowCap) {
      let latency = episode.latencySeconds
      table.append(
        "| \(Escaping.markdownCell(report.personLabel(episode.person))) | \(Escaping.markdownCell(episode.status)) | "
          + "\(Self.duration(latency.idpToScim)) | \(Self.duration(latency.scimToGitlab)) | \(Self.duration(latency.endToEnd)) |"
      )
    }
    if leavers.count > rowCap { table += ["", capNote(leavers.count, file: "episodes.csv")] }
    return lines + fold(leavers.count, noun: "leavers", table) + [""]
  }

  private func inputs(_ report: Report) -> [String] {
    var lines = ["## Inputs", ""]
    let records = report.inputs.map(\.records).reduce(0, +)
    let decoded = report.inputs.map(\.decoded).reduce(0, +)
    lines.append("\(report.inputs.count) inputs, \(records) records, \(decoded) decoded.")
    lines.append("")
    var table = [
      "| Input | Format | Records | Decoded | Skipped | Rejected |", "|---|---|---:|---:|---:|---:|",
    ]
    for input in report.inputs.prefix(rowCap) {
      table.append(
        "| \(Escaping.markdownCode(input.path)) | \(Escaping.markdownCell(input.format ?? "unrecognised")) | "
          + "\(input.records) | \(input.decoded) | \(input.skipped) | \(input.rejected) |")
    }
    if report.inputs.count > rowCap { table += ["", capNote(report.inputs.count, file: "inputs.csv")] }
    return lines + fold(report.inputs.count, noun: "inputs", table)
  }

  private func rejections(_ report: Report) -> [String] {
    guard report.rejectionCount > 0 else { return [] }
    var list: [String] = []
    let shown = report.rejections.prefix(listedRejections)
    for rejection in shown {
      list.append("- \(Escaping.markdownCode(rejection.locator)): \(Escaping.markdownCell(rejection.reason))")
    }
    if report.rejectionCount > shown.count {
      list.append(
        "- … and \(report.rejectionCount - shown.count) more (`report.json` lists the first ones, `idtrail inspect` all)"
      )
    }
    return ["", "## Rejected records (\(report.rejectionCount))", ""]
      + fold(shown.count, noun: "rejected records", list)
  }

  /// `lines` as they are when there are few, else inside `<details>` (blank lines around the
  /// Markdown, as GitLab and GitHub need to render it there).
  private func fold(_ count: Int, noun: String, _ lines: [String]) -> [String] {
    guard count > foldAbove else { return lines }
    return ["<details><summary>\(count) \(noun)</summary>", ""] + lines + ["", "</details>"]
  }

  private func capNote(_ count: Int, file: String) -> String {
    "The first \(rowCap) of \(count) are listed; `\(file)` and `report.json` hold them all."
  }

  /// A control's text as a table cell shows it: its lead, with `…` when the rest is cut.
  private static func lead(_ text: String) -> String {
    let long = LongText(text)
    let lead = long.lead.hasSuffix(" …") ? String(long.lead.dropLast(2)) : long.lead
    return Escaping.markdownCell(lead) + (long.rest == nil ? "" : " …")
  }

  static func statusLabel(_ status: String) -> String {
    switch status {
    case "pass": return "✅ pass"
    case "fail": return "❌ fail"
    case "unknown": return "❔ unknown"
    default: return "➖ \(Escaping.markdownCell(status))"
    }
  }

  private static func duration(_ seconds: Double?) -> String {
    seconds.map { Duration.text(seconds: $0) } ?? "—"
  }
}
