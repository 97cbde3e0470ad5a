import IDTrailAnalysis
import IDTrailModel
import Testing

/// What the inputs cover, and when evidence counts as missing.
@Suite struct EvidenceCoverageTests {
  private static func time(_ text: String) -> Timestamp { ScenarioLog.time(text) }
  private static let window = TimeSpan(start: time("2026-07-01T00:00:00Z"), end: time("2026-10-01T00:00:00Z"))
  private static let limit: Double = 72 * 3600

  private func log(_ path: String, _ format: FormatID, _ start: String, _ end: String) -> EvidenceSource {
    EvidenceSource(
      path: path, format: format, coverage: TimeSpan(start: Self.time(start), end: Self.time(end)))
  }

  @Test func absentEvidenceIsMissingEverywhereWhateverTheLimit() {
    let coverage = EvidenceCoverage(sources: [], window: Self.window, gapLimitSeconds: 1e9)
    #expect(coverage.missing(.upstreamLog) == [MissingEvidence(requirement: .upstreamLog, span: Self.window)])
    #expect(
      coverage.missing(.upstreamLog).first?.description
        == "no IdP or directory log covers 2026-07-01..2026-09-30")
  }

  @Test func shortEdgesAreToleratedLongGapsAreNot() {
    let coverage = EvidenceCoverage(
      sources: [
        log("okta-1.json", .oktaSystemLog, "2026-07-01T06:00:00Z", "2026-08-01T00:00:00Z"),
        log("okta-2.json", .oktaSystemLog, "2026-08-10T00:00:00Z", "2026-09-30T20:00:00Z"),
      ],
      window: Self.window, gapLimitSeconds: Self.limit)
    #expect(
      coverage.missing(.upstreamLog)
        == [
          MissingEvidence(
            requirement: .upstreamLog,
            span: TimeSpan(start: Self.time("2026-08-01T00:00:00Z"), end: Self.time("2026-08-10T00:00:00Z")))
        ])
    #expect(coverage.missing(.gitlabLog).count == 1)
  }

  @Test func aShortQuestionInsideALongGapIsMissing() {
    let coverage = EvidenceCoverage(
      sources: [log("audit.json", .gitlabAuditAPI, "2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z")],
      window: Self.window, gapLimitSeconds: Self.limit)
    let day = TimeSpan(start: Self.time("2026-09-15T00:00:00Z"), end: Self.time("2026-09-16T00:00:00Z"))
    #expect(
      coverage.missing(.gitlabAuditLog, in: day) == [MissingEvidence(requirement: .gitlabAuditLog, span: day)]
    )
    #expect(
      coverage.missing(.gitlabAuditLog, in: day).first?.description
        == "no GitLab audit log covers 2026-09-15T00:00:00Z..2026-09-16T00:00:00Z")
    let july = TimeSpan(start: Self.time("2026-07-15T00:00:00Z"), end: Self.time("2026-07-16T00:00:00Z"))
    #expect(coverage.missing(.gitlabAuditLog, in: july).isEmpty)
  }

  @Test func formatsSpeakForTheirStages() {
    #expect(EvidenceSource.stages(of: .gitlabAPILog) == [.scim, .gitlab])
    #expect(EvidenceSource.stages(of: .oktaSystemLog) == [.idp])
    #expect(EvidenceSource.stages(of: .windowsSecurityXML) == [.directory])
    #expect(
      EvidenceRequirement.webRequestLog.isSatisfied(
        by: log("p.log", .gitlabProductionLog, "2026-07-01T00:00:00Z", "2026-07-02T00:00:00Z")))
    #expect(
      !EvidenceRequirement.gitlabAuditLog.isSatisfied(
        by: log("p.log", .gitlabProductionLog, "2026-07-01T00:00:00Z", "2026-07-02T00:00:00Z")))
    let snapshot = EvidenceSource(
      path: "members.json", format: .gitlabMembers, coverage: Self.window,
      snapshots: [Self.time("2026-09-30T23:00:00Z")])
    #expect(snapshot.coverage == nil)
    #expect(!EvidenceRequirement.gitlabLog.isSatisfied(by: snapshot))
    let coverage = EvidenceCoverage(sources: [snapshot], window: Self.window, gapLimitSeconds: Self.limit)
    #expect(coverage.hasSnapshot(near: Self.window.end))
    #expect(!coverage.hasSnapshot(near: Self.time("2026-09-01T00:00:00Z")))
  }

  /// An Okta log speaks for the SCIM stage once it holds provisioning pushes.
  @Test func sourcesFromATrail() {
    let push = IdentityEvent(
      time: Self.time("2026-07-02T09:00:00Z"), originalTime: "", source: .oktaSystemLog, stage: .scim,
      nativeID: "p1",
      locator: .line(1, in: "okta.json"), action: .provisionRequest,
      rawAction: "application.provision.user.push",
      provisioning: .update, subject: [], actor: .system, channel: .idpPush)
    var signIn = push
    signIn.stage = .idp
    signIn.nativeID = "s1"
    signIn.time = Self.time("2026-07-05T09:00:00Z")
    signIn.locator = .line(2, in: "okta.json")
    let sources = EvidenceSource.sources(in: Trail(events: [signIn, push]), undatedAt: Self.window.end)
    #expect(
      sources == [
        EvidenceSource(
          path: "okta.json", format: .oktaSystemLog,
          coverage: TimeSpan(
            start: Self.time("2026-07-02T09:00:00Z"), end: Self.time("2026-07-05T09:00:00Z")),
          stages: [.idp, .scim])
      ])
  }

  /// A trail long enough to be read in runs side by side: each path's span, stages and format
  /// come out as one pass over the events gives them, whichever run saw which event.
  @Test func aLongTrailReadInRunsGivesEachPathItsWholeSpan() {
    let start = Self.time("2026-07-01T00:00:00Z")
    let paths = ["gitlab.ndjson", "okta.json", "windows.xml"]
    let events = (0..<200_000).map { index in
      // Each path's events are spread over the whole trail, so every run holds some of each.
      let path = paths[index % 3]
      return IdentityEvent(
        time: Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + Int64(index) * 1_000_000_000),
        originalTime: "", source: path == "okta.json" ? .oktaSystemLog : .gitlabAuditStream,
        stage: index == 100_001 ? .scim : (path == "okta.json" ? .idp : .gitlab), nativeID: nil,
        locator: .line(index / 3 + 1, in: path), action: .authSuccess, rawAction: "sign-in", subject: [],
        actor: .system, channel: .unknown)
    }
    let sources = EvidenceSource.sources(in: Trail(events: events), undatedAt: Self.window.end)
    func seconds(_ index: Int) -> Timestamp {
      Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + Int64(index) * 1_000_000_000)
    }
    #expect(
      sources == [
        EvidenceSource(
          path: "gitlab.ndjson", format: .gitlabAuditStream,
          coverage: TimeSpan(start: seconds(0), end: seconds(199_998)), stages: [.gitlab]),
        EvidenceSource(
          path: "okta.json", format: .oktaSystemLog,
          coverage: TimeSpan(start: seconds(1), end: seconds(199_999)), stages: [.idp]),
        EvidenceSource(
          path: "windows.xml", format: .gitlabAuditStream,
          coverage: TimeSpan(start: seconds(2), end: seconds(199_997)), stages: [.scim, .gitlab]),
      ])
  }

  @Test func spansReadAsDaysOrInstants() {
    #expect(Self.window.description == "2026-07-01..2026-09-30")
    let hours = TimeSpan(start: Self.time("2026-07-01T00:00:00Z"), end: Self.time("2026-07-01T05:00:00Z"))
    #expect(hours.description == "2026-07-01T00:00:00Z..2026-07-01T05:00:00Z")
    #expect(TimeSpan(start: hours.end, end: hours.start) == hours)
  }
}
