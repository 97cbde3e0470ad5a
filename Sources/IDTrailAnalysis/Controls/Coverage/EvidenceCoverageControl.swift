import IDTrailModel

/// `evidence-coverage`: every source covers the whole period, without gaps.
///
/// Per stage (directory, idp, scim, gitlab), the logs that speak for it are laid over the window:
/// each covers its first to its last record (a quiet stretch inside one log is not a gap).
/// - Fail: a finding (medium) per uncovered stretch longer than the policy's
///   `coverageGapLimitHours` in a stage that has logs, citing the last record before it and the
///   first after.
/// - Unknown: no gap finding, but no IdP or directory log at all, or no GitLab log at all: the
///   controls that need them cannot see the period. A stage with no log, where other evidence
///   can stand in (directory beside an IdP, SCIM beside GitLab), is only named in the reason.
/// - Pass: otherwise. Never not-applicable.
///
/// The reason lists each stage's inputs and covered spans, so every other control's `unknown`
/// can be traced back here.
public struct EvidenceCoverageControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "evidence-coverage", title: "Every source covers the whole period", criteria: ["CC7.2"],
    rationale: """
      Every other control is only as good as the logs behind it. Each stage's inputs must cover \
      the whole period; a stretch no input covers, longer than the policy allows, is a gap an \
      auditor must know about.
      """,
    severity: .medium, requires: [.upstreamLog, .gitlabLog],
    examples: [
      ControlExample(
        "IdP, SCIM and GitLab logs cover the period", .pass,
        [.idp(.authSuccess, "lia", "07-02 09:00"), .scim(.create, "lia", "07-02 09:00", status: 201)]),
      ControlExample(
        "a day missing at each end is within the limit", .pass,
        [
          .input(.oktaSystemLog, "07-02 00:00", "09-30 00:00"),
          .idp(.authSuccess, "lia", "07-02 09:00"),
          .gitlab(.mfaEnable, "lia", "07-02 09:00", by: "lia"),
        ]),
      ControlExample(
        "the IdP log stops at the end of July", .fail, [.finding(nil, .medium)],
        [
          .input(.oktaSystemLog, "07-01 00:00", "08-01 00:00"),
          .idp(.authSuccess, "lia", "07-02 09:00"),
          .gitlab(.mfaEnable, "lia", "07-02 09:00", by: "lia"),
        ]),
      ControlExample(
        "no IdP or directory log at all", .unknown, [.gitlab(.mfaEnable, "lia", "07-02 09:00", by: "lia")]),
    ])

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    let stages = context.coverage.stages()
    let limit = DurationText.figure(context.policy.coverageGapLimitHours, "hour")
    for stage in stages {
      for gap in stage.gaps {
        let paths = Set(stage.inputs)
        verdict.add(
          key: "\(stage.stage.rawValue)|\(gap.start.nanosecondsSinceEpoch)", person: nil,
          summary:
            "no \(stage.stage.rawValue)-stage log covers \(gap) (\(DurationText.text(seconds: gap.seconds)), "
            + "over the limit of \(limit)); inputs for this stage: \(stage.inputs.joined(separator: ", "))",
          time: gap.start, evidence: Self.bounds(of: gap, paths: paths, context))
      }
    }
    let upstreamAbsent = stages.allSatisfy {
      ($0.stage == .idp || $0.stage == .directory) ? $0.isAbsent : true
    }
    if upstreamAbsent { verdict.addMissing(context.coverage.missing(.upstreamLog)) }
    if stages.first(where: { $0.stage == .gitlab })?.isAbsent ?? true {
      verdict.addMissing(context.coverage.missing(.gitlabLog))
    }
    return verdict.result(summary: stages.map(Self.describe).joined(separator: "; "))
  }
}

extension EvidenceCoverageControl {
  /// `idp: 1 log covering 2026-07-01..2026-09-30`.
  fileprivate static func describe(_ stage: StageCoverage) -> String {
    var text = "\(stage.stage.rawValue): "
    if stage.isAbsent {
      text += "no log"
    } else {
      text +=
        "\(ControlText.count(stage.inputs.count, "log")) covering "
        + (stage.covered.isEmpty
          ? "nothing of the period" : stage.covered.map(\.description).joined(separator: ", "))
      if !stage.gaps.isEmpty { text += ", \(ControlText.count(stage.gaps.count, "gap")) over the limit" }
    }
    if !stage.snapshotInputs.isEmpty {
      text += ", \(ControlText.count(stage.snapshotInputs.count, "snapshot"))"
    }
    return text
  }

  /// The last record before a gap and the first after it, from the stage's logs.
  fileprivate static func bounds(of gap: TimeSpan, paths: Set<String>, _ context: ControlContext)
    -> [FindingEvidence]
  {
    let events = context.trail.events
    let split = events.partitioningIndex { $0.time > gap.start }
    let before = events[..<split].last { paths.contains($0.locator.path) }
    let after = events[split...].first { $0.time >= gap.end && paths.contains($0.locator.path) }
    return [before, after].compactMap { $0.map(FindingEvidence.init) }
  }
}
