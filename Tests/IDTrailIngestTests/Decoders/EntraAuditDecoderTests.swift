import IDTrailModel
import Testing

import Foundation
@testable import IDTrailIngest

/// `entra.audit` on fixtures composed from `formats-idp.md` §4.4 (a Graph page, the Azure Monitor
/// export), Microsoft's own documentation example, and inline records for every activity of the
/// table.
@Suite struct EntraAuditDecoderTests {
  private typealias Fixtures = IdentityProviderFixtures
  private static let format = FormatID.entraAudit

  private static let admin = """
    actor: person entra.object_id:11111111-2222-3333-4444-555555555555, upn:it-admin@example.com, \
    email:it-admin@example.com
    """
  private static let jane = """
    subject: entra.object_id:7383d412-0000-0000-0000-000000000042, upn:jdoe@example.com, \
    email:jdoe@example.com
    """
  private static let rick = """
    subject: entra.object_id:5d1e0000-0000-0000-0000-000000000043, upn:rroe@example.com, \
    email:rroe@example.com
    """
  private static let max = """
    subject: entra.object_id:6e2f0000-0000-0000-0000-000000000044, upn:mmoe@example.com, \
    email:mmoe@example.com
    """

  // MARK: - Fixtures

  @Test func graphPageDecodesEveryKindOfActivity() throws {
    let path = Fixtures.path(Self.format, "graph-page.json")
    let input = try Fixtures.decode(Self.format, "graph-page.json")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 15, decoded: 12, skipped: 3, rejected: 0)
    #expect(
      input.skipped == [
        "Add app role assignment to service principal of a ServicePrincipal, not a person": 1,
        "Add member to group of a Device and Group, not a person": 1,
        "not an identity activity (Update group)": 1,
      ])
    Fixtures.expectEvents(input, Self.graphPage, path: path)
  }

  private static let graphPage = [
    """
    #1@111 Directory_7c3e_0001 2024-06-30T17:40:02.1234567Z
    idp account.disable Disable account
    \(jane), display_name:Jane Doe
    \(admin), display_name:Ida Admin
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    #2@897 Directory_7c3e_0002 2024-06-30T17:40:02.200Z
    idp account.disable Update user
    \(jane)
    \(admin)
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    #3@1739 Directory_7c3e_0003 2024-07-01T08:00:00Z
    idp account.enable Update user
    \(jane)
    actor: system display_name:HR Sync
    resource: -; role: -; channel: api
    success
    """,
    """
    #4@2390 Directory_7c3e_0004 2024-07-01T08:01:00Z
    idp account.update Update user
    \(jane)
    actor: system display_name:Microsoft Azure AD Connect
    resource: -; role: -; channel: api
    success
    """,
    """
    #5@2979 Directory_7c3e_0005 2024-07-01T09:00:00Z
    idp group.member.add Add member to group
    \(rick)
    \(admin)
    resource: idp.group:GitLab Developers; role: -; channel: manual-ui
    success
    """,
    """
    #6@3723 Directory_7c3e_0006 2024-07-01T09:05:00Z
    idp group.member.remove Remove member from group
    \(jane)
    \(admin)
    resource: idp.group:GitLab Developers; role: -; channel: manual-ui
    success
    """,
    """
    #7@4656 Directory_7c3e_0007 2024-07-01T10:00:00Z
    idp assignment.add Add app role assignment grant to user
    \(rick)
    \(admin)
    resource: idp.application:GitLab; role: - -> Developer; channel: manual-ui
    success
    """,
    """
    #8@5574 Directory_7c3e_0008 2024-07-01T10:05:00Z
    idp assignment.remove Remove app role assignment from user
    \(jane)
    \(admin)
    resource: idp.application:GitLab; role: Developer -> -; channel: manual-ui
    success
    """,
    """
    #10@7041 Directory_7c3e_0010 2024-07-01T11:00:00Z
    idp privilege.grant Add member to role
    \(rick)
    \(admin)
    resource: -; role: - -> Global Administrator; channel: manual-ui
    success
    """,
    """
    #11@7827 Directory_7c3e_0011 2024-07-01T11:05:00Z
    idp privilege.revoke Remove member from role
    \(rick)
    \(admin)
    resource: -; role: Global Administrator -> -; channel: manual-ui
    success
    """,
    """
    #12@8479 Directory_7c3e_0012 2024-07-02T08:00:00Z
    idp account.delete Delete user
    \(max)
    \(admin)
    resource: -; role: -; channel: manual-ui
    failure: Insufficient privileges to complete the operation.
    """,
    """
    #15@9832 Directory_7c3e_0015 2024-07-02T09:00:00Z
    idp account.delete Hard Delete user
    \(max)
    actor: unknown
    resource: -; role: -; channel: unknown
    failure: timeout
    """,
  ]

  @Test func azureMonitorExportReadsAuditRecordsAndHandsProvisioningOver() throws {
    let path = Fixtures.path(Self.format, "azure-monitor.ndjson")
    let input = try Fixtures.decode(Self.format, "azure-monitor.ndjson")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 6, decoded: 3, skipped: 2, rejected: 1)
    #expect(
      input.skipped == [
        "Entra SignInLogs record: not an audit or provisioning log (not read)": 1,
        "Entra MicrosoftGraphActivityLogs record: not an audit or provisioning log (not read)": 1,
      ])
    #expect(
      input.rejections == [
        Rejection(locator: .line(6, in: path), reason: "an AuditLogs record without its 'properties' payload")
      ])
    #expect(input.events.map(\.source) == [.entraAudit, .entraAudit, .entraProvisioning])
    // The second record has no activityDateTime: the diagnostic time stands in.
    #expect(input.events.map(\.originalTime)[1] == "2024-07-03T10:01:00.0000000Z")
    let nina = """
      subject: entra.object_id:8b8b0000-0000-0000-0000-000000000046, upn:nnew@example.com, \
      email:nnew@example.com
      """
    Fixtures.expectEvents(
      input,
      [
        """
        line 1 Directory_AM_0001 2024-07-03T10:00:00Z
        idp account.create Add user
        \(nina)
        \(Self.admin)
        resource: -; role: -; channel: manual-ui
        success
        """,
        """
        line 2 Directory_AM_0002 2024-07-03T10:01:00Z
        idp account.enable Enable account
        \(nina)
        \(Self.admin)
        resource: -; role: -; channel: manual-ui
        success
        """,
        """
        line 3 d0d0d0d0-0000-4000-8000-000000000003 2024-07-03T10:02:00Z
        scim provision.request:create create
        subject: entra.object_id:8b8b0000-0000-0000-0000-000000000046, gitlab.extern_uid:1046
        actor: provisioning-client
        resource: idp.application:GitLab; role: -; channel: idp-push
        success
        """,
      ], path: path)
  }

  @Test func badRecordsAreRejectedWithTheirLinesAndTheRestIsDecoded() throws {
    let path = Fixtures.path(Self.format, "bad-records.ndjson")
    let input = try Fixtures.decode(Self.format, "bad-records.ndjson")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 10, decoded: 2, skipped: 1, rejected: 7)
    #expect(input.events.map(\.nativeID) == ["bad-1", "bad-10"])
    #expect(input.skipped == ["an Entra sign-in record, not an audit or provisioning log (not read)": 1])
    let expected: [(Int, String)] = [
      (2, "no activityDisplayName"),
      (3, "activityDateTime is not a valid RFC 3339 time: 'yesterday'"),
      (4, "malformed JSON: the JSON ends in the middle of a value (truncated record?) at byte 870"),
      (5, "targetResources is object JSON, not an array"),
      (6, "names no user: no User target"),
      (7, "no result"),
      (8, "names no user: the User target has no id or userPrincipalName"),
    ]
    #expect(input.rejections == expected.map { Rejection(locator: .line($0.0, in: path), reason: $0.1) })
  }

  /// Microsoft's example capitalises `Type` in `targetResources` and names the group only by its
  /// display name.
  @Test func documentationExampleWithCapitalisedTypeKey() throws {
    let path = Fixtures.path(Self.format, "ms-graph-docs-add-member-to-group.http")
    let input = try Fixtures.decode(Self.format, "ms-graph-docs-add-member-to-group.http")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 1, decoded: 1, skipped: 0, rejected: 0)
    Fixtures.expectEvents(
      input,
      [
        """
        #1@154 id 2018-01-09T21:20:02.7215374Z
        idp group.member.add Add member to group
        subject: entra.object_id:1f0e98f5-3161-4c6b-9b50-d488572f2bb7, upn:bob@contoso.com, \
        email:bob@contoso.com
        actor: person entra.object_id:728309ae-1a37-4937-9afe-e35d964db09b, upn:bob@wingtiptoysonline.com, \
        email:bob@wingtiptoysonline.com, display_name:Audry Oliver
        resource: idp.group:Example.com; role: -; channel: manual-ui
        success
        """
      ], path: path)
  }

  // MARK: - The activity table, one row at a time

  private static let rows: [(activity: String, expected: String)] = [
    ("Add user", "account.create"),
    ("Update user", "account.update"),
    ("Disable account", "account.disable"),
    ("Enable account", "account.enable"),
    ("Delete user", "account.delete"),
    ("Hard Delete user", "account.delete"),
    ("Restore user", "account.enable"),
    ("Add member to group", "group.member.add idp.group:GitLab Developers"),
    ("Remove member from group", "group.member.remove idp.group:GitLab Developers"),
    ("Add app role assignment grant to user", "assignment.add idp.application:GitLab"),
    ("Remove app role assignment from user", "assignment.remove idp.application:GitLab"),
    ("Add app role assignment to service principal", "assignment.add idp.application:GitLab"),
    ("Remove app role assignment from service principal", "assignment.remove idp.application:GitLab"),
    ("Add member to role", "privilege.grant - -> Global Administrator"),
    ("Remove member from role", "privilege.revoke Global Administrator -> -"),
  ]

  @Test func everyTableRowIsListedHere() {
    #expect(Set(Self.rows.map(\.activity)) == Set(EntraAuditActivity.byActivity.keys))
    #expect(Set(Self.rows.map(\.activity)).count == Self.rows.count)
  }

  @Test(arguments: rows.map(\.activity))
  func tableRow(_ activity: String) throws {
    let expected = try #require(Self.rows.first { $0.activity == activity }?.expected)
    let input = Fixtures.decode(text: Self.record(activity), with: EntraAuditDecoder())
    let event = try #require(input.events.first, "\(input.skipped) \(input.rejections)")
    var text = event.action.rawValue
    if let resource = event.resource { text += " \(resource.kind.rawValue):\(resource.name)" }
    if let role = event.role { text += " \(role.before ?? "-") -> \(role.after ?? "-")" }
    #expect(text == expected)
    #expect(event.stage == .idp)
    #expect(event.rawAction == activity)
  }

  @Test(arguments: [
    (#""[false]""#, Action.accountDisable),
    (#""[true]""#, .accountEnable),
    (#""[\"False\"]""#, .accountDisable),
    (#""False""#, .accountDisable),
    ("[false]", .accountDisable),
    ("[true]", .accountEnable),
    ("null", .accountUpdate),
  ])
  func accountEnabledDecidesWhatAnUpdateIs(_ newValue: String, _ expected: Action) {
    let properties = #"[{"displayName":"AccountEnabled","oldValue":null,"newValue":\#(newValue)}]"#
    let input = Fixtures.decode(text: Self.record("Update user", userProperties: properties))
    #expect(input.events.map(\.action) == [expected])
  }

  /// NDJSON of the Azure Monitor payloads alone: their `category` is the audit category and
  /// they carry `operationName`, but they are Graph records, not diagnostic ones.
  @Test func payloadsWithoutTheirDiagnosticWrapperAreGraphRecords() {
    let payload = Self.record("Disable account").replacingOccurrences(
      of: #""id":"row","#, with: #""id":"row","operationName":"Disable account","#)
    let input = Fixtures.decode(text: payload)
    #expect(input.format == Self.format)
    #expect(input.events.map(\.action) == [.accountDisable])
  }

  @Test func unknownActivitiesAreSkippedByName() {
    let input = Fixtures.decode(text: Self.record("Add unverified domain"))
    #expect(input.skipped == ["not an identity activity (Add unverified domain)": 1])
  }

  /// A directory audit record of `activity` on Jane Doe, with the group, app and role targets the
  /// membership, assignment and role activities look for.
  private static func record(_ activity: String, userProperties: String = "[]") -> String {
    """
    {"id":"row","category":"UserManagement","result":"success","activityDisplayName":"\(activity)",\
    "activityDateTime":"2024-07-01T00:00:00Z","loggedByService":"Core Directory",\
    "initiatedBy":{"user":{"id":"11111111-2222-3333-4444-555555555555",\
    "userPrincipalName":"it-admin@example.com"}},\
    "targetResources":[\
    {"id":"7383d412-0000-0000-0000-000000000042","type":"User","userPrincipalName":"jdoe@example.com",\
    "modifiedProperties":\(userProperties)},\
    {"id":"9a9a0000-0000-0000-0000-000000000045","displayName":"GitLab Developers","type":"Group"},\
    {"id":"11112222-3333-4444-5555-666677778888","displayName":"GitLab","type":"ServicePrincipal"},\
    {"id":"62e90394-69f5-4237-9190-012177145e10","displayName":"Global Administrator","type":"Role"}]}
    """
  }
}
