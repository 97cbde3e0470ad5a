import IDTrailAnalysis
import IDTrailModel
import Testing

/// End-to-end scenarios across Active Directory, Okta, SCIM (GitLab's api_json.log) and GitLab
/// audit events, with exact episodes and latencies to the second (issue 5, "Must show").
@Suite struct CorrelatorScenarioTests {
  /// A step as one line: role, stage, action, time, outcome and locator.
  private func describe(_ steps: [EpisodeStep]) -> [String] {
    steps.map {
      "\($0.role.rawValue) \($0.stage.rawValue) \($0.action.rawValue) \($0.time.rfc3339) "
        + "\($0.succeeded ? "ok" : "failed \($0.httpStatus.map(String.init) ?? "")") \($0.locator)"
    }
  }

  private func leavers(_ analysis: Analysis) -> [Episode] {
    analysis.correlation.episodes.filter { $0.kind == .leaver }
  }

  private func annID(_ analysis: Analysis) throws -> PersonID {
    try #require(analysis.graph.person(for: ScenarioLog.id(.email, "alee@example.com"))).id
  }

  @Test func onboardingIsACompleteJoinerOpenedByTheDirectory() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let joiner = try #require(analysis.correlation.episodes.first)
    #expect(analysis.correlation.episodes.count == 1)
    #expect(joiner.kind == .joiner)
    #expect(joiner.person == (try annID(analysis)))
    #expect(joiner.status == .complete)
    #expect(joiner.opened == ScenarioLog.time("2026-01-05T08:00:00Z"))
    #expect(joiner.deadline == nil)
    #expect(
      describe(joiner.steps) == [
        "opening directory account.create 2026-01-05T08:00:00Z ok dc01/security.xml:#1@0",
        "upstream idp account.create 2026-01-05T08:10:00Z ok okta/systemlog.ndjson:1",
        "upstream idp assignment.add 2026-01-05T08:10:30Z ok okta/systemlog.ndjson:2",
        "provisioning scim provision.request 2026-01-05T08:10:32Z ok gitlab/api_json.log:1",
        "effect gitlab account.create 2026-01-05T08:10:33Z ok gitlab/audit-stream.ndjson:1",
      ])
    #expect(joiner.latencySeconds == Latencies(idpToScim: 32, scimToGitlab: 1, endToEnd: 633))
    #expect(analysis.correlation.drift.isEmpty)
    #expect(analysis.graph.people.count == 2)  // Ann, and the AD administrator who created her
  }

  @Test func cleanLeaver() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.scim(.deactivate, "2026-03-02T09:00:04Z", ScenarioLog.ann, status: 204, correlationID: "patch-1")
    log.gitlab(
      .membershipRemove, "2026-03-02T09:00:05Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .system,
      role: RoleChange(before: "Developer", after: nil))
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let leaver = try #require(leavers(analysis).first)
    #expect(leavers(analysis).count == 1)
    #expect(leaver.person == (try annID(analysis)))
    #expect(leaver.status == .complete)
    #expect(leaver.opened == ScenarioLog.time("2026-03-02T09:00:00Z"))
    #expect(leaver.deadline == ScenarioLog.time("2026-03-03T09:00:00Z"))
    #expect(
      describe(leaver.steps) == [
        "opening idp account.disable 2026-03-02T09:00:00Z ok okta/systemlog.ndjson:3",
        "provisioning scim provision.request 2026-03-02T09:00:04Z ok gitlab/api_json.log:2",
        "effect gitlab membership.remove 2026-03-02T09:00:05Z ok gitlab/audit-stream.ndjson:3",
      ])
    #expect(leaver.latencySeconds == Latencies(idpToScim: 4, scimToGitlab: 1, endToEnd: 5))
    #expect(analysis.correlation.afterDeprovision.isEmpty)
    #expect(analysis.correlation.drift.isEmpty)
  }

  @Test func lateLeaverWhoseSCIMCallWasRetried() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.scim(.deactivate, "2026-03-02T09:00:05Z", ScenarioLog.ann, status: 503, correlationID: "patch-1")
    log.scim(.deactivate, "2026-03-02T09:30:05Z", ScenarioLog.ann, status: 503, correlationID: "patch-2")
    log.scim(.deactivate, "2026-03-03T12:00:00Z", ScenarioLog.ann, status: 204, correlationID: "patch-3")
    log.scim(.deactivate, "2026-03-03T12:05:00Z", ScenarioLog.ann, status: 204, correlationID: "patch-4")
    log.gitlab(
      .membershipRemove, "2026-03-03T12:00:02Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .system,
      role: RoleChange(before: "Developer", after: nil))
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let leaver = try #require(leavers(analysis).first)
    #expect(leaver.status == .late)
    #expect(leaver.deadline == ScenarioLog.time("2026-03-03T09:00:00Z"))
    // Failures before the first success stay as steps; the repeat after it is not a step.
    #expect(
      describe(leaver.steps) == [
        "opening idp account.disable 2026-03-02T09:00:00Z ok okta/systemlog.ndjson:3",
        "provisioning scim provision.request 2026-03-02T09:00:05Z failed 503 gitlab/api_json.log:2",
        "provisioning scim provision.request 2026-03-02T09:30:05Z failed 503 gitlab/api_json.log:3",
        "provisioning scim provision.request 2026-03-03T12:00:00Z ok gitlab/api_json.log:4",
        "effect gitlab membership.remove 2026-03-03T12:00:02Z ok gitlab/audit-stream.ndjson:3",
      ])
    #expect(leaver.latencySeconds == Latencies(idpToScim: 97_200, scimToGitlab: 2, endToEnd: 97_202))
  }

  @Test func failedDeprovisionNeverRepaired() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.scim(.deactivate, "2026-03-02T09:00:05Z", ScenarioLog.ann, status: 500, correlationID: "patch-1")
    log.scim(.deactivate, "2026-03-02T09:05:05Z", ScenarioLog.ann, status: 500, correlationID: "patch-2")
    log.scim(.deactivate, "2026-03-02T09:35:05Z", ScenarioLog.ann, status: 500, correlationID: "patch-3")
    // Unrelated later evidence: another person's sign-in, so the logs run on past the SLA.
    log.gitlab(
      .authSuccess, "2026-03-20T10:00:00Z", raw: "authenticated_with_password", ScenarioLog.bob, id: 300,
      by: .themselves, group: nil)
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let leaver = try #require(leavers(analysis).first)
    #expect(leavers(analysis).count == 1)
    #expect(leaver.status == .failed)
    #expect(
      describe(leaver.steps) == [
        "opening idp account.disable 2026-03-02T09:00:00Z ok okta/systemlog.ndjson:3",
        "provisioning scim provision.request 2026-03-02T09:00:05Z failed 500 gitlab/api_json.log:2",
        "provisioning scim provision.request 2026-03-02T09:05:05Z failed 500 gitlab/api_json.log:3",
        "provisioning scim provision.request 2026-03-02T09:35:05Z failed 500 gitlab/api_json.log:4",
      ])
    #expect(leaver.latencySeconds == Latencies())
    #expect(leaver.effect == nil)
  }

  @Test func leaverWithoutAnySCIMCallIsIncomplete() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let leaver = try #require(leavers(analysis).first)
    #expect(leaver.status == .incomplete)
    #expect(leaver.steps.map(\.role) == [.opening])
  }

  @Test func directoryDisablePrecedesTheIdP() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.ad(.accountDisable, "2026-03-02T08:00:00Z", event: 4725, ScenarioLog.ann, recordID: 900)
    log.okta(
      .accountDisable, "2026-03-02T08:40:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.scim(.deactivate, "2026-03-02T08:40:03Z", ScenarioLog.ann, status: 204, correlationID: "patch-1")
    log.gitlab(
      .membershipRemove, "2026-03-02T08:40:04Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .system,
      role: RoleChange(before: "Developer", after: nil))
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let leaver = try #require(leavers(analysis).first)
    #expect(leavers(analysis).count == 1)
    #expect(leaver.person == (try annID(analysis)))
    #expect(leaver.status == .complete)
    #expect(leaver.opened == ScenarioLog.time("2026-03-02T08:00:00Z"))
    #expect(leaver.deadline == ScenarioLog.time("2026-03-03T08:00:00Z"))
    #expect(
      describe(leaver.steps) == [
        "opening directory account.disable 2026-03-02T08:00:00Z ok dc01/security.xml:#2@1000",
        "upstream idp account.disable 2026-03-02T08:40:00Z ok okta/systemlog.ndjson:3",
        "provisioning scim provision.request 2026-03-02T08:40:03Z ok gitlab/api_json.log:2",
        "effect gitlab membership.remove 2026-03-02T08:40:04Z ok gitlab/audit-stream.ndjson:3",
      ])
    // The IdP-to-SCIM hop starts at the IdP's own event; end to end starts at the directory.
    #expect(leaver.latencySeconds == Latencies(idpToScim: 3, scimToGitlab: 1, endToEnd: 2404))
  }

  @Test func manualRoleChangeIsDrift() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.onboard(ScenarioLog.bob, ids: 110)
    // Ann: made Owner by hand, with nothing upstream for her: drift.
    log.gitlab(
      .membershipUpdate, "2026-02-10T14:00:00Z", raw: "member_updated", ScenarioLog.ann, id: 201,
      by: .person(ScenarioLog.admin), role: RoleChange(before: "Developer", after: "Owner"))
    // Bob: added to an access group in Okta, then made Maintainer by hand 20 minutes later: a mover.
    log.okta(
      .groupMemberAdd, "2026-02-11T10:00:00Z", raw: "group.user_membership.add", ScenarioLog.bob, uuid: "g1",
      resource: Resource(kind: .idpGroup, name: "GitLab Maintainers"))
    log.gitlab(
      .membershipUpdate, "2026-02-11T10:20:00Z", raw: "member_updated", ScenarioLog.bob, id: 202,
      by: .person(ScenarioLog.admin), role: RoleChange(before: "Developer", after: "Maintainer"))
    // Bob: a SAML group sync change is made by the system, never drift.
    log.gitlab(
      .membershipUpdate, "2026-02-20T08:00:00Z", raw: "member_updated", ScenarioLog.bob, id: 203, by: .system,
      role: RoleChange(before: "Maintainer", after: "Developer"), channel: .samlGroupSync)
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let drift = try #require(analysis.correlation.drift.first)
    #expect(analysis.correlation.drift.count == 1)
    #expect(drift.kind == .role)
    #expect(drift.person == (try annID(analysis)))
    #expect(drift.actor == analysis.graph.person(for: try ScenarioLog.id(.email, "root@example.com"))?.id)
    #expect(drift.event.locator == .line(5, in: ScenarioLog.gitlabPath))
    #expect(drift.event.time == ScenarioLog.time("2026-02-10T14:00:00Z"))
    #expect(drift.resource == Resource(kind: .gitlabNamespace, name: "example-org"))
    #expect(drift.role == RoleChange(before: "Developer", after: "Owner"))
    #expect(drift.grantsPrivilegedRole)
    #expect(drift.subjectClass == .person)

    let bob = try #require(analysis.graph.person(for: try ScenarioLog.id(.email, "bstone@example.com")))
    let mover = try #require(analysis.correlation.episodes(of: bob.id).first { $0.kind == .mover })
    #expect(mover.status == .complete)
    #expect(
      describe(mover.steps) == [
        "opening idp group.member.add 2026-02-11T10:00:00Z ok okta/systemlog.ndjson:5",
        "effect gitlab membership.update 2026-02-11T10:20:00Z ok gitlab/audit-stream.ndjson:6",
      ])
    #expect(mover.latencySeconds == Latencies(endToEnd: 1200))
  }

  @Test func breakGlassDriftIsFlaggedAndServiceAccountsAreNotDrift() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.gitlab(
      .membershipAdd, "2026-02-10T14:00:00Z", raw: "member_created", ScenarioLog.bob, id: 201,
      by: .person(ScenarioLog.admin), role: RoleChange(before: nil, after: "Developer"))
    log.gitlab(
      .privilegeGrant, "2026-02-10T15:00:00Z", raw: "user_admin_status_updated", ScenarioLog.admin, id: 202,
      by: .person(ScenarioLog.ann), group: nil, role: RoleChange(before: nil, after: "admin"))
    var policy = ScenarioLog.policy
    policy.serviceAccounts = [IdentifierQuery(parsing: "gitlab.user_id:43")]
    policy.breakGlassAccounts = [IdentifierQuery(parsing: "root@example.com")]
    let analysis = Analysis(events: log.events, facts: log.facts, policy: policy)

    #expect(analysis.correlation.drift.map(\.event.rawAction) == ["user_admin_status_updated"])
    #expect(analysis.correlation.drift.first?.subjectClass == .breakGlass)
    #expect(analysis.correlation.drift.first?.grantsPrivilegedRole == true)
    #expect(analysis.correlation.drift.first?.kind == .role)
  }

  @Test func activityAfterDeprovision() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.gitlab(
      .authSuccess, "2026-03-02T08:59:00Z", raw: "authenticated_with_password", ScenarioLog.ann, id: 199,
      by: .themselves, group: nil)
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.scim(.deactivate, "2026-03-02T09:00:04Z", ScenarioLog.ann, status: 204, correlationID: "patch-1")
    // GitLab.com: group SCIM removes the membership; the personal account stays active.
    log.gitlab(
      .membershipRemove, "2026-03-02T09:00:05Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .system,
      role: RoleChange(before: "Developer", after: nil))
    log.gitlab(
      .credentialCreate, "2026-03-02T11:30:00Z", raw: "personal_access_token_created", ScenarioLog.ann,
      id: 201,
      by: .themselves, group: nil)
    log.gitlab(
      .activity, "2026-03-02T11:31:10Z", raw: "repository_git_operation", ScenarioLog.ann, id: 202,
      by: .themselves, group: "ann-personal/dotfiles")
    var policy = ScenarioLog.policy
    policy.offboardingGraceHours = 2.5
    let analysis = Analysis(events: log.events, facts: log.facts, policy: policy)

    let leaver = try #require(leavers(analysis).first)
    #expect(leaver.status == .complete)
    let activity = analysis.correlation.afterDeprovision
    #expect(activity.map(\.event.rawAction) == ["personal_access_token_created", "repository_git_operation"])
    #expect(activity.map(\.secondsAfterOpening) == [9000, 9070])
    #expect(activity.map(\.withinGrace) == [true, false])
    #expect(activity.map(\.asActor) == [true, true])
    #expect(activity.allSatisfy { $0.episode == leaver.id && $0.person == leaver.person })
    #expect(
      activity.map(\.event.locator) == [
        .line(5, in: ScenarioLog.gitlabPath), .line(6, in: ScenarioLog.gitlabPath),
      ])
  }

  @Test func duplicatedStreamDeliveryIsCountedOnce() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.scim(.deactivate, "2026-03-02T09:00:04Z", ScenarioLog.ann, status: 204, correlationID: "patch-1")
    log.gitlab(
      .membershipRemove, "2026-03-02T09:00:05Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .system,
      role: RoleChange(before: "Developer", after: nil))
    log.gitlab(
      .credentialCreate, "2026-03-02T11:30:00Z", raw: "personal_access_token_created", ScenarioLog.ann,
      id: 201,
      by: .themselves, group: nil)
    log.redeliver(nativeID: "gitlab-audit:200")
    log.redeliver(nativeID: "gitlab-audit:201")
    log.redeliver(nativeID: "gitlab-audit:201")
    let analysis = Analysis(events: log.events.reversed(), facts: log.facts, policy: ScenarioLog.policy)

    #expect(analysis.trail.events.count == log.events.count - 3)
    #expect(
      analysis.trail.duplicates.map { "\($0.nativeID) kept \($0.kept) dropped \($0.dropped)" } == [
        "gitlab-audit:200 kept gitlab/audit-stream.ndjson:3 dropped gitlab/audit-stream.ndjson:5",
        "gitlab-audit:201 kept gitlab/audit-stream.ndjson:4 dropped gitlab/audit-stream.ndjson:6",
        "gitlab-audit:201 kept gitlab/audit-stream.ndjson:4 dropped gitlab/audit-stream.ndjson:7",
      ])
    let leaver = try #require(leavers(analysis).first)
    #expect(
      leaver.steps.filter { $0.role == .effect }.map(\.locator) == [.line(3, in: ScenarioLog.gitlabPath)])
    #expect(leaver.latencySeconds == Latencies(idpToScim: 4, scimToGitlab: 1, endToEnd: 5))
    #expect(
      analysis.correlation.afterDeprovision.map(\.event.locator) == [.line(4, in: ScenarioLog.gitlabPath)])
  }

  @Test func gitlabEffectWithinClockSkewBeforeTheSCIMCallCounts() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.gitlab(
      .membershipRemove, "2026-03-02T09:00:20Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .system,
      role: RoleChange(before: "Developer", after: nil))
    log.scim(.deactivate, "2026-03-02T09:02:00Z", ScenarioLog.ann, status: 204, correlationID: "patch-1")
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let leaver = try #require(leavers(analysis).first)
    #expect(leaver.status == .complete)
    #expect(
      describe(leaver.steps) == [
        "opening idp account.disable 2026-03-02T09:00:00Z ok okta/systemlog.ndjson:3",
        "effect gitlab membership.remove 2026-03-02T09:00:20Z ok gitlab/audit-stream.ndjson:3",
        "provisioning scim provision.request 2026-03-02T09:02:00Z ok gitlab/api_json.log:2",
      ])
    // GitLab's clock runs 100 s behind the SCIM log's: within the 300 s tolerance.
    #expect(leaver.latencySeconds == Latencies(idpToScim: 120, scimToGitlab: -100, endToEnd: 20))

    // With a 60 s tolerance the effect did not come from that call: no SCIM-to-GitLab latency,
    // and the call, which came after the effect plus the tolerance, is not a step.
    var strict = ScenarioLog.policy
    strict.clockSkewSeconds = 60
    let strictLeaver = try #require(
      leavers(Analysis(events: log.events, facts: log.facts, policy: strict)).first)
    #expect(strictLeaver.status == .complete)
    #expect(strictLeaver.latencySeconds == Latencies(endToEnd: 20))
    #expect(strictLeaver.steps.map(\.role) == [.opening, .effect])
  }

  @Test func upstreamLoggedJustAfterTheSCIMCallStillOpensTheEpisode() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    // Okta's clock runs 90 s ahead of GitLab's.
    log.scim(.deactivate, "2026-03-02T08:58:30Z", ScenarioLog.ann, status: 204, correlationID: "patch-1")
    log.gitlab(
      .membershipRemove, "2026-03-02T08:58:31Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .system,
      role: RoleChange(before: "Developer", after: nil))
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let leaver = try #require(leavers(analysis).first)
    #expect(leavers(analysis).count == 1)
    #expect(leaver.opened == ScenarioLog.time("2026-03-02T09:00:00Z"))
    #expect(leaver.opening?.stage == .idp)
    #expect(leaver.steps.map(\.role) == [.provisioning, .effect, .opening])
    #expect(leaver.latencySeconds == Latencies(idpToScim: -90, scimToGitlab: 1, endToEnd: -89))
  }

  @Test func selfManagedBlockAndSnapshotInferredEffect() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.onboard(ScenarioLog.bob, ids: 110)
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.scim(.deactivate, "2026-03-02T09:00:04Z", ScenarioLog.ann, status: 204, correlationID: "patch-1")
    // Self-managed instance SCIM blocks the user.
    log.gitlab(
      .accountDisable, "2026-03-02T09:00:05Z", raw: "user_blocked", ScenarioLog.ann, id: 200, by: .system,
      group: nil, usernameDetails: true)
    // Bob: no GitLab audit event for the block, only a users export taken later.
    log.okta(
      .accountDisable, "2026-03-02T10:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.bob, uuid: "d2")
    log.scim(.deactivate, "2026-03-02T10:00:04Z", ScenarioLog.bob, status: 204, correlationID: "patch-2")
    log.account(ScenarioLog.bob, state: "blocked", canSignIn: false, asOf: "2026-03-02T18:00:00Z")
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let episodes = leavers(analysis)
    #expect(episodes.map(\.status) == [.complete, .complete])
    #expect(episodes.first?.effect?.rawAction == "user_blocked")
    #expect(episodes.first?.latencySeconds == Latencies(idpToScim: 4, scimToGitlab: 1, endToEnd: 5))
    let inferred = try #require(episodes.last?.effect)
    #expect(inferred.evidence == .inferred)
    #expect(inferred.rawAction == "state:blocked")
    #expect(
      inferred.locator == Locator(path: ScenarioLog.usersPath, position: .record(index: 1, byteOffset: 0)))
    #expect(episodes.last?.latencySeconds == Latencies(idpToScim: 4, scimToGitlab: 28_796, endToEnd: 28_800))
  }

  @Test func rehireAfterLeavingOpensANewJoinerAndEndsTheActivityWindow() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.scim(.deactivate, "2026-03-02T09:00:04Z", ScenarioLog.ann, status: 204, correlationID: "patch-1")
    log.gitlab(
      .membershipRemove, "2026-03-02T09:00:05Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .system)
    log.okta(
      .accountDisable, "2026-03-05T09:00:00Z", raw: "user.lifecycle.suspend", ScenarioLog.ann, uuid: "d2")
    log.okta(
      .accountEnable, "2026-04-01T09:00:00Z", raw: "user.lifecycle.reactivate", ScenarioLog.ann, uuid: "r1")
    log.scim(.reactivate, "2026-04-01T09:00:03Z", ScenarioLog.ann, status: 200, correlationID: "patch-2")
    log.gitlab(
      .membershipAdd, "2026-04-01T09:00:04Z", raw: "member_created", ScenarioLog.ann, id: 201, by: .system,
      role: RoleChange(before: nil, after: "Developer"))
    log.gitlab(
      .authSuccess, "2026-04-01T10:00:00Z", raw: "authenticated_with_password", ScenarioLog.ann, id: 202,
      by: .themselves, group: nil)
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let episodes = analysis.correlation.episodes
    #expect(episodes.map(\.kind) == [.joiner, .leaver, .joiner])
    #expect(episodes.map(\.status) == [.complete, .complete, .complete])
    // The suspension three days later belongs to the same leaving.
    #expect(episodes[1].steps.map(\.role) == [.opening, .provisioning, .effect, .upstream])
    #expect(episodes[2].latencySeconds == Latencies(idpToScim: 3, scimToGitlab: 1, endToEnd: 4))
    #expect(analysis.correlation.afterDeprovision.isEmpty)
  }

  @Test func scimDeprovisionWithoutIdPLogsOpensTheLeaverAtTheCall() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.scim(.deactivate, "2026-03-02T09:00:04Z", ScenarioLog.ann, status: 204, correlationID: "patch-1")
    log.gitlab(
      .membershipRemove, "2026-03-02T09:00:05Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .system)
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let leaver = try #require(leavers(analysis).first)
    #expect(leaver.opened == ScenarioLog.time("2026-03-02T09:00:04Z"))
    #expect(leaver.steps.map(\.role) == [.opening, .effect])
    #expect(leaver.status == .complete)
    // No upstream event was seen: there is no IdP-to-SCIM hop to time.
    #expect(leaver.latencySeconds == Latencies(idpToScim: nil, scimToGitlab: 1, endToEnd: 1))
  }

  @Test func moverWithoutAGitLabChangeIsIncompleteAndAFailedSCIMCreateFailsTheJoiner() throws {
    var log = ScenarioLog()
    log.okta(
      .accountCreate, "2026-01-05T08:10:00Z", raw: "user.lifecycle.create", ScenarioLog.ann, uuid: "c1")
    log.scim(.create, "2026-01-05T08:10:32Z", ScenarioLog.ann, status: 409, correlationID: "post-1")
    log.okta(
      .groupMemberRemove, "2026-02-11T10:00:00Z", raw: "group.user_membership.remove", ScenarioLog.ann,
      uuid: "g1",
      resource: Resource(kind: .idpGroup, name: "GitLab Maintainers"))
    log.okta(
      .groupMemberAdd, "2026-02-11T10:00:01Z", raw: "group.user_membership.add", ScenarioLog.ann, uuid: "g2",
      resource: Resource(kind: .idpGroup, name: "GitLab Developers"))
    log.okta(
      .groupMemberAdd, "2026-02-12T10:00:00Z", raw: "group.user_membership.add", ScenarioLog.ann, uuid: "g3",
      resource: Resource(kind: .idpGroup, name: "Slack Users"))
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let episodes = analysis.correlation.episodes
    #expect(episodes.map(\.kind) == [.joiner, .mover])
    #expect(episodes.map(\.status) == [.failed, .incomplete])
    #expect(episodes.first?.steps.map(\.httpStatus) == [nil, 409])
    // Two changes a second apart are one move; the Slack group is not an access group.
    #expect(episodes.last?.steps.map(\.role) == [.opening, .upstream])
    #expect(episodes.last?.latencySeconds == Latencies())
  }

  @Test func failedSCIMCallsRepairedByHandEndTheLeaverAndAreNotDrift() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.scim(.deactivate, "2026-03-02T09:00:05Z", ScenarioLog.ann, status: 500, correlationID: "patch-1")
    log.gitlab(
      .membershipRemove, "2026-03-02T15:00:00Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .person(ScenarioLog.admin), role: RoleChange(before: "Developer", after: nil))
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let leaver = try #require(leavers(analysis).first)
    #expect(leaver.status == .complete)
    #expect(
      describe(leaver.steps) == [
        "opening idp account.disable 2026-03-02T09:00:00Z ok okta/systemlog.ndjson:3",
        "provisioning scim provision.request 2026-03-02T09:00:05Z failed 500 gitlab/api_json.log:2",
        "effect gitlab membership.remove 2026-03-02T15:00:00Z ok gitlab/audit-stream.ndjson:3",
      ])
    #expect(leaver.effect?.channel == .manualUI)
    #expect(leaver.latencySeconds == Latencies(endToEnd: 21_600))
    #expect(analysis.correlation.drift.isEmpty)
  }

  @Test func provisioningToAnotherApplicationIsNoHop() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.okta(
      .accountDisable, "2026-03-02T09:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    // Entra-style provisioning log line for another application, then the one for GitLab.
    for (index, application) in ["Dropbox Business", "GitLab.com (example-org)"].enumerated() {
      log.events.append(
        IdentityEvent(
          time: ScenarioLog.time("2026-03-02T09:00:0\(index + 3)Z"), originalTime: "",
          source: .entraProvisioning,
          stage: .scim, nativeID: "prov-\(index)", locator: .line(index + 1, in: "entra/provisioning.ndjson"),
          action: .provisionRequest, rawAction: "Disable", provisioning: .deactivate,
          subject: ScenarioLog.ids([(.scimExternalID, ScenarioLog.ann.oktaID)]),
          actor: Actor(kind: .provisioningClient),
          resource: Resource(kind: .idpApplication, name: application), channel: .idpPush))
    }
    let analysis = Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)

    let leaver = try #require(leavers(analysis).first)
    #expect(
      leaver.steps.filter { $0.role == .provisioning }.map(\.locator) == [
        .line(2, in: "entra/provisioning.ndjson")
      ])
    #expect(leaver.latencySeconds.idpToScim == 4)
  }
}
