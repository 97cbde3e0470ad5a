/// `metrics.txt`: OpenMetrics text for GitLab's `artifacts:reports:metrics`, so a merge request
/// shows how the numbers moved.
public struct MetricsRenderer: ReportRenderer {
  public init() {}

  public let identifier = "metrics"

  public func render(_ report: Report, context: RenderContext) throws -> [RenderedFile] {
    var lines: [String] = []
    lines.append("# TYPE idtrail_findings gauge")
    lines.append("# HELP idtrail_findings Findings per control.")
    for control in report.controls {
      lines.append("idtrail_findings{control=\"\(Self.label(control.id))\"} \(control.findingCount)")
    }
    lines.append("# TYPE idtrail_controls gauge")
    lines.append("# HELP idtrail_controls Controls per status.")
    for (status, count) in report.controlStatusCounts {
      lines.append("idtrail_controls{status=\"\(status)\"} \(count)")
    }
    lines.append("# TYPE idtrail_leaver_end_to_end_seconds gauge")
    lines.append("# HELP idtrail_leaver_end_to_end_seconds Leaver end-to-end latency quantiles.")
    for quantile in [0.5, 0.95] {
      if let value = report.leaverLatencyQuantile(quantile) {
        lines.append("idtrail_leaver_end_to_end_seconds{quantile=\"\(quantile)\"} \(Int(value.rounded()))")
      }
    }
    lines.append("# TYPE idtrail_records gauge")
    lines.append("# HELP idtrail_records Input records by what became of them.")
    for (outcome, count) in [
      ("decoded", report.inputs.map(\.decoded).reduce(0, +)),
      ("skipped", report.inputs.map(\.skipped).reduce(0, +)),
      ("rejected", report.inputs.map(\.rejected).reduce(0, +)),
    ] {
      lines.append("idtrail_records{outcome=\"\(outcome)\"} \(count)")
    }
    lines.append("# EOF")
    return [RenderedFile(name: "metrics.txt", contents: lines.joined(separator: "\n") + "\n")]
  }

  private static func label(_ value: String) -> String { Escaping.openMetricsLabel(value) }
}
