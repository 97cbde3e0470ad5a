import IDTrailModel
import IDTrailReport
import IDTrailRun
import Testing

/// What `check` and `report` print: colour only when asked for, failing findings most severe first.
@Suite struct ConsoleSummaryTests {
  private let report = Report(
    tool: .init(name: "idtrail", version: "test"),
    period: .init(start: Timestamp(secondsSinceEpoch: 0), end: Timestamp(secondsSinceEpoch: 86_399)),
    policy: [:], leaverSLASeconds: nil, inputs: [], people: [], episodes: [],
    controls: [
      .init(
        id: "leaver-sla", title: "t", criteria: ["CC6.2"], status: "fail", findingCount: 2, statusReason: nil),
      .init(
        id: "mfa-weakened", title: "t", criteria: ["CC6.1"], status: "pass", findingCount: 0,
        statusReason: nil),
      .init(
        id: "evidence-coverage", title: "t", criteria: ["CC7.2"], status: "unknown", findingCount: 1,
        statusReason: nil),
    ],
    findings: [
      .init(
        id: "f-1", control: "leaver-sla", severity: "medium", person: nil, summary: "slow", time: nil,
        evidence: []),
      .init(
        id: "f-2", control: "evidence-coverage", severity: "high", person: nil, summary: "gap", time: nil,
        evidence: []),
      .init(
        id: "f-3", control: "leaver-sla", severity: "critical", person: nil, summary: "never", time: nil,
        evidence: []),
    ],
    rejections: [], rejectionCount: 0, accessReview: [], eventsPerDay: [])

  @Test func plainTextWithoutColour() {
    let verdict = CheckVerdict(report: report, failOn: "medium", strict: false, baseline: nil)
    #expect(
      ConsoleSummary(colour: false).render(report, verdict: verdict) == """
        idtrail: 1970-01-01T00:00:00Z to 1970-01-01T23:59:59Z; 0 inputs, 0 people, 0 episodes
          fail           leaver-sla (2 findings)
          pass           mfa-weakened
          unknown        evidence-coverage (1 finding)
          critical leaver-sla: never
          high evidence-coverage: gap
          medium leaver-sla: slow
        check failed: 3 findings at or above --fail-on medium

        """)
  }

  @Test func colourPaintsStatusesAndSeverities() {
    let verdict = CheckVerdict(report: report, failOn: "critical", strict: false, baseline: nil)
    let text = ConsoleSummary(colour: true).render(report, verdict: verdict)
    #expect(text.contains("  \u{1B}[31mfail          \u{1B}[0m leaver-sla (2 findings)\n"))
    #expect(text.contains("  \u{1B}[32mpass          \u{1B}[0m mfa-weakened\n"))
    #expect(text.contains("  \u{1B}[33munknown       \u{1B}[0m evidence-coverage (1 finding)\n"))
    #expect(text.contains("  \u{1B}[31mcritical\u{1B}[0m leaver-sla: never\n"))
    #expect(text.hasSuffix("check failed: 1 finding at or above --fail-on critical\n"))
  }

  @Test func reportSummaryHasNoVerdict() {
    let text = ConsoleSummary(colour: false).render(report, verdict: nil)
    #expect(!text.contains("check"))
    #expect(text.split(separator: "\n").count == 4)
  }
}
