import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// `entra.provisioning` on fixtures composed from `formats-idp.md` §4.1–4.3 (Graph pages, the Azure
/// Monitor export, the portal download, inbound provisioning, HTTP captures) and on inline records
/// for every action and status.
@Suite struct EntraProvisioningDecoderTests {
  private typealias Fixtures = IdentityProviderFixtures
  private static let format = FormatID.entraProvisioning

  // MARK: - Fixtures

  @Test func graphPageDecodesUserPushesAndSkipsGroupsAndNoOps() throws {
    let path = Fixtures.path(Self.format, "graph-page.json")
    let input = try Fixtures.decode(Self.format, "graph-page.json")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 8, decoded: 6, skipped: 2, rejected: 0)
    #expect(
      input.skipped == [
        "provisioning of a Group, not a person": 1,
        "provisioningAction other asks for no change": 1,
      ])
    Fixtures.expectEvents(input, Self.graphPage, path: path)
  }

  private static let graphPage = [
    """
    #1@108 0b7c4e2d-1111-4c44-8d2e-000000000001 2024-06-30T17:45:10Z
    scim provision.request:deactivate disable
    subject: entra.object_id:7383d412-0000-0000-0000-000000000042, upn:jdoe@example.com, \
    email:jdoe@example.com, \
    display_name:Jane Doe, gitlab.extern_uid:1042
    actor: provisioning-client display_name:Azure AD Provisioning Service
    resource: idp.application:GitLab; role: -; channel: idp-push
    success
    """,
    """
    #2@2105 0b7c4e2d-1111-4c44-8d2e-000000000002 2024-07-01T08:00:00.500Z
    scim provision.request:create create
    subject: entra.object_id:5d1e0000-0000-0000-0000-000000000043, upn:rroe@example.com, \
    email:rroe@example.com, \
    display_name:Rick Roe, scim.external_id:rroe, gitlab.extern_uid:rroe, gitlab.username:rroe
    actor: provisioning-client display_name:Azure AD Provisioning Service
    resource: idp.application:GitLab; role: -; channel: idp-push
    failure: EntryConflict: GitLab returned an error response with the HTTP status code 409. \
    A user with the same userName already exists. (HTTP 409)
    """,
    """
    #3@4422 0b7c4e2d-1111-4c44-8d2e-000000000003 2024-07-01T08:10:00Z
    scim provision.request:update update
    subject: entra.object_id:6e2f0000-0000-0000-0000-000000000044, upn:mmoe@example.com, \
    email:mmoe@example.com, \
    display_name:Max Moe, gitlab.extern_uid:1044
    actor: provisioning-client display_name:Azure AD Provisioning Service
    resource: idp.application:GitLab; role: -; channel: idp-push
    failure: skipped: NotEffectivelyEntitled
    """,
    """
    #6@6464 0b7c4e2d-1111-4c44-8d2e-000000000006 2024-07-02T09:00:00Z
    scim provision.request:reactivate update
    subject: entra.object_id:7383d412-0000-0000-0000-000000000042, upn:jdoe@example.com, \
    email:jdoe@example.com, \
    display_name:Jane Doe, gitlab.extern_uid:1042
    actor: provisioning-client display_name:Azure AD Provisioning Service
    resource: idp.application:GitLab; role: -; channel: idp-push
    success: warning: TooManyRequests: Retried after throttling
    """,
    """
    #7@7430 0b7c4e2d-1111-4c44-8d2e-000000000007 2024-07-02T09:30:00Z
    scim provision.request:delete delete
    subject: entra.object_id:7383d412-0000-0000-0000-000000000042, display_name:Jane Doe, \
    email:jdoe@example.com
    actor: person entra.object_id:11111111-2222-3333-4444-555555555555, display_name:Ida Admin
    resource: idp.application:Dropbox Business; role: -; channel: idp-push
    success
    """,
    """
    #8@8277 c0ffee00-1234-4abc-8def-000000000008/c0ffee00-1234-4abc-8def-000000000108 2024-07-03T10:00:00Z
    scim provision.request:deactivate stagedDelete
    subject: entra.object_id:6e2f0000-0000-0000-0000-000000000044, display_name:Max Moe, \
    gitlab.extern_uid:1044
    actor: provisioning-client
    resource: idp.application:GitLab; role: -; channel: idp-push
    success
    """,
  ]

  @Test func azureMonitorExportReadsPascalCaseAndHandsAuditRecordsOver() throws {
    let path = Fixtures.path(Self.format, "azure-monitor.json")
    let input = try Fixtures.decode(Self.format, "azure-monitor.json")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 4, decoded: 3, skipped: 1, rejected: 0)
    #expect(input.skipped == ["Entra SignInLogs record: not an audit or provisioning log (not read)": 1])
    #expect(input.events.map(\.source) == [.entraProvisioning, .entraProvisioning, .entraAudit])
    Fixtures.expectEvents(
      input,
      [
        """
        #1@21 d0d0d0d0-0000-4000-8000-000000000001 2024-07-05T11:00:00.1234567Z
        scim provision.request:deactivate disable
        subject: entra.object_id:7383d412-0000-0000-0000-000000000042, upn:jdoe@example.com, \
        email:jdoe@example.com, display_name:Jane Doe, gitlab.extern_uid:1042
        actor: provisioning-client display_name:Azure AD Provisioning Service
        resource: idp.application:GitLab; role: -; channel: idp-push
        failure: SystemForCrossDomainIdentityManagementBadResponse: GitLab returned an error response with \
        the HTTP status code 401. (HTTP 401)
        """,
        """
        #2@2261 d0d0d0d0-0000-4000-8000-000000000002 2024-07-05T11:05:00Z
        scim provision.request:deactivate Disable
        subject: entra.object_id:7383d412-0000-0000-0000-000000000042, display_name:Jane Doe, \
        gitlab.extern_uid:1042
        actor: provisioning-client display_name:Azure AD Provisioning Service
        resource: idp.application:GitLab; role: -; channel: idp-push
        success
        """,
        """
        #3@3288 Directory_AAAA_DISABLE_0001 2024-07-05T11:06:00Z
        idp account.disable Disable account
        subject: entra.object_id:7383d412-0000-0000-0000-000000000042, upn:jdoe@example.com, \
        email:jdoe@example.com
        actor: person entra.object_id:11111111-2222-3333-4444-555555555555, upn:it-admin@example.com, \
        email:it-admin@example.com
        resource: -; role: -; channel: manual-ui
        success
        """,
      ], path: path)
  }

  @Test func portalDownloadReadsTheOlderActionAndStatusInfoKeys() throws {
    let path = Fixtures.path(Self.format, "portal-download.json")
    let input = try Fixtures.decode(Self.format, "portal-download.json")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 2, decoded: 2, skipped: 0, rejected: 0)
    let subject = """
      subject: entra.object_id:8b8b0000-0000-0000-0000-000000000046, upn:nnew@example.com, \
      email:nnew@example.com, \
      display_name:Nina New, gitlab.extern_uid:1046
      """
    Fixtures.expectEvents(
      input,
      [
        """
        #1@4 e1e1e1e1-0000-4000-8000-000000000001 2024-07-06T07:00:00Z
        scim provision.request:create Create
        \(subject)
        actor: provisioning-client display_name:Azure AD Provisioning Service
        resource: idp.application:GitLab; role: -; channel: idp-push
        success
        """,
        """
        #2@868 e1e1e1e1-0000-4000-8000-000000000002 2024-07-06T07:30:00Z
        scim provision.request:deactivate Disable
        \(subject)
        actor: provisioning-client display_name:Azure AD Provisioning Service
        resource: idp.application:GitLab; role: -; channel: idp-push
        failure: SystemForCrossDomainIdentityManagementServiceIncompatible: The SCIM endpoint is not fully \
        compatible with the Azure AD SCIM client.
        """,
      ], path: path)
  }

  @Test func inboundProvisioningChangesTheIdPsOwnAccounts() throws {
    let path = Fixtures.path(Self.format, "inbound.ndjson")
    let input = try Fixtures.decode(Self.format, "inbound.ndjson")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 3, decoded: 3, skipped: 0, rejected: 0)
    let resource =
      "resource: idp.application:Workday to Azure AD User Provisioning; role: -; channel: system-job"
    Fixtures.expectEvents(
      input,
      [
        """
        line 1 f2f2f2f2-0000-4000-8000-000000000001 2024-07-07T06:00:00Z
        idp account.create create
        subject: entra.object_id:8b8b0000-0000-0000-0000-000000000046, upn:nnew@example.com, \
        email:nnew@example.com, display_name:Nina New
        actor: provisioning-client display_name:Azure AD Provisioning Service
        \(resource)
        success
        """,
        """
        line 2 f2f2f2f2-0000-4000-8000-000000000002 2024-07-08T06:00:00Z
        idp account.disable update
        subject: entra.object_id:8b8b0000-0000-0000-0000-000000000046, display_name:Nina New
        actor: provisioning-client
        \(resource)
        success
        """,
        """
        line 3 f2f2f2f2-0000-4000-8000-000000000003 2024-07-09T06:00:00Z
        idp account.delete delete
        subject: entra.object_id:8b8b0000-0000-0000-0000-000000000046
        actor: provisioning-client
        \(resource)
        success
        """,
      ], path: path)
  }

  @Test func diagnosticTimeIsReadInEachFormAzureWrites() throws {
    let path = Fixtures.path(Self.format, "diagnostic-times.ndjson")
    let input = try Fixtures.decode(Self.format, "diagnostic-times.ndjson")
    Fixtures.expectAccounting(input, records: 7, decoded: 5, skipped: 0, rejected: 2)
    #expect(
      input.events.map { "\($0.originalTime) = \($0.time.rfc3339)" } == [
        "1/9/2007 9:41:00 AM = 2007-01-09T09:41:00Z",
        "1/9/2007 10:41:00 AM +01:00 = 2007-01-09T09:41:00Z",
        "01/09/2007 09:41:00 = 2007-01-09T09:41:00Z",
        "1/9/2007 9:41:00 PM = 2007-01-09T21:41:00Z",
        "2007-01-09T09:41:00 = 2007-01-09T09:41:00Z",
      ])
    #expect(
      input.rejections == [
        Rejection(locator: .line(6, in: path), reason: "time is not a valid time: '13/45/2007 09:41:00'"),
        Rejection(
          locator: .line(7, in: path), reason: "a ProvisioningLogs record without its 'properties' payload"),
      ])
  }

  @Test func badRecordsAreRejectedWithTheirLinesAndTheRestIsDecoded() throws {
    let path = Fixtures.path(Self.format, "bad-records.ndjson")
    let input = try Fixtures.decode(Self.format, "bad-records.ndjson")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 9, decoded: 2, skipped: 0, rejected: 7)
    #expect(input.events.map(\.nativeID) == ["bad-1", "bad-9"])
    let expected: [(Int, String)] = [
      (2, "no activityDateTime"),
      (3, "provisioningAction is number JSON, not a string"),
      (4, "malformed JSON: the JSON ends in the middle of a value (truncated record?) at byte 768"),
      (5, "no provisioningStatusInfo.status (or statusInfo.status)"),
      (6, "sourceIdentity is string JSON, not an object"),
      (7, "names no user: the identity has no id, UPN or app-side id"),
      (8, "provisioning status is 7, not a known status"),
    ]
    #expect(input.rejections == expected.map { Rejection(locator: .line($0.0, in: path), reason: $0.1) })
  }

  // MARK: - HTTP captures

  @Test func graphResponseSavedWithHeadersIsReadInPlace() throws {
    let path = Fixtures.path(Self.format, "graph-page.http")
    let input = try Fixtures.decode(Self.format, "graph-page.http")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 1, decoded: 1, skipped: 0, rejected: 0)
    // The byte offset is the record's offset in the file, headers included.
    Fixtures.expectEvents(
      input,
      [
        """
        #1@219 h-1 2024-07-11T12:00:00Z
        scim provision.request:deactivate disable
        subject: entra.object_id:7383d412-0000-0000-0000-000000000042, display_name:Jane Doe, \
        gitlab.extern_uid:1042
        actor: provisioning-client
        resource: idp.application:GitLab; role: -; channel: idp-push
        success
        """
      ], path: path)
  }

  @Test func emptyGraphPageIsRecognisedByItsODataContext() throws {
    let input = try Fixtures.decode(Self.format, "empty-page.http")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 0, decoded: 0, skipped: 0, rejected: 0)
  }

  /// Microsoft's documentation example 1 has a trailing comma: its body is one rejection, at the
  /// line where the body starts.
  @Test func brokenResponseBodyIsOneRejection() throws {
    let path = Fixtures.path(Self.format, "ms-graph-docs-example1-success.http")
    let input = try Fixtures.decode(Self.format, "ms-graph-docs-example1-success.http")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 1, decoded: 0, skipped: 0, rejected: 1)
    #expect(
      input.rejections == [
        Rejection(
          locator: .line(4, in: path),
          reason: "malformed JSON: unexpected ']' where a JSON value or separator should be at byte 2672")
      ])
  }

  @Test func documentationGroupFailureIsSkippedAsNoPerson() throws {
    let input = try Fixtures.decode(Self.format, "ms-graph-docs-example2-failure.http")
    #expect(input.format == Self.format)
    Fixtures.expectAccounting(input, records: 1, decoded: 0, skipped: 1, rejected: 0)
    #expect(input.skipped == ["provisioning of a Group, not a person": 1])
  }

  // MARK: - Actions and statuses, one row at a time

  /// `(provisioningAction, active or accountEnabled new value, outbound result, inbound result)`.
  private static let actions: [(String, String?, String, String)] = [
    ("create", nil, "scim provision.request:create", "idp account.create"),
    ("update", nil, "scim provision.request:update", "idp account.update"),
    ("update", "False", "scim provision.request:deactivate", "idp account.disable"),
    ("update", "[\\\"True\\\"]", "scim provision.request:reactivate", "idp account.enable"),
    ("disable", nil, "scim provision.request:deactivate", "idp account.disable"),
    ("stagedDelete", nil, "scim provision.request:deactivate", "idp account.disable"),
    ("StagedDelete", nil, "scim provision.request:deactivate", "idp account.disable"),
    ("delete", nil, "scim provision.request:delete", "idp account.delete"),
    ("Delete", nil, "scim provision.request:delete", "idp account.delete"),
    (
      "other", nil, "skipped: provisioningAction other asks for no change",
      "skipped: provisioningAction other asks for no change"
    ),
    (
      "unknownFutureValue", nil, "skipped: provisioningAction unknownFutureValue asks for no change",
      "skipped: provisioningAction unknownFutureValue asks for no change"
    ),
  ]

  @Test(arguments: actions.indices)
  func actionRow(_ index: Int) {
    let (action, changed, outbound, inbound) = Self.actions[index]
    let out = Fixtures.decode(text: Self.record(action: action, active: changed, inbound: false))
    #expect(Self.summary(out) == outbound)
    let into = Fixtures.decode(text: Self.record(action: action, active: changed, inbound: true))
    #expect(Self.summary(into) == inbound)
  }

  @Test(arguments: [
    (#""success""#, "success"),
    (#""Success""#, "success"),
    ("0", "success"),
    (#""failure""#, "failure: Quota: over quota"),
    ("1", "failure: Quota: over quota"),
    (#""skipped""#, "failure: skipped: Quota: over quota"),
    ("2", "failure: skipped: Quota: over quota"),
    (#""warning""#, "success: warning: Quota: over quota"),
    ("3", "success: warning: Quota: over quota"),
    (#""unknownFutureValue""#, "skipped: provisioning status unknownfuturevalue is not a final result"),
  ])
  func statusRow(_ status: String, _ expected: String) throws {
    let record = Self.record(
      action: "disable", status: status, error: #"{"errorCode":"Quota","reason":"over quota"}"#)
    let input = Fixtures.decode(text: record)
    if let reason = input.skipped.keys.first {
      #expect("skipped: \(reason)" == expected)
      return
    }
    let event = try #require(input.events.first)
    var text = event.outcome.succeeded ? "success" : "failure"
    if let reason = event.outcome.reason { text += ": \(reason)" }
    #expect(text == expected)
  }

  /// Only the identifier-bearing modified properties are read; other values, such as a password an
  /// app mapping pushes, and the error's additional details never reach an event.
  @Test func otherModifiedValuesAndErrorDetailsNeverReachEvents() throws {
    let record = Self.record(
      action: "update", status: #""failure""#,
      error: #"{"errorCode":"Unauthorized","reason":"The app rejected the call","#
        + #""additionalDetails":"Authorization: Bearer CANARY-BEARER-TOKEN"}"#
    ).replacingOccurrences(
      of: #""modifiedProperties":[]"#,
      with: #""modifiedProperties":[{"displayName":"password","oldValue":null,"newValue":"CANARY-PASSWORD"}]"#
    )
    let input = Fixtures.decode(text: record)
    Fixtures.expectAccounting(input, records: 1, decoded: 1, skipped: 0, rejected: 0)
    let encoded = try Fixtures.encodedOutput(input)
    #expect(encoded.contains("The app rejected the call"))
    #expect(!encoded.contains("CANARY"))
  }

  @Test func targetIdOfANonGitLabAppIsLeftOut() throws {
    let record = Self.record(action: "disable", inbound: false).replacingOccurrences(
      of: "GitLab", with: "Slack")
    let event = try #require(Fixtures.decode(text: record).events.first)
    #expect(event.subject.map(\.description) == ["entra.object_id:7383d412-0000-0000-0000-000000000042"])
    #expect(event.resource == Resource(kind: .idpApplication, name: "Slack"))
  }

  /// Elastic's sample calls the source a User while the target and the OData type say Group.
  @Test func anySideNamingAGroupMakesItAGroupPush() {
    let groupTarget = #"{"id":"g1","identityType":"urn:ietf:params:scim:schemas:core:2.0:Group"}"#
    let record = Self.record(action: "create").replacingOccurrences(of: "GitLab", with: "Contoso")
      .split(separator: #""sourceIdentity""#)
      .joined(separator: #""targetIdentity":\#(groupTarget),"sourceIdentity""#)
    let input = Fixtures.decode(text: record)
    #expect(input.skipped == ["provisioning of a Group, not a person": 1])
  }

  @Test(arguments: [
    ("Group", "skipped: provisioning of a Group, not a person"),
    ("ServicePrincipal", "skipped: provisioning of a ServicePrincipal, not a person"),
    ("RolesCompound", "skipped: provisioning of a RolesCompound, not a person"),
    ("Worker", "idp account.create"),
    ("urn:ietf:params:scim:schemas:core:2.0:User", "idp account.create"),
  ])
  func identityTypesThatNameNoPersonAreSkipped(_ identityType: String, _ expected: String) {
    let record = Self.record(action: "create", inbound: true)
      .replacingOccurrences(
        of: #""id":"WD-1","identityType":"User""#, with: #""id":"WD-1","identityType":"\#(identityType)""#)
    #expect(Self.summary(Fixtures.decode(text: record)) == expected)
  }

  @Test func graphObjectsWithoutStatusInfoStillSniffByCycleAndChange() {
    let record =
      #"{"cycleId":"c","changeId":"d","activityDateTime":"2024-07-01T00:00:00Z","action":"Create"}"#
    let input = Fixtures.decode(text: record)
    #expect(input.format == Self.format)
    #expect(input.rejections.map(\.reason) == ["no provisioningStatusInfo.status (or statusInfo.status)"])
  }

  /// A provisioning record: outbound to GitLab, or inbound from Workday into Entra ID.
  private static func record(
    action: String, active: String? = nil, inbound: Bool = false, status: String = #""success""#,
    error: String = "null"
  ) -> String {
    let property = inbound ? "accountEnabled" : "active"
    let modified =
      active.map { #"[{"displayName":"\#(property)","oldValue":null,"newValue":"\#($0)"}]"# } ?? "[]"
    let systems =
      inbound
      ? #""sourceSystem":{"displayName":"Workday"},"targetSystem":{"displayName":"Azure Active Directory"},"#
        + #""sourceIdentity":{"id":"WD-1","identityType":"User"},"#
        + #""targetIdentity":{"id":"7383d412-0000-0000-0000-000000000042","identityType":"User"}"#
      : #""servicePrincipal":{"displayName":"GitLab"},"targetSystem":{"displayName":"GitLab"},"#
        + #""sourceIdentity":{"id":"7383d412-0000-0000-0000-000000000042","identityType":"User"}"#
    return """
      {"id":"row","activityDateTime":"2024-07-01T00:00:00Z","provisioningAction":"\(action)",\
      "provisioningStatusInfo":{"status":\(status),"errorInformation":\(error)},\
      "modifiedProperties":\(modified),\(systems)}
      """
  }

  /// `stage action[:operation]` of the one event, or the skip reason.
  private static func summary(_ input: DecodedInput) -> String {
    if let reason = input.skipped.keys.first { return "skipped: \(reason)" }
    guard input.events.count == 1, let event = input.events.first else {
      return "\(input.events.count) events, rejections: \(input.rejections.map(\.reason))"
    }
    return "\(event.stage.rawValue) \(event.action.rawValue)"
      + (event.provisioning.map { ":\($0.rawValue)" } ?? "")
  }
}
