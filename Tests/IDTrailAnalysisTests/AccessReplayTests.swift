import IDTrailAnalysis
import IDTrailModel
import Testing

@Suite struct AccessReplayTests {
  private let group = Resource(kind: .gitlabNamespace, name: "example-org")

  private func summary(_ entries: [AccessEntry], _ graph: IdentityGraph) -> [String] {
    entries.map { entry in
      let who = graph.person(entry.person)?.label ?? "?"
      let account = entry.accountCanSignIn.map { $0 ? "active" : "blocked" } ?? "unknown"
      return "\(who) \(entry.resource.name) \(entry.role) \(entry.evidence.rawValue) \(account) "
        + "effective=\(entry.effective) basis=\(entry.basis.map(\.description).joined(separator: ","))"
    }
  }

  @Test func gitlabDotComGroupSCIMRemovesTheMembership() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.member(ScenarioLog.ann, role: "Developer", asOf: "2026-01-31T00:00:00Z")
    log.gitlab(
      .membershipUpdate, "2026-02-10T14:00:00Z", raw: "member_updated", ScenarioLog.ann, id: 201,
      by: .person(ScenarioLog.admin), role: RoleChange(before: "Developer", after: "Owner"))
    log.gitlab(
      .membershipRemove, "2026-03-02T09:00:05Z", raw: "member_destroyed", ScenarioLog.ann, id: 202,
      by: .system,
      role: RoleChange(before: "Owner", after: nil))
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)
    let replay = analysis.accessReplay()

    #expect(
      summary(replay.access(at: ScenarioLog.time("2026-02-01T00:00:00Z")), analysis.graph) == [
        "alee@example.com example-org Developer observed active effective=true "
          + "basis=gitlab/members-example-org.json:#1@0,gitlab/audit-stream.ndjson:1"
      ])
    let owner = replay.access(at: ScenarioLog.time("2026-02-15T00:00:00Z"))
    #expect(owner.map(\.role) == ["Owner"])
    #expect(owner.first?.since == ScenarioLog.time("2026-02-10T14:00:00Z"))
    #expect(owner.first?.basis.first == .line(3, in: ScenarioLog.gitlabPath))
    #expect(replay.access(at: ScenarioLog.time("2026-03-03T00:00:00Z")).isEmpty)
    // The account itself stays active on GitLab.com.
    let ann = try #require(analysis.graph.person(for: try ScenarioLog.id(.email, "alee@example.com")))
    #expect(replay.accountCanSignIn(ann.id, at: ScenarioLog.time("2026-03-03T00:00:00Z"))?.0 == true)
    #expect(replay.inferredChanges.isEmpty)
  }

  @Test func selfManagedInstanceSCIMBlocksTheAccountAndKeepsTheMembership() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.gitlab(
      .accountDisable, "2026-03-02T09:00:05Z", raw: "user_blocked", ScenarioLog.ann, id: 200, by: .system,
      group: nil, usernameDetails: true)
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)
    let entries = analysis.accessReplay().access(at: ScenarioLog.time("2026-03-03T00:00:00Z"))
    #expect(
      summary(entries, analysis.graph) == [
        "alee@example.com example-org Developer observed blocked effective=false "
          + "basis=gitlab/audit-stream.ndjson:2,gitlab/audit-stream.ndjson:3"
      ])
  }

  @Test func snapshotsThatDisagreeImplyAnInferredChange() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.onboard(ScenarioLog.bob, ids: 110)
    log.member(ScenarioLog.ann, role: "Developer", asOf: "2026-01-31T00:00:00Z")
    log.member(ScenarioLog.bob, role: "Developer", asOf: "2026-01-31T00:00:00Z")
    // The next export: Ann became Maintainer and Bob is gone, and no log says when.
    log.member(ScenarioLog.ann, role: "Maintainer", asOf: "2026-02-28T00:00:00Z")
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)
    let replay = analysis.accessReplay()

    #expect(
      replay.inferredChanges.map {
        "\(analysis.graph.person($0.person)?.label ?? "?") \($0.before ?? "none")->\($0.after ?? "none") "
          + "\($0.notBefore.rfc3339)..\($0.notAfter.rfc3339) \($0.basis.map(\.description).joined(separator: ","))"
      } == [  // sorted by time, then person id
        "bstone@example.com Developer->none 2026-01-31T00:00:00Z..2026-02-28T00:00:00Z "
          + "gitlab/members-example-org.json:#2@200,gitlab/members-example-org.json:#3@400",
        "alee@example.com Developer->Maintainer 2026-01-31T00:00:00Z..2026-02-28T00:00:00Z "
          + "gitlab/members-example-org.json:#1@0,gitlab/members-example-org.json:#3@400",
      ])
    let between = replay.access(at: ScenarioLog.time("2026-02-15T00:00:00Z"))
    #expect(between.map(\.role) == ["Developer", "Developer"])
    #expect(between.map(\.evidence) == [.inferred, .inferred])
    let after = replay.access(at: ScenarioLog.time("2026-03-01T00:00:00Z"))
    #expect(after.map(\.role) == ["Maintainer"])
    #expect(after.map(\.evidence) == [.observed])
    // Before any snapshot, the join events say Developer since 2026-01-05.
    let before = replay.access(at: ScenarioLog.time("2026-01-20T00:00:00Z"))
    #expect(before.map(\.role) == ["Developer", "Developer"])
    #expect(
      before.map(\.since) == [
        ScenarioLog.time("2026-01-05T08:10:33Z"), ScenarioLog.time("2026-01-05T08:10:33Z"),
      ])
  }

  @Test func theRoleBeforeTheFirstRecordedChangeIsInferred() throws {
    var log = ScenarioLog()
    log.gitlab(
      .membershipRemove, "2026-03-02T09:00:05Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .system,
      role: RoleChange(before: "Maintainer", after: nil))
    let analysis = Analysis(events: log.events, facts: log.facts)
    let entries = analysis.accessReplay().access(at: ScenarioLog.time("2026-03-01T00:00:00Z"))
    #expect(entries.map(\.role) == ["Maintainer"])
    #expect(entries.map(\.evidence) == [.inferred])
    #expect(entries.first?.resource == group)
  }

  @Test func namespacesOutsideTheOrganisationAreLeftOut() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.gitlab(
      .membershipAdd, "2026-02-01T09:00:00Z", raw: "member_created", ScenarioLog.ann, id: 200,
      by: .themselves,
      group: "ann-personal", role: RoleChange(before: nil, after: "Owner"))
    var policy = ScenarioLog.policy
    policy.organisationNamespaces = ["example-org"]
    let analysis = Analysis(events: log.events, facts: log.facts, policy: policy)
    #expect(
      analysis.accessReplay().access(at: ScenarioLog.time("2026-03-01T00:00:00Z")).map(\.resource.name) == [
        "example-org"
      ])
    #expect(analysis.correlation.drift.isEmpty)
    #expect(
      Analysis(events: log.events, policy: ScenarioLog.policy).correlation.drift.map(\.resource?.name) == [
        "ann-personal"
      ])
  }
}
