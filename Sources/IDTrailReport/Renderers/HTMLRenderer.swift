import IDTrailModel

/// `report.html`: one self-contained page for an auditor — scorecard, controls, findings grouped by
/// control with their evidence, leaver chains timed against the SLA, charts, access at the period's
/// end, people, inputs and rejections.
///
/// Inline CSS, JavaScript and SVG only; no request leaves the page. Everything from an input is
/// HTML-escaped. The page reads fully without JavaScript (the script only adds search and filters,
/// and opens folded parts for printing), prints cleanly, and follows the reader's light or dark
/// colour scheme. Long tables are folded under a summary line and capped; the CSV files and
/// `report.json` hold every row.
public struct HTMLRenderer: ReportRenderer {
  public init() {}

  public let identifier = "html"

  /// Tables with more rows than this start folded under a summary line.
  static let foldAbove = 25
  /// Rows one table shows at most; the CSV files and `report.json` hold the rest.
  static let rowCap = 500
  /// A control's findings start open when it has at most this many.
  static let openGroupLimit = 10
  /// Evidence locators a finding shows before the rest are folded.
  static let shownEvidence = 3

  public func render(_ report: Report, context: RenderContext) throws -> [RenderedFile] {
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
      <title>idtrail access report</title>
      <style>\(HTMLTemplate.style)</style>
      </head>
      <body>

      """
    html += header(report, context)
    html += navigation(report)
    html += scorecard(report)
    html += controls(report)
    html += findings(report, context)
    html += leavers(report, context)
    html += charts(report)
    html += access(report, context)
    html += people(report)
    html += inputs(report, context)
    html += rejections(report)
    html += policy(report)
    html += "<script>\(HTMLTemplate.script)</script>\n</body>\n</html>\n"
    return [RenderedFile(name: "report.html", contents: html)]
  }

  // MARK: - Top of the page

  private func header(_ report: Report, _ context: RenderContext) -> String {
    """
    <header>
    <h1>idtrail access report</h1>
    <p class="muted">Period \(e(context.display(report.period.start))) to \(e(context.display(report.period.end))) · \
    \(report.inputs.count) inputs · \(report.people.count) people · \(report.episodes.count) episodes · \
    \(e(report.tool.name)) \(e(report.tool.version)) · schema \(e(report.schema))</p>
    </header>

    """
  }

  private func navigation(_ report: Report) -> String {
    let leavers = report.episodes.filter { $0.kind == "leaver" }.count
    var links = [
      ("scorecard", "Scorecard"), ("controls", "Controls (\(report.controls.count))"),
      ("findings", "Findings (\(report.findings.count))"), ("leavers", "Leavers (\(leavers))"),
      ("charts", "Charts"), ("access", "Access at the period's end (\(report.accessReview.count))"),
      ("people", "People (\(report.people.count))"), ("inputs", "Inputs (\(report.inputs.count))"),
    ]
    if report.rejectionCount > 0 {
      links.append(("rejections", "Rejected records (\(report.rejectionCount))"))
    }
    links.append(("policy", "Policy"))
    return "<nav class=\"toc\">" + links.map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined(separator: " · ")
      + "</nav>\n"
  }

  private func scorecard(_ report: Report) -> String {
    var html = "<section id=\"scorecard\"><h2>Scorecard</h2>\n<div class=\"cards\">\n"
    for (status, count) in report.controlStatusCounts {
      html +=
        "<div class=\"card\"><b>\(count)</b><span class=\"badge s-\(status)\">\(status)</span> controls</div>\n"
    }
    for (severity, count) in report.findingSeverityCounts where count > 0 {
      html +=
        "<div class=\"card\"><b>\(count)</b><span class=\"badge v-\(severity)\">\(severity)</span> findings</div>\n"
    }
    return html + "</div></section>\n"
  }

  private func controls(_ report: Report) -> String {
    var html = """
      <section id="controls"><h2>Controls</h2>
      <table class="controls"><colgroup><col class="c-id"><col class="c-title"><col class="c-criteria"><col><col class="c-count"></colgroup>
      <thead><tr><th>Control</th><th>Title</th><th>Criteria</th><th>Status</th><th class="num">Findings</th></tr></thead><tbody>

      """
    for control in report.controls {
      let id =
        control.findingCount > 0
        ? "<a href=\"#\(e(groupAnchor(control.id)))\"><code>\(e(control.id))</code></a>"
        : "<code>\(e(control.id))</code>"
      let reason = control.statusReason.map { "<div class=\"reason\">\(folded(LongText($0)))</div>" } ?? ""
      html += """
        <tr data-status="\(e(control.status))"><td>\(id)</td><td>\(e(control.title))</td>\
        <td>\(e(control.criteria.joined(separator: ", ")))</td><td><span class="badge s-\(e(control.status))">\(e(control.status))</span>\(reason)</td>\
        <td class="num">\(control.findingCount)</td></tr>

        """
    }
    return html + "</tbody></table></section>\n"
  }

  // MARK: - Findings

  private func findings(_ report: Report, _ context: RenderContext) -> String {
    var html = "<section id=\"findings\"><h2>Findings (\(report.findings.count))</h2>\n"
    guard !report.findings.isEmpty else { return html + "<p>No findings.</p></section>\n" }
    let groups = report.findingsByControl
    html += """
      <p class="muted">Grouped by control; a control with more than \(Self.openGroupLimit) findings starts folded. \
      Each finding names the records it rests on (<code>path:line</code> or <code>path:#record@byte</code>).</p>
      <div class="filters" hidden><input id="finding-search" type="search" placeholder="Search findings" aria-label="Search findings">
      <select id="finding-severity" aria-label="Severity"><option value="">All severities</option>\
      \(Report.severities.map { "<option>\($0)</option>" }.joined())</select>
      <select id="finding-control" aria-label="Control"><option value="">All controls</option>\
      \(groups.map { "<option>\(e($0.control))</option>" }.joined())</select>
      <span id="finding-count" class="muted" aria-live="polite"></span></div>

      """
    for (control, members) in groups {
      let title = report.control(control)?.title ?? ""
      let severities = Report.severities.compactMap { severity -> String? in
        let count = members.filter { $0.severity == severity }.count
        return count == 0 ? nil : "<span class=\"badge v-\(severity)\">\(count) \(severity)</span>"
      }.joined(separator: " ")
      html += """
        <details class="group" id="\(e(groupAnchor(control)))" data-control="\(e(control))"\(members.count <= Self.openGroupLimit ? " open" : "")>\
        <summary><code>\(e(control))</code> \(e(title)) · \(members.count) \(members.count == 1 ? "finding" : "findings") \(severities)</summary>
        <table class="findings"><colgroup><col class="c-severity"><col class="c-person"><col class="c-time"><col><col class="c-evidence"></colgroup>
        <thead><tr><th>Severity</th><th>Person</th><th>When</th><th>Summary</th><th>Evidence</th></tr></thead><tbody>

        """
      for finding in members.prefix(Self.rowCap) {
        html += findingRow(finding, report, context)
      }
      html += "</tbody></table>\n" + capNote(members.count, file: "findings.csv") + "</details>\n"
    }
    return html + "</section>\n"
  }

  private func findingRow(_ finding: Report.Finding, _ report: Report, _ context: RenderContext) -> String {
    let person =
      finding.person.map { "<span title=\"\(e($0.id))\">\(e(report.personLabel($0.id)))</span>" } ?? "—"
    let when = finding.time.map { e(context.display($0)) } ?? "—"
    let items = finding.evidence.map { item in
      let native = item.nativeID.map { " title=\"native ID \(e($0))\"" } ?? ""
      return "<code\(native)>\(path(item.locator))</code>"
        + (item.kind == "inferred" ? " <small class=\"warn\">inferred</small>" : "")
    }
    var evidence = items.prefix(Self.shownEvidence).joined(separator: "<br>")
    if items.count > Self.shownEvidence {
      evidence +=
        "<details class=\"more\"><summary>\(items.count - Self.shownEvidence) more</summary>"
        + items.dropFirst(Self.shownEvidence).joined(separator: "<br>") + "</details>"
    }
    return """
      <tr id="\(e(finding.id))" data-severity="\(e(finding.severity))" data-control="\(e(finding.control))">\
      <td><span class="badge v-\(e(finding.severity))">\(e(finding.severity))</span></td><td>\(person)</td>\
      <td class="time">\(when)</td><td>\(folded(LongText(finding.summary)))</td><td>\(evidence)</td></tr>

      """
  }

  // MARK: - Leavers

  private func leavers(_ report: Report, _ context: RenderContext) -> String {
    let leavers = report.episodes.filter { $0.kind == "leaver" }
    var html = "<section id=\"leavers\"><h2>Leaver chains (\(leavers.count))</h2>\n"
    guard !leavers.isEmpty else { return html + "<p>No leavers in the period.</p></section>\n" }
    let statuses = ["complete", "late", "incomplete", "failed"].compactMap { status -> String? in
      let count = leavers.filter { $0.status == status }.count
      return count == 0 ? nil : "\(count) \(status)"
    }
    html += "<p>\(statuses.joined(separator: " · ")).</p>\n"
    html +=
      "<p class=\"muted\">Each leaver's steps from the directory or IdP through SCIM to GitLab, with the time each hop took"
    if let sla = report.leaverSLASeconds {
      html +=
        "; a hop to the next stage is green within half of the leaver SLA of \(e(Duration.text(seconds: sla))), amber within it, red past it"
    }
    html += ".</p>\n"
    var table = """
      <table class="chains"><colgroup><col class="c-hop"><col class="c-time"><col class="c-stage"><col class="c-action"><col></colgroup>
      <thead><tr><th>Hop</th><th>When</th><th>Stage</th><th>Action</th><th>Evidence</th></tr></thead>

      """
    for episode in leavers.prefix(Self.rowCap) {
      table += chain(episode, report, context)
    }
    table += "</table>\n" + capNote(leavers.count, file: "episodes.csv")
    return html + fold(leavers.count, noun: "leaver chains", table) + "</section>\n"
  }

  private func chain(_ episode: Report.Episode, _ report: Report, _ context: RenderContext) -> String {
    let badge = episode.status == "complete" ? "pass" : "fail"
    let outcome: String
    if let total = episode.latencySeconds.endToEnd {
      outcome = "end to end \(hopLabel(total, report))"
    } else if episode.steps.contains(where: { $0.stage == "gitlab" }) {
      outcome = "no upstream deprovision to time it from"
    } else {
      outcome = "<span class=\"late\">no GitLab removal observed</span>"
    }
    var html = """
      <tbody class="chain"><tr class="who"><th colspan="5">\(e(report.personLabel(episode.person))) \
      <span class="badge s-\(badge)">\(e(episode.status))</span> · \(outcome)</th></tr>

      """
    for (index, step) in episode.steps.enumerated() {
      var hop = ""
      if index > 0 {
        let previous = episode.steps[index - 1]
        let seconds = step.time.seconds(since: previous.time)
        // Only a hop to the next stage is timed against the SLA; steps within one stage are context.
        hop =
          "+"
          + (previous.stage == step.stage
            ? "<span class=\"muted\">\(e(Duration.text(seconds: seconds)))</span>"
            : hopLabel(seconds, report))
      }
      let inferred = step.evidence == "inferred" ? " <small class=\"warn\">inferred</small>" : ""
      html += """
        <tr><td class="hop">\(hop)</td><td class="time">\(e(context.display(step.time)))</td>\
        <td><b class="stage st-\(e(step.stage))">\(e(step.stage))</b></td><td>\(e(step.action))\(inferred)</td>\
        <td><code>\(path(step.locator))</code></td></tr>

        """
    }
    return html + "</tbody>\n"
  }

  /// A latency, green within half of the SLA, amber within it, red past it.
  private func hopLabel(_ seconds: Double, _ report: Report) -> String {
    let text = e(Duration.text(seconds: seconds))
    guard let sla = report.leaverSLASeconds else { return text }
    let style = seconds > sla ? "late" : seconds > sla / 2 ? "warn" : "ok"
    return "<span class=\"\(style)\">\(text)</span>"
  }

  // MARK: - Charts

  private func charts(_ report: Report) -> String {
    let untimed = report.episodes.filter { $0.kind == "leaver" && $0.latencySeconds.endToEnd == nil }.count
    let note =
      untimed == 0
      ? ""
      : "<p class=\"muted\">\(untimed) \(untimed == 1 ? "leaver" : "leavers") without an end-to-end time (no GitLab removal observed) not drawn.</p>"
    return """
      <section id="charts"><h2>Charts</h2><div class="charts">
      <figure><figcaption>Time to revoke per leaver</figcaption>\(HTMLCharts.timeToRevoke(report))\(note)</figure>
      <figure><figcaption>Events per day by stage</figcaption>\(HTMLCharts.eventsPerDay(report))</figure>
      <figure><figcaption>Joiners, movers and leavers per month</figcaption>\(HTMLCharts.episodesPerMonth(report))</figure>
      </div></section>

      """
  }

  // MARK: - Reference tables

  private func access(_ report: Report, _ context: RenderContext) -> String {
    let html = """
      <section id="access"><h2>Access at the period's end (\(report.accessReview.count))</h2>
      <p class="muted">Who holds what at \(e(context.display(report.period.end))), as <code>access-review.csv</code> lists it for an access review.</p>

      """
    guard !report.accessReview.isEmpty else {
      return html + "<p>No access known at the period's end.</p></section>\n"
    }
    var table = """
      <table><thead><tr><th>Account</th><th>Owner</th><th>Resource</th><th>Role</th><th>Status</th><th>Since</th>\
      <th>Deactivated</th><th>Evidence</th></tr></thead><tbody>

      """
    for entry in report.accessReview.prefix(Self.rowCap) {
      table += """
        <tr><td>\(e(entry.account))</td><td>\(e(entry.owner ?? "—"))</td><td><code>\(e(entry.resource))</code></td>\
        <td>\(e(entry.role))</td><td>\(e(entry.status))</td><td class="time">\(entry.created.map { e(context.display($0)) } ?? "—")</td>\
        <td class="time">\(entry.deactivated.map { e(context.display($0)) } ?? "—")</td><td>\(e(entry.evidence))</td></tr>

        """
    }
    table += "</tbody></table>\n" + capNote(report.accessReview.count, file: "access-review.csv")
    return html + fold(report.accessReview.count, noun: "accounts", table) + "</section>\n"
  }

  private func people(_ report: Report) -> String {
    var table = """
      <table><colgroup><col class="c-person-id"><col class="c-name"><col></colgroup>
      <thead><tr><th>Person</th><th>Name</th><th>Identifiers (learned from)</th></tr></thead><tbody>

      """
    for person in report.people.prefix(Self.rowCap) {
      let identifiers = person.identifiers.map {
        "\(e($0.kind)) <code>\(e($0.value))</code> <small class=\"muted\">\(path($0.learnedFrom))</small>"
      }.joined(separator: "<br>")
      table +=
        "<tr><td><code>\(e(person.id))</code></td><td>\(e(person.displayName))</td><td>\(identifiers)</td></tr>\n"
    }
    table += "</tbody></table>\n" + capNote(report.people.count, file: "people.csv")
    return "<section id=\"people\"><h2>People (\(report.people.count))</h2>\n"
      + fold(report.people.count, noun: "people", table) + "</section>\n"
  }

  private func inputs(_ report: Report, _ context: RenderContext) -> String {
    let records = report.inputs.map(\.records).reduce(0, +)
    let decoded = report.inputs.map(\.decoded).reduce(0, +)
    let skipped = report.inputs.map(\.skipped).reduce(0, +)
    let rejected = report.inputs.map(\.rejected).reduce(0, +)
    let unrecognised = report.inputs.filter { $0.format == nil }.count
    var html = """
      <section id="inputs"><h2>Inputs (\(report.inputs.count))</h2>
      <p>\(records) records: \(decoded) decoded, \(skipped) skipped, \(rejected) rejected\
      \(unrecognised > 0 ? "; \(unrecognised) inputs not recognised as any format" : "").</p>

      """
    var table = """
      <table class="inputs"><colgroup><col><col class="c-format"><col class="c-count"><col class="c-count"><col class="c-count">\
      <col class="c-count"><col class="c-coverage"><col class="c-hash"></colgroup>
      <thead><tr><th>Input</th><th>Format</th><th class="num">Records</th><th class="num">Decoded</th>\
      <th class="num">Skipped</th><th class="num">Rejected</th><th>Coverage</th><th>SHA-256</th></tr></thead><tbody>

      """
    for input in report.inputs.prefix(Self.rowCap) {
      let coverage =
        input.coverage.map { "\(e(context.display($0.start))) to \(e(context.display($0.end)))" } ?? "—"
      table += """
        <tr><td><code>\(path(input.path))</code></td><td>\(e(input.format ?? "unrecognised"))</td><td class="num">\(input.records)</td>\
        <td class="num">\(input.decoded)</td><td class="num">\(input.skipped)</td><td class="num">\(input.rejected)</td>\
        <td>\(coverage)</td><td><code class="hash">\(e(input.sha256))</code></td></tr>

        """
    }
    table += "</tbody></table>\n" + capNote(report.inputs.count, file: "inputs.csv")
    html += fold(report.inputs.count, noun: "inputs", table)
    return html + "</section>\n"
  }

  private func rejections(_ report: Report) -> String {
    guard report.rejectionCount > 0 else { return "" }
    var list = "<ul class=\"rejections\">\n"
    for rejection in report.rejections {
      list += "<li><code>\(path(rejection.locator))</code>: \(e(rejection.reason))</li>\n"
    }
    if report.rejectionCount > report.rejections.count {
      list +=
        "<li>… and \(report.rejectionCount - report.rejections.count) more (<code>idtrail inspect</code> lists them all).</li>\n"
    }
    list += "</ul>\n"
    return "<section id=\"rejections\"><h2>Rejected records (\(report.rejectionCount))</h2>\n"
      + fold(report.rejections.count, noun: "rejected records", list) + "</section>\n"
  }

  private func policy(_ report: Report) -> String {
    var html = "<section id=\"policy\"><h2>Policy as applied</h2>\n<table class=\"policy\"><tbody>\n"
    for key in report.policy.keys.sorted() {
      html += "<tr><th>\(e(key))</th><td>\(e(report.policy[key] ?? ""))</td></tr>\n"
    }
    return html + "</tbody></table></section>\n"
  }

  // MARK: - Pieces

  /// `content` as is when it has few rows, else folded under a summary line.
  private func fold(_ count: Int, noun: String, _ content: String) -> String {
    guard count > Self.foldAbove else { return content }
    return "<details class=\"fold\"><summary>Show all \(count) \(noun)</summary>\n\(content)</details>\n"
  }

  /// Says that a table stops at `rowCap` rows and where the others are.
  private func capNote(_ count: Int, file: String) -> String {
    guard count > Self.rowCap else { return "" }
    return "<p class=\"muted\">The first \(Self.rowCap) of \(count) are shown; <code>\(file)</code> "
      + "(<code>--format csv</code>) and <code>report.json</code> hold them all.</p>\n"
  }

  /// A long text's lead, with the rest folded under "more".
  private func folded(_ text: LongText) -> String {
    guard let rest = text.rest else { return e(text.lead) }
    return e(text.lead) + "<details class=\"more\"><summary>more</summary>\(e(rest))</details>"
  }

  /// A path or locator, escaped, with a line-break opportunity after each `/` so that long paths
  /// wrap between folders rather than inside names.
  private func path(_ text: String) -> String {
    e(text).split(separator: "/", omittingEmptySubsequences: false).joined(separator: "/<wbr>")
  }

  /// The anchor of a control's findings group.
  private func groupAnchor(_ control: String) -> String { "findings-" + control }

  private func e(_ text: String) -> String { Escaping.html(text) }
}
