import IDTrailModel
import IDTrailReport
import IDTrailRun
import Testing

@Suite struct CheckVerdictTests {
  private func report(findings: [(String, String)], unknown: Bool = false) -> Report {
    Report(
      tool: .init(name: "idtrail", version: "test"),
      period: .init(start: Timestamp(secondsSinceEpoch: 0), end: Timestamp(secondsSinceEpoch: 86_400)),
      policy: [:], leaverSLASeconds: nil, inputs: [], people: [], episodes: [],
      controls: [
        .init(
          id: "leaver-sla", title: "t", criteria: ["CC6.2"], status: findings.isEmpty ? "pass" : "fail",
          findingCount: findings.count, statusReason: nil),
        .init(
          id: "evidence-coverage", title: "t", criteria: ["CC7.2"], status: unknown ? "unknown" : "pass",
          findingCount: 0, statusReason: nil),
      ],
      findings: findings.map { id, severity in
        .init(
          id: id, control: "leaver-sla", severity: severity, person: nil, summary: "s", time: nil,
          evidence: [])
      },
      rejections: [], rejectionCount: 0, accessReview: [], eventsPerDay: [])
  }

  @Test func failsOnFindingsAtOrAboveTheThreshold() {
    let verdict = CheckVerdict(
      report: report(findings: [("f-1", "medium"), ("f-2", "high")]), failOn: "high", strict: false,
      baseline: nil)
    #expect(verdict.failing.map(\.id) == ["f-2"])
    #expect(verdict.exitCode == 1)
  }

  @Test func findingsBelowTheThresholdPass() {
    let verdict = CheckVerdict(
      report: report(findings: [("f-1", "medium")]), failOn: "high", strict: false, baseline: nil)
    #expect(verdict.failing.isEmpty)
    #expect(verdict.exitCode == 0)
  }

  @Test func baselineFindingsDoNotFailAgain() {
    let current = report(findings: [("f-1", "high"), ("f-2", "critical")])
    let baseline = report(findings: [("f-1", "high")])
    let verdict = CheckVerdict(report: current, failOn: "high", strict: false, baseline: baseline)
    #expect(verdict.failing.map(\.id) == ["f-2"])
    #expect(CheckVerdict(report: baseline, failOn: "high", strict: false, baseline: baseline).exitCode == 0)
  }

  @Test func unknownControlsExitTwoOnlyUnderStrict() {
    let unknown = report(findings: [], unknown: true)
    #expect(CheckVerdict(report: unknown, failOn: "high", strict: false, baseline: nil).exitCode == 0)
    let strict = CheckVerdict(report: unknown, failOn: "high", strict: true, baseline: nil)
    #expect(strict.exitCode == 2)
    #expect(strict.unknownControls == ["evidence-coverage"])
  }

  @Test func aFailureWinsOverUnknownUnderStrict() {
    let both = report(findings: [("f-1", "critical")], unknown: true)
    #expect(CheckVerdict(report: both, failOn: "info", strict: true, baseline: nil).exitCode == 1)
  }

  @Test func consoleSummaryKeepsControlCharactersFromLogsOffTheTerminal() {
    let hostile = report(findings: [("f-1", "high")])
    var withEscape = hostile
    withEscape.findings[0].summary = "name\u{1B}[2Jcleared\nnext\u{9B}c1\u{202E}rlo"
    let verdict = CheckVerdict(report: withEscape, failOn: "high", strict: false, baseline: nil)
    let text = ConsoleSummary(colour: false).render(withEscape, verdict: verdict)
    #expect(!text.unicodeScalars.contains("\u{1B}"))
    #expect(!text.unicodeScalars.contains("\u{9B}"))
    #expect(text.contains("name\u{FFFD}[2Jcleared next\u{FFFD}c1\u{FFFD}rlo"))
    #expect(text.hasSuffix("check failed: 1 finding at or above --fail-on high\n"))
  }
}
