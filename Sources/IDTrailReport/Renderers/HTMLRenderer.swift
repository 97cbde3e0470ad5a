import IDTrailModel

/// `report.html`: one self-contained page for an auditor — scorecard, controls, findings with
/// their evidence, leaver chains timed against the SLA, charts, people, inputs and rejections.
///
/// Inline CSS, JavaScript and SVG only; no request leaves the page. Everything from an input is
/// HTML-escaped. The page reads fully without JavaScript (the script only adds search and filters),
/// prints cleanly, and follows the reader's light or dark colour scheme.
public struct HTMLRenderer: ReportRenderer {
  public init() {}

  public let identifier = "html"

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
    html += scorecard(report)
    html += controls(report)
    html += findings(report, context)
    html += leavers(report, context)
    html += charts(report)
    html += people(report)
    html += inputs(report, context)
    html += rejections(report)
    html += policy(report)
    html += "<script>\(HTMLTemplate.script)</script>\n</body>\n</html>\n"
    return [RenderedFile(name: "report.html", contents: html)]
  }

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

  private func scorecard(_ report: Report) -> String {
    var html = "<section id=\"scorecard\"><h2>Scorecard</h2>\n<div class=\"cards\">\n"
    for (status, count) in report.controlStatusCounts {
      html += "<div class=\"card\"><b>\(count)</b><span class=\"badge s-\(status)\">\(status)</span> controls</div>\n"
    }
    for (severity, count) in report.findingSeverityCounts where count > 0 {
      html += "<div class=\"card\"><b>\(count)</b><span class=\"badge v-\(severity)\">\(severity)</span> findings</div>\n"
    }
    return html + "</div></section>\n"
  }

  private func controls(_ report: Report) -> String {
    var html = """
      <section id="controls"><h2>Controls</h2>
      <table><thead><tr><th>Control</th><th>Title</th><th>Criteria</th><th>Status</th><th class="num">Findings</th></tr></thead><tbody>

      """
    for control in report.controls {
      let reason = control.statusReason.map { "<br><small class=\"muted\">\(e($0))</small>" } ?? ""
      html += """
        <tr data-status="\(e(control.status))"><td><code>\(e(control.id))</code></td><td>\(e(control.title))</td>\
        <td>\(e(control.criteria.joined(separator: ", ")))</td><td><span class="badge s-\(e(control.status))">\(e(control.status))</span>\(reason)</td>\
        <td class="num">\(control.findingCount)</td></tr>

        """
    }
    return html + "</tbody></table></section>\n"
  }

  private func findings(_ report: Report, _ context: RenderContext) -> String {
    var html = "<section><h2>Findings</h2>\n"
    guard !report.findings.isEmpty else { return html + "<p>No findings.</p></section>\n" }
    let controlIDs = Array(Set(report.findings.map(\.control))).sorted()
    html += """
      <div class="filters" hidden><input id="finding-search" type="search" placeholder="Search findings" aria-label="Search findings">
      <select id="finding-severity" aria-label="Severity"><option value="">All severities</option>\
      \(Report.severities.map { "<option>\($0)</option>" }.joined())</select>
      <select id="finding-control" aria-label="Control"><option value="">All controls</option>\
      \(controlIDs.map { "<option>\(e($0))</option>" }.joined())</select></div>
      <table id="findings"><thead><tr><th>Severity</th><th>Control</th><th>Person</th><th>When</th><th>Summary</th><th>Evidence</th></tr></thead><tbody>

      """
    for finding in report.findings {
      let person = finding.person.map { e(report.personLabel($0.id)) } ?? "—"
      let when = finding.time.map { e(context.display($0)) } ?? "—"
      let evidence = finding.evidence.map { item in
        "<code>\(e(item.locator))</code>" + (item.kind == "inferred" ? " <small class=\"warn\">inferred</small>" : "")
      }.joined(separator: "<br>")
      html += """
        <tr id="\(e(finding.id))" data-severity="\(e(finding.severity))" data-control="\(e(finding.control))">\
        <td><span class="badge v-\(e(finding.severity))">\(e(finding.severity))</span></td><td><code>\(e(finding.control))</code></td>\
        <td>\(person)</td><td>\(when)</td><td>\(e(finding.summary))</td><td>\(evidence)</td></tr>

        """
    }
    return html + "</tbody></table></section>\n"
  }

  private func leavers(_ report: Report, _ context: RenderContext) -> String {
    let leavers = report.episodes.filter { $0.kind == "leaver" }
    var html = "<section id=\"leavers\"><h2>Leaver chains</h2>\n"
    guard !leavers.isEmpty else { return html + "<p>No leavers in the period.</p></section>\n" }
    if let sla = report.leaverSLASeconds {
      html += "<p class=\"muted\">Hop times are coloured against the leaver SLA of \(e(Duration.text(seconds: sla))).</p>\n"
    }
    for episode in leavers {
      let total = episode.latencySeconds.endToEnd.map { " · end to end \(hopLabel($0, report))" } ?? ""
      html += "<h3>\(e(report.personLabel(episode.person))) <span class=\"badge s-\(episode.status == "complete" ? "pass" : "fail")\">\(e(episode.status))</span>\(total)</h3>\n<div class=\"chain\">"
      for (index, step) in episode.steps.enumerated() {
        if index > 0 {
          let gap = step.time.seconds(since: episode.steps[index - 1].time)
          html += "<span class=\"hop\">→ \(hopLabel(gap, report)) →</span>"
        }
        let inferred = step.evidence == "inferred" ? " <small class=\"warn\">inferred</small>" : ""
        html += """
          <div class="step"><b style="color: var(--\(e(step.stage)))">\(e(step.stage))</b> \(e(step.action))\(inferred)\
          <small>\(e(context.display(step.time)))</small><small><code>\(e(step.locator))</code></small></div>
          """
      }
      html += "</div>\n"
    }
    return html + "</section>\n"
  }

  /// A latency, green within the SLA, amber past half of it, red past it.
  private func hopLabel(_ seconds: Double, _ report: Report) -> String {
    let text = e(Duration.text(seconds: seconds))
    guard let sla = report.leaverSLASeconds else { return text }
    let style = seconds > sla ? "late" : seconds > sla / 2 ? "warn" : "ok"
    return "<span class=\"\(style)\">\(text)</span>"
  }

  private func charts(_ report: Report) -> String {
    """
    <section id="charts"><h2>Charts</h2><div class="charts">
    <figure><figcaption>Time to revoke per leaver</figcaption>\(HTMLCharts.timeToRevoke(report))</figure>
    <figure><figcaption>Events per day by stage</figcaption>\(HTMLCharts.eventsPerDay(report))</figure>
    <figure><figcaption>Joiners, movers and leavers per month</figcaption>\(HTMLCharts.episodesPerMonth(report))</figure>
    </div></section>

    """
  }

  private func people(_ report: Report) -> String {
    var html = """
      <section id="people"><h2>People</h2>
      <table><thead><tr><th>Person</th><th>Name</th><th>Identifiers (learned from)</th></tr></thead><tbody>

      """
    for person in report.people {
      let identifiers = person.identifiers.map {
        "\(e($0.kind)) <code>\(e($0.value))</code> <small class=\"muted\">\(e($0.learnedFrom))</small>"
      }.joined(separator: "<br>")
      html += "<tr><td><code>\(e(person.id))</code></td><td>\(e(person.displayName))</td><td>\(identifiers)</td></tr>\n"
    }
    return html + "</tbody></table></section>\n"
  }

  private func inputs(_ report: Report, _ context: RenderContext) -> String {
    var html = """
      <section id="inputs"><h2>Inputs</h2>
      <table><thead><tr><th>Input</th><th>Format</th><th class="num">Records</th><th class="num">Decoded</th>\
      <th class="num">Skipped</th><th class="num">Rejected</th><th>Coverage</th><th>SHA-256</th></tr></thead><tbody>

      """
    for input in report.inputs {
      let coverage = input.coverage.map { "\(e(context.display($0.start))) to \(e(context.display($0.end)))" } ?? "—"
      html += """
        <tr><td><code>\(e(input.path))</code></td><td>\(e(input.format ?? "unrecognised"))</td><td class="num">\(input.records)</td>\
        <td class="num">\(input.decoded)</td><td class="num">\(input.skipped)</td><td class="num">\(input.rejected)</td>\
        <td>\(coverage)</td><td><code>\(e(input.sha256))</code></td></tr>

        """
    }
    return html + "</tbody></table></section>\n"
  }

  private func rejections(_ report: Report) -> String {
    guard report.rejectionCount > 0 else { return "" }
    var html = "<section id=\"rejections\"><h2>Rejected records (\(report.rejectionCount))</h2>\n<ul>\n"
    for rejection in report.rejections {
      html += "<li><code>\(e(rejection.locator))</code>: \(e(rejection.reason))</li>\n"
    }
    if report.rejectionCount > report.rejections.count {
      html += "<li>… and \(report.rejectionCount - report.rejections.count) more.</li>\n"
    }
    return html + "</ul></section>\n"
  }

  private func policy(_ report: Report) -> String {
    var html = "<section id=\"policy\"><h2>Policy as applied</h2>\n<table><tbody>\n"
    for key in report.policy.keys.sorted() {
      html += "<tr><th>\(e(key))</th><td>\(e(report.policy[key] ?? ""))</td></tr>\n"
    }
    return html + "</tbody></table></section>\n"
  }

  private func e(_ text: String) -> String { Escaping.html(text) }
}
