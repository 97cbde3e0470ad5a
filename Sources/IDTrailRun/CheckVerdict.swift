import IDTrailReport

/// What `idtrail check` decides for CI: which findings count, and the exit code.
///
/// A finding counts when its severity is at or above `--fail-on` and, with `--baseline`, its id is
/// not in the baseline report. Exit 1 when any finding counts; otherwise exit 2 under `--strict`
/// when a control is `unknown`; otherwise 0.
public struct CheckVerdict: Sendable, Equatable {
  /// The findings that fail the check.
  public var failing: [Report.Finding]
  /// Controls whose status is `unknown`.
  public var unknownControls: [String]
  /// The severity threshold (`--fail-on`).
  public var failOn: String
  public var exitCode: Int32

  public init(report: Report, failOn: String, strict: Bool, baseline: Report?) {
    self.failOn = failOn
    let threshold = Report.severities.firstIndex(of: failOn) ?? 0
    let known = Set(baseline?.findings.map(\.id) ?? [])
    failing = report.findings.filter { finding in
      (Report.severities.firstIndex(of: finding.severity) ?? Report.severities.count) <= threshold
        && !known.contains(finding.id)
    }
    unknownControls = report.controls.filter { $0.status == "unknown" }.map(\.id)
    if !failing.isEmpty {
      exitCode = 1
    } else if strict && !unknownControls.isEmpty {
      exitCode = 2
    } else {
      exitCode = 0
    }
  }
}
