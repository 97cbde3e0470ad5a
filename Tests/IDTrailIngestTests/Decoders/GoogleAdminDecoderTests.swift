import Foundation
import IDTrailModel
import Testing

@testable import IDTrailIngest

/// `google.admin` on fixtures composed from `formats-idp.md` §5 (an API page, Elastic's split
/// events, sign-ins), a subset of invictus-ir's MIT-licensed dataset, and inline activities for
/// every event name of the table.
@Suite struct GoogleAdminDecoderTests {
  private typealias Fixtures = IdentityProviderFixtures
  private static let format = FormatID.googleAdmin

  private static let jane = "subject: email:jdoe@example.com, google.email:jdoe@example.com"
  private static let rick = "subject: email:rroe@example.com, google.email:rroe@example.com"
  private static let admin = "actor: person email:it-admin@example.com"

  // MARK: - Fixtures

  @Test func apiPageDecodesEachRelevantEventOfAnActivity() throws {
    let path = Fixtures.path(Self.format, "activities-page.json")
    let input = try Fixtures.decode(Self.format, "activities-page.json")
    #expect(input.format == Self.format)
    // Seven activities, one counted per activity; the first holds two events.
    Fixtures.expectAccounting(input, records: 7, decoded: 6, skipped: 1, rejected: 0)
    #expect(input.skipped == ["admin USER_LICENSE_REVOKE: not an identity event": 1])
    Fixtures.expectEvents(
      input,
      [
        """
        #1@90 2024-06-30T17:45:10.321Z/-4210987654321098765#1 2024-06-30T17:45:10.321Z
        idp account.disable SUSPEND_USER
        \(Self.jane)
        \(Self.admin)
        resource: -; role: -; channel: unknown
        success
        """,
        """
        #1@90 2024-06-30T17:45:10.321Z/-4210987654321098765#2 2024-06-30T17:45:10.321Z
        idp group.member.remove REMOVE_GROUP_MEMBER
        \(Self.jane)
        \(Self.admin)
        resource: idp.group:engineering@example.com; role: -; channel: unknown
        success
        """,
        """
        #2@930 2024-07-01T08:00:00Z/1234567890123456789 2024-07-01T08:00:00Z
        idp account.create CREATE_USER
        \(Self.rick)
        \(Self.admin)
        resource: -; role: -; channel: unknown
        success
        """,
        """
        #3@1422 2024-07-01T08:05:00Z/1234567890123456790 2024-07-01T08:05:00Z
        idp privilege.grant ASSIGN_ROLE
        \(Self.rick)
        \(Self.admin)
        resource: -; role: - -> _GROUPS_ADMIN_ROLE; channel: unknown
        success
        """,
        """
        #4@1969 2024-07-01T09:00:00Z/1234567890123456791 2024-07-01T09:00:00Z
        idp mfa.disable ENFORCE_STRONG_AUTHENTICATION
        subject: email:it-admin@example.com, google.email:it-admin@example.com
        \(Self.admin)
        resource: idp.group:org unit Engineering; role: -; channel: unknown
        success
        """,
        """
        #6@3112 2024-07-02T10:00:00Z/1234567890123456793 2024-07-02T10:00:00Z
        idp account.delete DELETE_USER
        \(Self.jane)
        actor: system
        resource: -; role: -; channel: api
        success
        """,
        """
        #7@3568 2024-07-02T10:05:00Z/1234567890123456794 2024-07-02T10:05:00Z
        idp account.disable ARCHIVE_USER
        subject: email:mmoe@example.com, google.email:mmoe@example.com
        actor: system
        resource: -; role: -; channel: system-job
        success
        """,
      ], path: path)
  }

  @Test func oauthConsumerKeysAreNotKept() throws {
    let input = try Fixtures.decode(Self.format, "activities-page.json")
    let encoded = try Fixtures.encodedOutput(input)
    #expect(encoded.contains("jdoe@example.com"))
    #expect(!encoded.contains("CANARY"))
  }

  @Test func elasticSplitEventsAreSingleObjects() throws {
    let path = Fixtures.path(Self.format, "elastic-split.ndjson")
    let input = try Fixtures.decode(Self.format, "elastic-split.ndjson")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 4, decoded: 3, skipped: 1, rejected: 0)
    #expect(input.skipped == ["admin ALERT_CENTER_VIEW: not an identity event": 1])
    Fixtures.expectEvents(
      input,
      [
        """
        line 1 2024-07-03T11:00:00.000Z/5550001 2024-07-03T11:00:00Z
        idp account.enable UNSUSPEND_USER
        \(Self.jane)
        \(Self.admin)
        resource: -; role: -; channel: unknown
        success
        """,
        """
        line 2 2024-07-03T11:00:01.000Z/5550002 2024-07-03T11:00:01Z
        idp group.member.add ADD_GROUP_MEMBER
        \(Self.jane)
        \(Self.admin)
        resource: idp.group:gitlab-developers@example.com; role: -; channel: unknown
        success
        """,
        """
        line 3 2024-07-03T11:00:02.000Z/5550003 2024-07-03T11:00:02Z
        idp mfa.disable TURN_OFF_2_STEP_VERIFICATION
        \(Self.jane)
        \(Self.admin)
        resource: -; role: -; channel: unknown
        success
        """,
      ], path: path)
  }

  @Test func signInsAndTwoStepVerificationOfTheUserThemselves() throws {
    let path = Fixtures.path(Self.format, "login.json")
    let input = try Fixtures.decode(Self.format, "login.json")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 6, decoded: 5, skipped: 1, rejected: 0)
    #expect(input.skipped == ["login login_verification: not an identity event": 1])
    let actor = "actor: person email:jdoe@example.com"
    Fixtures.expectEvents(
      input,
      [
        """
        #1@22 2024-07-04T07:00:00.000Z/722534617001 2024-07-04T07:00:00Z
        idp auth.success login_success
        \(Self.jane)
        \(actor)
        resource: -; role: -; channel: unknown
        success
        """,
        """
        #2@507 2024-07-04T07:30:00.000Z/722534617001 2024-07-04T07:30:00Z
        idp session.end logout
        \(Self.jane)
        \(actor)
        resource: -; role: -; channel: unknown
        success
        """,
        """
        #3@874 2024-07-04T08:00:00.000Z/258855114937 2024-07-04T08:00:00Z
        idp auth.failure login_failure
        \(Self.jane)
        \(actor)
        resource: -; role: -; channel: unknown
        failure: login_failure_invalid_password
        """,
        """
        #5@1705 2024-07-04T08:02:00.000Z/-300000000000000001 2024-07-04T08:02:00Z
        idp auth.success login_success
        \(Self.jane)
        \(actor)
        resource: idp.application:GitLab; role: -; channel: unknown
        success
        """,
        """
        #6@2123 2024-07-04T08:03:00.000Z/8958327431473786420 2024-07-04T08:03:00Z
        idp mfa.enable 2sv_enroll
        \(Self.jane)
        \(actor)
        resource: -; role: -; channel: unknown
        success
        """,
      ], path: path)
    // The same qualifier on two activities at different times gives two native ids.
    #expect(Set(input.events.compactMap(\.nativeID)).count == 5)
  }

  @Test func badRecordsAreRejectedWithTheirLinesAndTheRestIsDecoded() throws {
    let path = Fixtures.path(Self.format, "bad-records.ndjson")
    let input = try Fixtures.decode(Self.format, "bad-records.ndjson")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 10, decoded: 2, skipped: 0, rejected: 8)
    #expect(input.events.map(\.rawAction) == ["SUSPEND_USER", "UNSUSPEND_USER"])
    #expect(input.events.map(\.locator) == [.line(1, in: path), .line(10, in: path)])
    let expected: [(Int, String)] = [
      (2, "no id"),
      (3, "id.time is not a valid RFC 3339 time: '30/06/2024 10:00'"),
      (4, "malformed JSON: the JSON ends in the middle of a value (truncated record?) at byte 979"),
      (5, "events is string JSON, not an array or object"),
      (6, "events #1 (ADD_GROUP_MEMBER) has no USER_EMAIL parameter"),
      (7, "events is empty"),
      (8, "events #1 (login_success) names no user: the actor has no email"),
      (9, "no events #1.name"),
    ]
    #expect(input.rejections == expected.map { Rejection(locator: .line($0.0, in: path), reason: $0.1) })
  }

  /// A subset of invictus-ir/gws_dataset (MIT): a rename, a grant, a group join, a creation and
  /// a deletion among activities with no identity effect.
  @Test func invictusSubsetFromARealTenant() throws {
    let input = try Fixtures.decode(Self.format, "invictus-ir-admin-subset.json")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 7, decoded: 5, skipped: 2, rejected: 0)
    #expect(
      input.skipped == [
        "admin CHANGE_PASSWORD: not an identity event": 1,
        "admin USER_LICENSE_REVOKE: not an identity event": 1,
      ])
    #expect(
      input.events.map { "\($0.action.rawValue) \($0.subject.map(\.description).joined(separator: " "))" }
        == [
          "group.member.add email:workspace@cloud-response.com google.email:workspace@cloud-response.com",
          "account.update email:suspicious@cloud-response.com google.email:suspicious@cloud-response.com "
            + "email:workspace@cloud-response.com google.email:workspace@cloud-response.com",
          "privilege.grant email:greg@cloud-response.com google.email:greg@cloud-response.com",
          "account.create email:greg@cloud-response.com google.email:greg@cloud-response.com",
          "account.delete email:greg@cloud-response.com google.email:greg@cloud-response.com",
        ])
    #expect(input.events[1].nativeID == "2022-07-21T13:37:47.057Z/-6570038635980180654#1")
  }

  // MARK: - The event-name table, one row at a time

  private static let rows: [(name: String, expected: String)] = [
    ("CREATE_USER", "account.create user"),
    ("DELETE_USER", "account.delete user"),
    ("UNDELETE_USER", "account.enable user"),
    ("SUSPEND_USER", "account.disable user"),
    ("UNSUSPEND_USER", "account.enable user"),
    ("ARCHIVE_USER", "account.disable user"),
    ("UNARCHIVE_USER", "account.enable user"),
    ("RENAME_USER", "account.update user+renamed"),
    ("TURN_OFF_2_STEP_VERIFICATION", "mfa.disable user"),
    ("GRANT_ADMIN_PRIVILEGE", "privilege.grant user - -> Groups Admin"),
    ("REVOKE_ADMIN_PRIVILEGE", "privilege.revoke user Groups Admin -> -"),
    ("GRANT_DELEGATED_ADMIN_PRIVILEGES", "privilege.grant user - -> Groups Admin"),
    ("ASSIGN_ROLE", "privilege.grant user - -> Groups Admin"),
    ("UNASSIGN_ROLE", "privilege.revoke user Groups Admin -> -"),
    ("ADD_GROUP_MEMBER", "group.member.add user idp.group:eng@example.com"),
    ("REMOVE_GROUP_MEMBER", "group.member.remove user idp.group:eng@example.com"),
    ("ENFORCE_STRONG_AUTHENTICATION", "mfa.enable actor idp.group:eng@example.com"),
    ("ALLOW_STRONG_AUTHENTICATION", "mfa.enable actor idp.group:eng@example.com"),
    ("CHANGE_TWO_STEP_VERIFICATION_FREQUENCY", "other actor idp.group:eng@example.com"),
    ("CHANGE_TWO_STEP_VERIFICATION_ENROLLMENT_PERIOD_DURATION", "other actor idp.group:eng@example.com"),
    ("CHANGE_TWO_STEP_VERIFICATION_GRACE_PERIOD_DURATION", "other actor idp.group:eng@example.com"),
    ("CHANGE_TWO_STEP_VERIFICATION_START_DATE", "other actor idp.group:eng@example.com"),
    ("CHANGE_ALLOWED_TWO_STEP_VERIFICATION_METHODS", "other actor idp.group:eng@example.com"),
    ("login_success", "auth.success actor idp.application:GitLab"),
    ("login_failure", "auth.failure actor idp.application:GitLab"),
    ("logout", "session.end actor idp.application:GitLab"),
    ("2sv_enroll", "mfa.enable actor idp.application:GitLab"),
    ("2sv_disable", "mfa.disable actor idp.application:GitLab"),
  ]

  @Test func everyTableRowIsListedHere() {
    #expect(Set(Self.rows.map(\.name)) == Set(GoogleAdminEventMapping.byName.keys))
    #expect(Set(Self.rows.map(\.name)).count == Self.rows.count)
  }

  @Test(arguments: rows.map(\.name))
  func tableRow(_ name: String) throws {
    let expected = try #require(Self.rows.first { $0.name == name }?.expected)
    let newValue = name == "RENAME_USER" ? "jane@example.com" : "true"
    let input = Fixtures.decode(text: Self.activity(name, newValue: newValue), with: GoogleAdminDecoder())
    let event = try #require(input.events.first, "\(input.skipped) \(input.rejections)")
    var text = event.action.rawValue
    switch event.subject.map(\.description) {
    case ["email:jdoe@example.com", "google.email:jdoe@example.com"]: text += " user"
    case [
      "email:jdoe@example.com", "google.email:jdoe@example.com", "email:jane@example.com",
      "google.email:jane@example.com",
    ]: text += " user+renamed"
    case ["email:it-admin@example.com", "google.email:it-admin@example.com"]: text += " actor"
    case let other: text += " \(other)"
    }
    if let resource = event.resource { text += " \(resource.kind.rawValue):\(resource.name)" }
    if let role = event.role { text += " \(role.before ?? "-") -> \(role.after ?? "-")" }
    #expect(text == expected)
    #expect(event.rawAction == name)
    #expect(event.outcome.succeeded == (name != "login_failure"))
  }

  @Test(arguments: [("true", Action.mfaEnable), ("False", .mfaDisable), ("new", .other)])
  func twoStepPolicyFollowsItsNewValue(_ value: String, _ expected: Action) {
    let activity = Self.activity("ENFORCE_STRONG_AUTHENTICATION").replacingOccurrences(
      of: #""value":"true""#, with: #""value":"\#(value)""#)
    #expect(Fixtures.decode(text: activity).events.map(\.action) == [expected])
  }

  @Test func renameKeepsANewValueOnlyWhenItIsAnAddress() throws {
    let event = try #require(
      Fixtures.decode(text: Self.activity("RENAME_USER", newValue: "not mail")).events.first)
    #expect(event.subject.map(\.description) == ["email:jdoe@example.com", "google.email:jdoe@example.com"])
  }

  @Test func parametersAreReadFromEveryValueKind() throws {
    let activity = """
      {"kind":"admin#reports#activity","id":{"time":"2024-07-01T00:00:00Z","uniqueQualifier":1,\
      "applicationName":"admin"},"actor":{"callerType":"USER","email":"it-admin@example.com"},\
      "events":[{"name":"ASSIGN_ROLE","parameters":[{"name":"ROLE_NAME","multiValue":["Help Desk","Reader"]},\
      {"name":"USER_EMAIL","value":"jdoe@example.com"}]}]}
      """
    let event = try #require(Fixtures.decode(text: activity).events.first)
    #expect(event.role == RoleChange(before: nil, after: "Help Desk"))
    #expect(event.nativeID == "2024-07-01T00:00:00Z/1")
  }

  /// An activity holding one event `name`, with every parameter any row reads.
  private static func activity(_ name: String, newValue: String = "true") -> String {
    """
    {"kind":"admin#reports#activity","id":{"time":"2024-07-01T00:00:00Z","uniqueQualifier":"42",\
    "applicationName":"admin"},"actor":{"callerType":"USER","email":"it-admin@example.com"},\
    "events":[{"type":"ANY","name":"\(name)","parameters":[\
    {"name":"USER_EMAIL","value":"jdoe@example.com"},{"name":"GROUP_EMAIL","value":"eng@example.com"},\
    {"name":"ROLE_NAME","value":"Groups Admin"},{"name":"NEW_VALUE","value":"\(newValue)"},\
    {"name":"ORG_UNIT_NAME","value":"Engineering"},{"name":"application_name","value":"GitLab"}]}]}
    """
  }
}
