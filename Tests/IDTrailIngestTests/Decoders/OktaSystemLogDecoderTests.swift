import Foundation
import IDTrailModel
import Testing

@testable import IDTrailIngest

/// `okta.systemlog` on fixtures composed from `formats-idp.md` §3, and on inline records generated
/// from one template for every row of the event-type table.
@Suite struct OktaSystemLogDecoderTests {
  private typealias Fixtures = IdentityProviderFixtures

  // MARK: - Fixtures

  @Test func apiPageDecodesLifecycleAssignmentPushesAndFailures() throws {
    let path = Fixtures.path(.oktaSystemLog, "page.json")
    let input = try Fixtures.decode(.oktaSystemLog, "page.json")
    #expect(input.format == .oktaSystemLog)
    Fixtures.expectAccounting(input, records: 10, decoded: 7, skipped: 3, rejected: 0)
    #expect(
      input.skipped == [
        "existence check before a push (a lookup)": 1,
        "not an identity event (policy.evaluate_sign_on)": 1,
        "outcome CHALLENGE is not a final result": 1,
      ])
    Fixtures.expectEvents(input, Self.page, path: path)
  }

  private static let page = [
    """
    #1@4 3f1e9c2a-6b7d-11ef-9a01-000000000001 2024-06-30T17:40:02.123Z
    idp account.disable user.lifecycle.deactivate
    subject: okta.user_id:00u1abcdEFGHijkl0h7, email:jdoe@example.com, display_name:Jane Doe
    actor: person okta.user_id:00uadmin000000000x7, email:it-admin@example.com, display_name:Ida Admin
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    #2@941 3f1e9c2a-6b7d-11ef-9a01-000000000002 2024-06-30T17:40:03.500Z
    idp assignment.remove application.user_membership.remove
    subject: gitlab.username:jdoe, okta.user_id:00u1abcdEFGHijkl0h7, email:jdoe@example.com, \
    display_name:Jane Doe
    actor: system
    resource: idp.application:GitLab; role: -; channel: system-job
    success
    """,
    """
    #3@1918 3f1e9c2a-6b7d-11ef-9a01-000000000003 2024-06-30T17:45:10.123Z
    scim provision.request:deactivate application.provision.user.deactivate
    subject: gitlab.username:jdoe, okta.user_id:00u1abcdEFGHijkl0h7, email:jdoe@example.com, \
    display_name:Jane Doe
    actor: provisioning-client display_name:GitLab SCIM
    resource: idp.application:GitLab; role: -; channel: idp-push
    success
    """,
    """
    #4@2886 3f1e9c2a-6b7d-11ef-9a01-000000000004 2024-07-01T08:00:00Z
    scim provision.request:create application.provision.user.push
    subject: email:rroe@example.com, okta.user_id:00u1rroe00000000x8, display_name:Rick Roe
    actor: provisioning-client display_name:GitLab SCIM
    resource: idp.application:GitLab; role: -; channel: idp-push
    failure: Push new user to external application
    """,
    """
    #5@3809 3f1e9c2a-6b7d-11ef-9a01-000000000005 2024-07-01T08:05:00Z
    scim other application.integration.authentication_failure
    subject: -
    actor: system
    resource: idp.application:GitLab; role: -; channel: idp-push
    failure: Authentication failed: 401 Unauthorized
    """,
    """
    #6@4563 3f1e9c2a-6b7d-11ef-9a01-000000000006 2024-07-01T09:00:00Z
    idp group.member.remove group.user_membership.remove
    subject: okta.user_id:00u1abcdEFGHijkl0h7, email:jdoe@example.com, display_name:Jane Doe
    actor: person okta.user_id:00uadmin000000000x7, email:it-admin@example.com, display_name:Ida Admin
    resource: idp.group:Engineering; role: -; channel: api
    success
    """,
    """
    #7@5270 3f1e9c2a-6b7d-11ef-9a01-000000000007 2024-07-01T09:30:00Z
    idp auth.failure user.session.start
    subject: okta.user_id:00u1abcdEFGHijkl0h7, email:jdoe@example.com, display_name:Jane Doe
    actor: person okta.user_id:00u1abcdEFGHijkl0h7, email:jdoe@example.com, display_name:Jane Doe
    resource: -; role: -; channel: manual-ui
    failure: INVALID_CREDENTIALS
    """,
  ]

  @Test func eventHookDeliveryIsReadFromDataEvents() throws {
    let path = Fixtures.path(.oktaSystemLog, "event-hook.json")
    let input = try Fixtures.decode(.oktaSystemLog, "event-hook.json")
    #expect(input.format == .oktaSystemLog)
    Fixtures.expectAccounting(input, records: 2, decoded: 2, skipped: 0, rejected: 0)
    Fixtures.expectEvents(
      input,
      [
        """
        #1@345 5a5a5a5a-0000-11ef-9a01-000000000001 2024-07-02T10:00:00Z
        idp account.disable user.lifecycle.suspend
        subject: okta.user_id:00u2mmoe00000000x7, email:mmoe@example.com, display_name:Max Moe
        actor: person okta.user_id:00uadmin000000000x7, email:it-admin@example.com, display_name:Ida Admin
        resource: -; role: -; channel: manual-ui
        success
        """,
        """
        #2@938 5a5a5a5a-0000-11ef-9a01-000000000002 2024-07-02T10:00:01Z
        idp mfa.disable user.mfa.factor.reset_all
        subject: okta.user_id:00u2mmoe00000000x7, email:mmoe@example.com, display_name:Max Moe
        actor: person okta.user_id:00uadmin000000000x7, email:it-admin@example.com, display_name:Ida Admin
        resource: -; role: -; channel: manual-ui
        success
        """,
      ], path: path)
  }

  @Test func badRecordsAreRejectedWithTheirLinesAndTheRestIsDecoded() throws {
    let path = Fixtures.path(.oktaSystemLog, "bad-records.ndjson")
    let input = try Fixtures.decode(.oktaSystemLog, "bad-records.ndjson")
    #expect(input.format == .oktaSystemLog)
    Fixtures.expectAccounting(input, records: 10, decoded: 2, skipped: 0, rejected: 8)
    #expect(input.events.map(\.nativeID) == ["bad-0001", "bad-0010"])
    #expect(input.events.map(\.locator) == [.line(1, in: path), .line(10, in: path)])
    let expected: [(Int, String)] = [
      (2, "no published"),
      (3, "eventType is number JSON, not a string"),
      (4, "malformed JSON: the JSON ends in the middle of a value (truncated record?) at byte 769"),
      (5, "target is string JSON, not an array"),
      (6, "published is not a valid RFC 3339 time: '2024-02-30T12:00:05.000Z'"),
      (7, "names no user: no User or AppUser target"),
      (8, "no outcome.result"),
      (9, "the record is array JSON, not an object"),
    ]
    #expect(input.rejections == expected.map { Rejection(locator: .line($0.0, in: path), reason: $0.1) })
  }

  @Test func debugDataAndTokenValuesNeverReachEvents() throws {
    let input = try Fixtures.decode(.oktaSystemLog, "secrets.ndjson")
    Fixtures.expectAccounting(input, records: 2, decoded: 2, skipped: 0, rejected: 0)
    // The API token marks the change as made through the API; its id is not kept.
    #expect(input.events.map(\.channel) == [.api, .idpPush])
    let encoded = try Fixtures.encodedOutput(input)
    #expect(encoded.contains("jdoe@example.com"))
    #expect(!encoded.contains("CANARY"))
  }

  // MARK: - The event-type table, one row at a time

  /// Every row of `OktaEventMapping.byEventType` with what it must give, written out here rather
  /// than derived from the table.
  private static let rows: [(eventType: String, expected: String)] = [
    ("user.lifecycle.create", "idp account.create manual-ui"),
    ("user.lifecycle.activate", "idp account.enable manual-ui"),
    ("user.lifecycle.reactivate", "idp account.enable manual-ui"),
    ("user.lifecycle.deactivate", "idp account.disable manual-ui"),
    ("user.lifecycle.suspend", "idp account.disable manual-ui"),
    ("user.lifecycle.unsuspend", "idp account.enable manual-ui"),
    ("user.lifecycle.delete.initiated", "idp account.delete manual-ui"),
    ("user.lifecycle.delete.completed", "idp account.delete manual-ui"),
    ("user.account.lock", "idp account.lock manual-ui"),
    ("user.account.unlock", "idp account.unlock manual-ui"),
    ("user.account.update_profile", "idp account.update manual-ui"),
    ("user.account.privilege.grant", "idp privilege.grant manual-ui"),
    ("user.account.privilege.revoke", "idp privilege.revoke manual-ui"),
    ("application.user_membership.add", "idp assignment.add manual-ui app"),
    ("application.user_membership.remove", "idp assignment.remove manual-ui app"),
    ("group.user_membership.add", "idp group.member.add manual-ui group"),
    ("group.user_membership.remove", "idp group.member.remove manual-ui group"),
    ("user.mfa.factor.activate", "idp mfa.enable manual-ui"),
    ("user.mfa.factor.unsuspend", "idp mfa.enable manual-ui"),
    ("user.mfa.factor.deactivate", "idp mfa.disable manual-ui"),
    ("user.mfa.factor.suspend", "idp mfa.disable manual-ui"),
    ("user.mfa.factor.reset_all", "idp mfa.disable manual-ui"),
    ("user.session.start", "idp auth.success manual-ui app"),
    ("user.authentication.sso", "idp auth.success manual-ui app"),
    ("user.session.end", "idp session.end manual-ui"),
    ("application.provision.user.push", "scim provision.request:create idp-push app"),
    ("application.provision.user.push_profile", "scim provision.request:update idp-push app"),
    ("application.provision.user.sync", "scim provision.request:update idp-push app"),
    ("application.provision.user.deactivate", "scim provision.request:deactivate idp-push app"),
    ("application.provision.user.deprovision", "scim provision.request:deactivate idp-push app"),
    ("application.provision.user.reactivate", "scim provision.request:reactivate idp-push app"),
    ("application.provision.user.activate", "scim provision.request:reactivate idp-push app"),
    ("application.provision.user.verify_exists", "skipped: existence check before a push (a lookup)"),
    ("application.integration.authentication_failure", "scim other idp-push app"),
    ("application.integration.general_failure", "scim other idp-push app"),
    ("application.integration.rate_limit_exceeded", "scim other idp-push app"),
  ]

  @Test func everyTableRowIsListedHere() {
    #expect(Set(Self.rows.map(\.eventType)) == Set(OktaEventMapping.byEventType.keys))
    #expect(Set(Self.rows.map(\.eventType)).count == Self.rows.count)
  }

  @Test(arguments: rows.map(\.eventType))
  func tableRow(_ eventType: String) throws {
    let expected = try #require(Self.rows.first { $0.eventType == eventType }?.expected)
    let input = Fixtures.decode(text: Self.record(eventType), with: OktaSystemLogDecoder())
    #expect(Self.summary(input) == expected)
    #expect(input.events.first?.rawAction ?? eventType == eventType)
  }

  /// Jane Doe's GitLab app user, GitLab, Jane Doe, and the Engineering group.
  private static let targets = """
    [{"id":"0ua5appuser0000000x7","type":"AppUser","alternateId":"jdoe"},\
    {"id":"0oa9gitlab000000000x7","type":"AppInstance","alternateId":"GitLab","displayName":"GitLab"},\
    {"id":"00u1abcdEFGHijkl0h7","type":"User","alternateId":"jdoe@example.com"},\
    {"id":"00g1engineering00x7","type":"UserGroup","displayName":"Engineering"}]
    """

  /// An event of `eventType` by an admin in the console, on `targets`.
  private static func record(
    _ eventType: String, result: String = "SUCCESS", reason: String? = nil, legacy: String? = nil,
    targets: String = targets, actorType: String = "User"
  ) -> String {
    let legacyField = legacy.map { #""legacyEventType":"\#($0)","# } ?? ""
    let reasonField = reason.map { #","reason":"\#($0)""# } ?? ""
    return """
      {"uuid":"row-1","published":"2024-06-30T17:45:10.123Z","eventType":"\(eventType)",\(legacyField)\
      "actor":{"id":"00uadmin000000000x7","type":"\(actorType)","alternateId":"it-admin@example.com"},\
      "outcome":{"result":"\(result)"\(reasonField)},"target":\(targets),\
      "transaction":{"type":"WEB","id":"WEBtxn","detail":{}}}
      """
  }

  /// `stage action[:operation] channel [app|group]` of the one event, or the skip reason.
  private static func summary(_ input: DecodedInput) -> String {
    if let reason = input.skipped.keys.first { return "skipped: \(reason)" }
    guard input.events.count == 1, let event = input.events.first else {
      return "\(input.events.count) events, rejections: \(input.rejections.map(\.reason))"
    }
    var text = "\(event.stage.rawValue) \(event.action.rawValue)"
    if let operation = event.provisioning { text += ":\(operation.rawValue)" }
    text += " \(event.channel.rawValue)"
    switch event.resource {
    case Resource(kind: .idpApplication, name: "GitLab")?: text += " app"
    case Resource(kind: .idpGroup, name: "Engineering")?: text += " group"
    case nil: break
    case let other?: text += " \(other)"
    }
    return text
  }

  // MARK: - Rules

  @Test func subjectJoinsTheOktaUserAndTheGitLabUsername() throws {
    let input = Fixtures.decode(text: Self.record("application.user_membership.add"))
    let event = try #require(input.events.first)
    #expect(
      event.subject.map(\.description) == [
        "gitlab.username:jdoe", "okta.user_id:00u1abcdEFGHijkl0h7", "email:jdoe@example.com",
      ])
  }

  @Test func appUsernameOfAnotherAppIsKeptOnlyWhenItIsAnEmail() throws {
    let other = Self.record("application.user_membership.add").replacingOccurrences(
      of: #""alternateId":"GitLab","displayName":"GitLab""#,
      with: #""alternateId":"Slack","displayName":"Slack""#)
    let event = try #require(Fixtures.decode(text: other).events.first)
    #expect(!event.subject.contains { $0.kind == .gitlabUsername })
    #expect(event.resource == Resource(kind: .idpApplication, name: "Slack"))
  }

  @Test(
    arguments: [
      ("FAILURE", "LOCKED_OUT", "failure: LOCKED_OUT"),
      ("FAILURE", nil, "failure: FAILURE"),
      ("DENY", "Access denied by policy", "failure: Access denied by policy"),
      ("ALLOW", nil, "success"),
      ("SKIPPED", "Push disabled for this app", "failure: skipped: Push disabled for this app"),
    ] as [(String, String?, String)])
  func outcomeResultsBecomeOutcomes(_ result: String, _ reason: String?, _ expected: String) throws {
    let input = Fixtures.decode(
      text: Self.record("user.lifecycle.deactivate", result: result, reason: reason))
    let event = try #require(input.events.first)
    let text = event.outcome.succeeded ? "success" : "failure: \(event.outcome.reason ?? "-")"
    #expect(text == expected)
  }

  @Test func failedSignInIsAnAuthFailure() throws {
    let input = Fixtures.decode(text: Self.record("user.authentication.sso", result: "FAILURE"))
    #expect(input.events.map(\.action) == [.authFailure])
  }

  @Test(
    arguments: [
      ("application.provision.user.push", "app.api.error.create_user", "provision.request:create"),
      ("app.api.error.create_user", nil, "provision.request:create"),
      ("app.api.error.user.not_found", nil, "provision.request:create"),
      ("app.api.error.push_profile_update", nil, "provision.request:update"),
      ("app.api.error.deactivate_user", nil, "provision.request:deactivate"),
      ("app.api.error.reactivate_user", nil, "provision.request:reactivate"),
      ("app.api.error.activate_user", nil, "provision.request:reactivate"),
      ("application.provision.user.verify_exists", "app.api.error.check_user_exists", "other"),
      ("application.provision.group_membership.add", "app.api.error.add_group_membership", "other"),
      ("app.api.error.generic", nil, "other"),
    ] as [(String, String?, String)])
  func apiErrorsAreFailedPushesEvenWhenMarkedSuccess(
    _ eventType: String, _ legacy: String?, _ expected: String
  ) throws {
    let input = Fixtures.decode(text: Self.record(eventType, legacy: legacy))
    let event = try #require(input.events.first)
    #expect(event.action.rawValue + (event.provisioning.map { ":" + $0.rawValue } ?? "") == expected)
    #expect(event.stage == .scim)
    #expect(event.channel == .idpPush)
    #expect(event.outcome == .failure(legacy ?? eventType))
  }

  @Test func accountChangeWithoutATargetIsNotPutOnTheAdmin() {
    let input = Fixtures.decode(text: Self.record("user.lifecycle.deactivate", targets: "null"))
    #expect(input.rejections.map(\.reason) == ["names no user: no User or AppUser target"])
  }

  @Test func ownSignInWithoutATargetIsTheActors() throws {
    let event = try #require(
      Fixtures.decode(text: Self.record("user.session.start", targets: "[]")).events.first)
    #expect(
      event.subject.map(\.description) == ["okta.user_id:00uadmin000000000x7", "email:it-admin@example.com"])
  }

  @Test func signInByAnActorThatIsNoUserAndWithoutATargetIsRejected() {
    let record = Self.record("user.session.start", targets: "null", actorType: "PublicClientApp")
    let input = Fixtures.decode(text: record)
    #expect(
      input.rejections.map(\.reason) == [
        "names no user: no User or AppUser target, and the actor is PublicClientApp"
      ])
  }

  @Test func unknownEventTypesAreSkippedByName() {
    let input = Fixtures.decode(text: Self.record("system.push.send_factor_verify_push"))
    #expect(input.skipped == ["not an identity event (system.push.send_factor_verify_push)": 1])
  }
}
