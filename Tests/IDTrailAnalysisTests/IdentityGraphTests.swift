import IDTrailAnalysis
import IDTrailModel
import Testing

@Suite struct IdentityGraphTests {
  private func event(
    _ time: String, _ source: FormatID, line: Int, path: String, subject: [Identifier],
    actor: Actor = .system,
    action: Action = .accountUpdate, nativeID: String? = nil
  ) -> IdentityEvent {
    IdentityEvent(
      time: ScenarioLog.time(time), originalTime: time, source: source,
      stage: source == .oktaSystemLog ? .idp : source == .gitlabAPILog ? .scim : .gitlab, nativeID: nativeID,
      locator: .line(line, in: path), action: action, rawAction: "test", subject: subject, actor: actor,
      channel: .unknown)
  }

  @Test func threeHopChainJoinsOktaIDThroughSCIMToGitLabUserID() throws {
    let okta = event(
      "2026-01-05T08:10:00Z", .oktaSystemLog, line: 1, path: "okta.ndjson",
      subject: ScenarioLog.ids([(.oktaUserID, "00u1alee"), (.email, "ALee@Example.com")]))
    let post = event(
      "2026-01-05T08:10:32Z", .gitlabAPILog, line: 7, path: "api_json.log",
      subject: ScenarioLog.ids([
        (.scimExternalID, "00u1alee"), (.gitlabUsername, "alee"), (.email, "alee@example.com"),
      ]))
    let provisioned = event(
      "2026-01-05T08:10:33Z", .gitlabAuditStream, line: 3, path: "stream.ndjson",
      subject: ScenarioLog.ids([(.gitlabUserID, "42"), (.gitlabUsername, "alee")]))
    let graph = IdentityGraph(
      trail: Trail(events: [provisioned, okta, post]), mappings: Policy.default.identifierMappings)

    #expect(graph.people.count == 1)
    let person = try #require(graph.person(for: try ScenarioLog.id(.oktaUserID, "00u1alee")))
    #expect(graph.person(for: try ScenarioLog.id(.gitlabUserID, "42"))?.id == person.id)
    #expect(
      person.identifiers.map { "\($0.kind.rawValue)=\($0.value) \($0.learnedFrom) \($0.rule)" } == [
        "email=alee@example.com okta.ndjson:1 event.subject",
        "gitlab.extern_uid=00u1alee api_json.log:7 mapping:scim-external-id-is-gitlab-extern-uid",
        "gitlab.user_id=42 stream.ndjson:3 event.subject",
        "gitlab.username=alee api_json.log:7 event.subject",
        "okta.user_id=00u1alee okta.ndjson:1 event.subject",
        "scim.external_id=00u1alee api_json.log:7 event.subject",
      ])
    #expect(
      graph.joins(of: person.id).map {
        "\($0.from) + \($0.to) @ \($0.provenance.locator) (\($0.provenance.rule))"
      } == [
        "email:alee@example.com + okta.user_id:00u1alee @ okta.ndjson:1 (event.subject)",
        "email:alee@example.com + gitlab.username:alee @ api_json.log:7 (event.subject)",
        "email:alee@example.com + scim.external_id:00u1alee @ api_json.log:7 (event.subject)",
        "scim.external_id:00u1alee + gitlab.extern_uid:00u1alee @ api_json.log:7 "
          + "(mapping:scim-external-id-is-gitlab-extern-uid)",
        "gitlab.user_id:42 + gitlab.username:alee @ stream.ndjson:3 (event.subject)",
      ])
    #expect(person.emails == ["alee@example.com"])
    #expect(graph.conflicts.isEmpty)
  }

  @Test func policyMappingJoinsADAccountToEmail() throws {
    let ad = event(
      "2026-01-05T08:00:00Z", .windowsSecurityXML, line: 1, path: "security.xml",
      subject: ScenarioLog.ids([(.adSID, "S-1-5-21-1-1104"), (.adAccount, "CORP\\ALee")]))
    let okta = event(
      "2026-01-05T08:10:00Z", .oktaSystemLog, line: 1, path: "okta.ndjson",
      subject: ScenarioLog.ids([(.oktaUserID, "00u1alee"), (.email, "alee@example.com")]))
    let unrelated = event(
      "2026-01-05T08:20:00Z", .windowsSecurityXML, line: 2, path: "security.xml",
      subject: ScenarioLog.ids([(.adSID, "S-1-5-21-1-1105"), (.adAccount, "OTHER\\alee")]))
    let graph = IdentityGraph(
      trail: Trail(events: [ad, okta, unrelated]), mappings: ScenarioLog.policy.identifierMappings)

    #expect(graph.people.count == 2)
    let person = try #require(graph.person(for: try ScenarioLog.id(.adSID, "S-1-5-21-1-1104")))
    #expect(graph.person(for: try ScenarioLog.id(.oktaUserID, "00u1alee"))?.id == person.id)
    let email = try #require(person.identifiers.first { $0.kind == .email })
    #expect(email.learnedFrom == .line(1, in: "security.xml"))
    #expect(email.rule == .mapping("ad-account-to-email"))
    #expect(graph.person(for: try ScenarioLog.id(.adAccount, "other\\alee"))?.id != person.id)
  }

  @Test func conflictingStrongIdentifiersAreRefusedAndListed() throws {
    let first = event(
      "2026-02-01T00:00:00Z", .gitlabAuditStream, line: 1, path: "stream.ndjson",
      subject: ScenarioLog.ids([(.gitlabUserID, "42"), (.email, "alee@example.com")]))
    let second = event(
      "2026-02-02T00:00:00Z", .gitlabAuditStream, line: 2, path: "stream.ndjson",
      subject: ScenarioLog.ids([(.gitlabUserID, "43"), (.gitlabUsername, "alee2")]))
    // This record claims user 43 has Ann's email: joining would give one person two user ids.
    let clash = event(
      "2026-02-03T00:00:00Z", .gitlabAuditStream, line: 3, path: "stream.ndjson",
      subject: ScenarioLog.ids([(.email, "alee@example.com"), (.gitlabUserID, "43")]))
    let graph = IdentityGraph(trail: Trail(events: [clash, second, first]))

    #expect(graph.people.count == 2)
    #expect(
      graph.person(for: try ScenarioLog.id(.gitlabUserID, "42"))?.id
        != graph.person(for: try ScenarioLog.id(.gitlabUserID, "43"))?.id)
    let conflict = try #require(graph.conflicts.first)
    #expect(graph.conflicts.count == 1)
    #expect(conflict.kind == .gitlabUserID)
    #expect(conflict.existing == (try ScenarioLog.id(.gitlabUserID, "42")))
    #expect(conflict.incoming == (try ScenarioLog.id(.gitlabUserID, "43")))
    #expect(conflict.provenance.locator == .line(3, in: "stream.ndjson"))
    #expect(
      conflict.description
        == "refused to join email:alee@example.com and gitlab.user_id:43 (event.subject at stream.ndjson:3): "
        + "it would give one person both gitlab.user_id:42 and gitlab.user_id:43")
  }

  @Test func displayNamesAloneNeverJoin() throws {
    let okta = event(
      "2026-01-05T08:10:00Z", .oktaSystemLog, line: 1, path: "okta.ndjson",
      subject: ScenarioLog.ids([(.oktaUserID, "00u1alee"), (.displayName, "Ann Lee")]))
    let gitlab = event(
      "2026-01-06T08:10:00Z", .gitlabAuditStream, line: 1, path: "stream.ndjson",
      subject: ScenarioLog.ids([(.gitlabUserID, "99"), (.displayName, "Ann Lee")]))
    let nameOnly = event(
      "2026-01-07T08:10:00Z", .gitlabAuditStream, line: 2, path: "stream.ndjson",
      subject: ScenarioLog.ids([(.displayName, "Ann Lee")]))
    let graph = IdentityGraph(trail: Trail(events: [okta, gitlab, nameOnly]))

    #expect(graph.people.count == 2)
    #expect(graph.people.map(\.displayName) == ["Ann Lee", "Ann Lee"])
    #expect(graph.joins.isEmpty)
    #expect(graph.personID(for: ScenarioLog.ids([(.displayName, "Ann Lee")])) == nil)
    #expect(throws: TimelineError.self) { try Timeline.findPerson("Ann Lee", in: graph) }
    #expect(graph.people(matching: IdentifierQuery(parsing: "display_name:Ann Lee")).count == 2)
  }

  @Test func failedSignInsWithATypedLoginCreateNobody() {
    let failure = IdentityEvent(
      time: ScenarioLog.time("2026-01-05T08:10:00Z"), originalTime: "", source: .gitlabAuditStream,
      stage: .gitlab,
      nativeID: nil, locator: .line(1, in: "stream.ndjson"), action: .authFailure, rawAction: "login_failed",
      subject: ScenarioLog.ids([(.gitlabUsername, "typo-admin")]),
      actor: Actor(kind: .unauthenticated, identifiers: ScenarioLog.ids([(.gitlabUsername, "typo-admin")])),
      outcome: .failure("bad password"), channel: .unknown)
    #expect(IdentityGraph(trail: Trail(events: [failure])).people.isEmpty)
  }

  @Test func personIDsAreTheSameForShuffledInputs() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.onboard(ScenarioLog.bob, ids: 110)
    log.member(ScenarioLog.ann, role: "Developer", asOf: "2026-01-31T00:00:00Z")
    log.account(ScenarioLog.bob, state: "active", canSignIn: true, asOf: "2026-01-31T00:00:00Z")
    let policy = ScenarioLog.policy
    let reference = IdentityGraph(
      trail: Trail(events: log.events, facts: log.facts), mappings: policy.identifierMappings)
    // Ann's id is FNV-1a 64 of her sorted strong identifiers ("ad.account:corp\\alee\nad.sid:…"), as
    // computed independently.
    #expect(
      reference.person(for: try ScenarioLog.id(.email, "alee@example.com"))?.id.rawValue == "p-6e325565bb44")
    #expect(reference.people.map(\.id.rawValue) == ["p-41f830f03094", "p-6e325565bb44", "p-b3563701d9c1"])

    var generator = SplitMix64(seed: 7)
    for _ in 0..<20 {
      let graph = IdentityGraph(
        trail: Trail(
          events: log.events.shuffled(using: &generator), facts: log.facts.shuffled(using: &generator)),
        mappings: policy.identifierMappings)
      #expect(graph.people == reference.people)
      #expect(graph.joins == reference.joins)
    }
  }

  @Test func queriesFindPeopleByAnyIdentifier() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    let graph = IdentityGraph(
      trail: Trail(events: log.events), mappings: ScenarioLog.policy.identifierMappings)
    let ann = try #require(graph.person(for: try ScenarioLog.id(.email, "alee@example.com")))
    for query in [
      "ALee@Example.COM", "alee", "42", "gitlab.user_id:42", "00u1alee000000000001", "CORP\\ALEE",
      "S-1-5-21-1004336348-1177238915-682003330-1104", ann.id.rawValue, "Ann Lee",
    ] {
      #expect((try? Timeline.findPerson(query, in: graph))?.id == ann.id, "query \(query)")
    }
    #expect(throws: TimelineError.noPerson(query: "nobody@example.com")) {
      try Timeline.findPerson("nobody@example.com", in: graph)
    }
    #expect(throws: TimelineError.noPerson(query: "okta.user_id:42")) {
      try Timeline.findPerson("okta.user_id:42", in: graph)
    }
  }
}

/// A small seeded generator, so shuffles are the same in every run.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
