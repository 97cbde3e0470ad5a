import IDTrailIngest
import IDTrailModel
import Testing

/// The GitLab audit decoders (`gitlab.audit.api`, `gitlab.audit.stream`, `gitlab.log.audit_json`)
/// on fixtures written from `formats-gitlab.md` §1–3 and §6.3, and on inline records for the rules
/// one fixture line each cannot show.
@Suite struct GitLabAuditDecoderTests {
  private typealias Fixtures = GitLabAuditFixtures

  // MARK: - REST pages

  @Test func currentRESTPageDecodesEveryTypedEvent() throws {
    let input = try Fixtures.decode(.gitlabAuditAPI, "current_page.json")
    #expect(input.format == .gitlabAuditAPI)
    expectAccounting(input, records: 16, decoded: 15, rejected: 0)
    #expect(input.skipped == ["no identity effect (authored by system)": 1])
    expectEvents(input, Self.currentPage, path: Fixtures.path(.gitlabAuditAPI, "current_page.json"))
  }

  @Test func restNDJSONDecodesLikeTheArrayWithLineLocators() throws {
    let input = try Fixtures.decode(.gitlabAuditAPI, "current_page.ndjson")
    #expect(input.format == .gitlabAuditAPI)
    expectAccounting(input, records: 16, decoded: 15, rejected: 0)
    #expect(input.skipped == ["no identity effect (authored by system)": 1])
    // Record N of the array is line N of the NDJSON; record 15 is the skipped one.
    let expected = Self.currentPage.map { text -> String in
      let position = text.prefix { $0 != " " }
      let index = position.dropFirst().prefix { $0 != "@" }
      return "line \(index)" + text.dropFirst(position.count)
    }
    expectEvents(input, expected, path: Fixtures.path(.gitlabAuditAPI, "current_page.ndjson"))
  }

  @Test func legacyRESTPageIsClassifiedByDetailsKeys() throws {
    let input = try Fixtures.decode(.gitlabAuditAPI, "legacy_page.json")
    #expect(input.format == .gitlabAuditAPI)
    expectAccounting(input, records: 16, decoded: 16, rejected: 0)
    expectEvents(input, Self.legacyPage, path: Fixtures.path(.gitlabAuditAPI, "legacy_page.json"))
  }

  @Test func truncatedPageKeepsTheCompleteRowsAndRejectsTheRest() throws {
    let path = Fixtures.path(.gitlabAuditAPI, "truncated_page.json")
    let input = try Fixtures.decode(.gitlabAuditAPI, "truncated_page.json")
    #expect(input.format == .gitlabAuditAPI)
    expectAccounting(input, records: 3, decoded: 2, rejected: 1)
    expectEvents(input, Self.truncatedPage, path: path)
    #expect(
      input.rejections == [
        Rejection(
          locator: Locator(path: path, position: .record(index: 3, byteOffset: 1011)),
          reason: "malformed JSON: the JSON ends in the middle of a value (truncated record?) at byte 1228")
      ])
  }

  @Test func pageElementThatIsANumberIsRejectedWithItsIndex() throws {
    let path = Fixtures.path(.gitlabAuditAPI, "number_element.json")
    let input = try Fixtures.decode(.gitlabAuditAPI, "number_element.json")
    #expect(input.format == .gitlabAuditAPI)
    expectAccounting(input, records: 3, decoded: 2, rejected: 1)
    expectEvents(input, Self.numberElement, path: path)
    #expect(
      input.rejections == [
        Rejection(
          locator: Locator(path: path, position: .record(index: 2, byteOffset: 333)),
          reason: "the record is number JSON, not an object")
      ])
  }

  // MARK: - Streaming

  @Test func streamPayloadsDecodeAndRepeatedDeliveryIsSkipped() throws {
    let input = try Fixtures.decode(.gitlabAuditStream, "payloads.ndjson")
    #expect(input.format == .gitlabAuditStream)
    expectAccounting(input, records: 7, decoded: 5, rejected: 0)
    #expect(
      input.skipped == [
        "no identity effect (authored by deploy-key)": 1,
        "repeated delivery of an event already read from this input (same id)": 1,
      ])
    expectEvents(input, Self.streamPayloads, path: Fixtures.path(.gitlabAuditStream, "payloads.ndjson"))
  }

  // MARK: - audit_json.log

  @Test func auditJSONLogDecodesTypedAndLegacyLinesAndRejectsBadOnes() throws {
    let path = Fixtures.path(.gitlabAuditJSONLog, "audit_json.log")
    let input = try Fixtures.decode(.gitlabAuditJSONLog, "audit_json.log")
    #expect(input.format == .gitlabAuditJSONLog)
    expectAccounting(input, records: 6, decoded: 4, rejected: 2)
    expectEvents(input, Self.auditJSONLog, path: path)
    #expect(
      input.rejections == [
        Rejection(
          locator: .line(3, in: path),
          reason: "malformed JSON: unexpected 'I' where a JSON value or separator should be at byte 1204"),
        Rejection(
          locator: .line(5, in: path),
          reason: "created_at '2025-02-30T13:00:00.000Z' is not a valid RFC 3339 time"),
      ])
    // The event time is `created_at`, kept as written, not the logger's `time`.
    #expect(input.events.map(\.originalTime)[1] == "2025-02-05T11:00:00.000+00:00")
  }

  // MARK: - Classification rules

  /// Legacy rows carry several action keys at once; the first in `Audit::Details.humanize`'s
  /// order (`with`, `add`, `remove`, `failed_login`, `change`, `updated_ref`, `custom_message`)
  /// decides.
  @Test(arguments: [
    (#""add": "user_access", "with": "saml""#, "legacy:with:saml", Action.authSuccess),
    (#""remove": "user_access", "add": "user_access""#, "legacy:add:user_access", .membershipAdd),
    (#""failed_login": "OTP", "remove": "user_access""#, "legacy:remove:user_access", .membershipRemove),
    (#""change": "password", "failed_login": "OTP""#, "legacy:failed_login:OTP", .authFailure),
    (#""updated_ref": "main", "change": "username""#, "legacy:change:username", .accountUpdate),
    (#""custom_message": "Started Impersonation", "updated_ref": "main""#, "legacy:updated_ref", .activity),
    (
      #""custom_message": "Stopped Impersonation""#, "legacy:custom_message:Stopped Impersonation",
      .impersonationStop
    ),
    (#""custom_message": "Archived project""#, "legacy:custom_message", .activity),
    (#""author_class": "User""#, "legacy:unclassified", .activity),
  ])
  func legacyKeysAreCheckedInHumanizeOrder(details: String, rawAction: String, action: Action) throws {
    let input = decodeRow(details: details)
    let event = try #require(input.events.first)
    #expect(event.rawAction == rawAction)
    #expect(event.action == action)
  }

  @Test(arguments: ["9", #""9""#])
  func targetIDMayBeANumberOrAString(targetID: String) throws {
    let input = decodeRow(details: #""remove": "user_access", "as": "Guest""#, targetID: targetID)
    let event = try #require(input.events.first)
    #expect(event.subject == [Identifier(.gitlabUserID, "9"), Identifier(.displayName, "Tom Target")])
  }

  @Test func anObjectCustomMessageIsReadAsText() throws {
    let input = decodeRow(
      details: #""custom_message": {"protocol": "http", "action": "git-receive-pack"}"#,
      eventName: "repository_git_operation")
    let event = try #require(input.events.first)
    #expect(event.action == .activity)
    #expect(event.subject == event.actor.identifiers)
  }

  /// GitLab's null authors: -1 unauthenticated or `(System)`, -2 deploy token, -3 deploy key,
  /// -4 the indexer; other classes with id -1 (a runner token) quote part of a token as their name.
  @Test(arguments: [
    (-1, "(System)", "Gitlab::Audit::UnauthenticatedAuthor", "system", "system-job"),
    (
      -1, "tom.target", "Gitlab::Audit::UnauthenticatedAuthor",
      "unauthenticated gitlab.username:tom.target", "unknown"
    ),
    (
      -1, "Tom@Example.COM", "Gitlab::Audit::UnauthenticatedAuthor",
      "unauthenticated email:tom@example.com", "unknown"
    ),
    (-1, "An unauthenticated user", "Gitlab::Audit::UnauthenticatedAuthor", "unauthenticated", "unknown"),
    (-1, "Registration token: abcd1234", "Gitlab::Audit::CiRunnerTokenAuthor", "unknown", "unknown"),
    (-2, "ci-token", "DeployToken", "deploy-token display_name:ci-token", "api"),
    (-3, "ci-key", "DeployKey", "deploy-key display_name:ci-key", "api"),
    (-4, "GitLab Orbit", "Gitlab::Audit::NullAuthor", "system", "system-job"),
    (7, "Ann Author", "User", "person gitlab.user_id:7, display_name:Ann Author", "manual-ui"),
  ])
  func authorIDsBecomeActors(
    authorID: Int, authorName: String, authorClass: String, actor: String, channel: String
  ) throws {
    let input = decodeRow(
      details: #""author_class": "\#(authorClass)""#, eventName: "user_destroyed", authorID: authorID,
      authorName: authorName)
    let event = try #require(input.events.first)
    let lines = event.auditText.split(separator: "\n")
    #expect(lines[3] == "actor: \(actor)")
    #expect(event.channel.rawValue == channel)
    #expect(event.action == .accountDelete)
  }

  @Test func systemEventIsASystemJobWhoeverAuthoredIt() throws {
    let input = decodeRow(
      details: #""remove": "user_access", "as": "Guest", "system_event": true, "reason": "access expired""#,
      eventName: "member_destroyed", authorID: -1, authorName: "Scheduler")
    let event = try #require(input.events.first)
    #expect(event.actor == .system)
    #expect(event.channel == .systemJob)
    #expect(event.role == RoleChange(before: "Guest", after: nil))
  }

  @Test func activityByANonPersonIsSkipped() {
    let input = decodeRow(
      details: #""custom_message": "Project archived""#, eventName: "project_archived", authorID: -3,
      authorName: "ci-key")
    #expect(input.events.isEmpty)
    #expect(input.skipped == ["no identity effect (authored by deploy-key)": 1])
  }

  @Test(arguments: [
    (
      "Instance administrator started impersonation of stopwatch", Action.impersonationStart,
      ["gitlab.user_id:9", "display_name:Tom Target", "gitlab.username:stopwatch"]
    ),
    (
      "Instance administrator stopped impersonation of tom.t", .impersonationStop,
      ["gitlab.user_id:9", "display_name:Tom Target", "gitlab.username:tom.t"]
    ),
    ("Started Impersonation", .impersonationStart, ["gitlab.user_id:9", "display_name:Tom Target"]),
    ("Stopped Impersonation (by Root)", .impersonationStop, ["gitlab.user_id:9", "display_name:Tom Target"]),
    ("Impersonation token issued", .other, ["gitlab.user_id:9", "display_name:Tom Target"]),
  ])
  func impersonationDirectionComesFromTheMessage(message: String, action: Action, subject: [String]) throws {
    let input = decodeRow(details: #""custom_message": "\#(message)""#, eventName: "user_impersonation")
    let event = try #require(input.events.first)
    #expect(event.action == action)
    #expect(event.subject.map(\.description) == subject)
  }

  @Test(arguments: [
    (
      #""from": "false", "to": "true""#, Action.privilegeGrant,
      RoleChange(before: nil, after: "admin") as RoleChange?
    ),
    (#""from": true, "to": false"#, .privilegeRevoke, RoleChange(before: "admin", after: nil)),
    (#""from": "true""#, .privilegeRevoke, RoleChange(before: "admin", after: nil)),
    (#""from": "maybe""#, .other, nil),
  ])
  func adminFlagGrantsOrRevokes(values: String, action: Action, role: RoleChange?) throws {
    let input = decodeRow(
      details: #""change": "admin status", \#(values)"#, eventName: "user_admin_status_updated")
    let event = try #require(input.events.first)
    #expect(event.action == action)
    #expect(event.role == role)
    #expect(event.resource == Resource(kind: .gitlabInstance, name: "instance"))
  }

  @Test func legacyGroupTwoFactorRelaxationIsMFADisableOnTheGroup() throws {
    let row = #"""
      [{"id": 3, "author_id": 7, "entity_id": 40, "entity_type": "Group", "details": {
        "change": "require_two_factor_authentication", "from": "true", "to": "false",
        "author_name": "Ann Author", "target_id": 40, "target_type": "Group", "target_details": "acme",
        "entity_path": "acme"}, "created_at": "2025-01-01T00:00:00Z"}]
      """#
    let event = try #require(Fixtures.decode(text: row).events.first)
    #expect(event.action == .mfaDisable)
    #expect(event.rawAction == "legacy:change:require_two_factor_authentication")
    #expect(event.subject.isEmpty)
    #expect(event.resource == Resource(kind: .gitlabNamespace, name: "acme"))
  }

  @Test(arguments: [
    (
      "personal_access_token_revoked", "Revoked personal access token with id 5", Outcome.success,
      Resource(kind: .credential, name: "personal_access_token:5") as Resource?
    ),
    (
      "personal_access_token_revoked",
      "Attempted to revoke personal access token with id 5 but failed with message: error",
      .failure("Attempted to revoke personal access token with id 5 but failed with message: error"),
      Resource(kind: .credential, name: "personal_access_token:5")
    ),
    (
      "personal_access_token_created", "Created personal access token with id 77 (by Root)", .success,
      Resource(kind: .credential, name: "personal_access_token:77")
    ),
    (
      "project_access_token_creation_failed", "Could not create project access token",
      .failure(
        "Could not create project access token"), nil
    ),
  ])
  func tokenFailuresAndTokenIDs(eventName: String, message: String, outcome: Outcome, resource: Resource?)
    throws
  {
    let input = decodeRow(details: #""custom_message": "\#(message)""#, eventName: eventName)
    let event = try #require(input.events.first)
    #expect(event.outcome == outcome)
    #expect(event.resource == resource)
  }

  @Test func untypedStreamedEventIsClassifiedByItsDetails() throws {
    let payload = #"""
      {"id": "77", "author_id": 7, "author_name": "Ann Author", "entity_id": 40, "entity_type": "Group", \#
      "entity_path": "acme", "details": {"add": "user_access", "as": "Planner", "author_name": "Ann Author", \#
      "target_id": 9, "target_type": "User", "target_details": "Tom Target"}, "ip_address": "", \#
      "target_id": 9, "target_type": "User", "target_details": "Tom Target", \#
      "created_at": "2025-01-01T00:00:00Z", "event_type": "audit_operation"}
      """#
    let input = Fixtures.decode(text: payload, name: "stream.ndjson")
    #expect(input.format == .gitlabAuditStream)
    let event = try #require(input.events.first)
    #expect(event.action == .membershipAdd)
    #expect(event.rawAction == "audit_operation")
    #expect(event.role == RoleChange(before: nil, after: "Planner"))
  }

  /// Streamed details are GitLab's raw hash, where an access level may be a number.
  @Test(arguments: [
    (#""from": 30, "to": 40"#, RoleChange(before: "Developer", after: "Maintainer")),
    (#""from": "10", "to": "15""#, RoleChange(before: "Guest", after: "Planner")),
    (
      #""from": "Reporter", "to": "Security Auditor""#,
      RoleChange(before: "Reporter", after: "Security Auditor")
    ),
  ])
  func accessLevelsAreLabelled(values: String, role: RoleChange) throws {
    let input = decodeRow(details: #""change": "access_level", \#(values)"#, eventName: "member_updated")
    let event = try #require(input.events.first)
    #expect(event.role == role)
  }

  @Test func unknownTypedEventIsActivityOfItsAuthor() throws {
    let input = decodeRow(details: #""custom_message": "Project archived""#, eventName: "project_archived")
    let event = try #require(input.events.first)
    #expect(event.action == .activity)
    #expect(event.rawAction == "project_archived")
    #expect(event.subject == event.actor.identifiers)
  }

  // MARK: - Repeated deliveries

  @Test func repeatedRowInOnePageIsSkippedOnce() {
    let row = restRow(details: #""remove": "user_access""#, eventName: "member_destroyed")
    let input = Fixtures.decode(text: "[\(row), \(row), \(row)]")
    expectAccounting(input, records: 3, decoded: 1, rejected: 0)
    #expect(input.skipped == ["repeated delivery of an event already read from this input (same id)": 2])
    #expect(input.events.map(\.locator.position) == [.record(index: 1, byteOffset: 1)])
  }

  @Test func rowsWithoutAnIDAreNeverTakenForRepeats() {
    let line = #"""
      {"severity": "INFO", "time": "2025-01-01T00:00:01Z", "author_id": 7, "author_name": "Ann Author", \#
      "entity_id": 7, "entity_type": "User", "created_at": "2025-01-01T00:00:00Z", "with": "standard"}
      """#
    let input = Fixtures.decode(text: line + "\n" + line + "\n", name: "audit_json.log")
    #expect(input.format == .gitlabAuditJSONLog)
    expectAccounting(input, records: 2, decoded: 2, rejected: 0)
  }

  // MARK: - Bad input

  @Test func emptyInputIsUnrecognisedOrRejectedWhenForced() {
    let sniffed = Fixtures.decode(bytes: [], name: "empty.json")
    #expect(sniffed.format == nil)
    #expect(
      sniffed.rejections == [Rejection(locator: .line(1, in: "empty.json"), reason: "the input is empty")])
    for decoder: any FormatDecoder in [
      GitLabAuditAPIDecoder(), GitLabAuditStreamDecoder(), GitLabAuditJSONLogDecoder(),
    ] {
      let forced = Fixtures.decode(bytes: [], name: "empty.json", with: decoder)
      #expect(forced.format == decoder.format)
      expectAccounting(forced, records: 1, decoded: 0, rejected: 1)
      #expect(
        forced.rejections == [Rejection(locator: .line(1, in: "empty.json"), reason: "the input is empty")])
    }
  }

  @Test func binaryInputIsUnrecognisedOrRejectedWhenForced() {
    let bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xFF, 0xFE]
    let sniffed = Fixtures.decode(bytes: bytes, name: "tool.bin")
    #expect(sniffed.format == nil)
    #expect(
      sniffed.rejections == [
        Rejection(
          locator: .line(1, in: "tool.bin"),
          reason: "the input looks binary (it holds NUL bytes); no format reads it")
      ])
    let forced = Fixtures.decode(bytes: bytes, name: "tool.bin", with: GitLabAuditAPIDecoder())
    #expect(
      forced.rejections == [
        Rejection(
          locator: .line(1, in: "tool.bin"),
          reason: "the input is not JSON (it does not start with '{' or '[')")
      ])
  }

  @Test func nulByteInsideALineRejectsThatLineOnly() {
    let good = Self.jsonLogLine(id: 1, targetDetails: "Tom Target")
    let bad = Array(Self.jsonLogLine(id: 2, targetDetails: "Tom_Target").utf8).map { $0 == 0x5F ? 0 : $0 }
    let bytes = Array(good.utf8) + [0x0A] + bad + [0x0A] + Array(good.utf8)
    let input = Fixtures.decode(bytes: bytes, name: "audit_json.log")
    #expect(input.format == .gitlabAuditJSONLog)
    expectAccounting(input, records: 3, decoded: 1, rejected: 1)
    #expect(input.skipped == ["repeated delivery of an event already read from this input (same id)": 1])
    let offset = good.utf8.count + 1 + (bad.firstIndex(of: 0) ?? 0)
    #expect(
      input.rejections == [
        Rejection(
          locator: .line(2, in: "audit_json.log"),
          reason: "malformed JSON: unescaped control character inside a string at byte \(offset)")
      ])
  }

  @Test func invalidUTF8InsideAStringRejectsThatRecordOnly() {
    let good = Self.jsonLogLine(id: 1, targetDetails: "Tom Target")
    let bad = Array(Self.jsonLogLine(id: 2, targetDetails: "Tom_Target").utf8).flatMap {
      $0 == 0x5F ? [0xC3, 0x28] : [$0]
    }
    let bytes = Array(good.utf8) + [0x0A] + bad + [0x0A]
    let input = Fixtures.decode(bytes: bytes, name: "audit_json.log")
    expectAccounting(input, records: 2, decoded: 1, rejected: 1)
    let offset = good.utf8.count + 1 + (bad.firstIndex(of: 0xC3) ?? 0)
    #expect(
      input.rejections == [
        Rejection(
          locator: .line(2, in: "audit_json.log"), reason: "malformed JSON: invalid UTF-8 at byte \(offset)")
      ])

    // In a page the broken element cannot be told apart from what follows, so the rest is one record.
    // Its locator is the element's index and the offset where the element starts.
    let row = restRow(details: #""with": "standard""#)
    let broken = Array(restRow(details: #""with": "x_y""#, id: 2).utf8).map { $0 == 0x5F ? 0xFF : $0 }
    let page = Array("[\(row),".utf8) + broken + Array(",\(row)]".utf8)
    let paged = Fixtures.decode(bytes: page, name: "page.json")
    #expect(paged.format == .gitlabAuditAPI)
    expectAccounting(paged, records: 2, decoded: 1, rejected: 1)
    let elementStart = row.utf8.count + 2
    let badByte = elementStart + (broken.firstIndex(of: 0xFF) ?? 0)
    #expect(
      paged.rejections == [
        Rejection(
          locator: Locator(path: "page.json", position: .record(index: 2, byteOffset: elementStart)),
          reason: "malformed JSON: invalid UTF-8 at byte \(badByte)")
      ])
  }

  @Test func nonJSONLineInStreamNDJSONIsRejectedWithItsLine() {
    let payload = #"""
      {"id": "5", "author_id": 7, "author_name": "Ann Author", "entity_id": 9, "entity_type": "User", \#
      "details": {"target_id": 9, "target_type": "User", "target_details": "Tom Target"}, \#
      "created_at": "2025-01-01T00:00:00Z", "event_type": "user_enable_two_factor"}
      """#
    let text = payload + "\nPOST /ingest HTTP/1.1\n" + payload.replacing(#""5""#, with: #""6""#) + "\n"
    let input = Fixtures.decode(text: text, name: "stream.ndjson")
    #expect(input.format == .gitlabAuditStream)
    expectAccounting(input, records: 3, decoded: 2, rejected: 1)
    #expect(input.rejections.map(\.locator) == [.line(2, in: "stream.ndjson")])
    #expect(input.events.map(\.action) == [.mfaEnable, .mfaEnable])
  }

  // MARK: - Helpers

  /// A REST row by user `authorID` about user 9, with more `details` members given as JSON text.
  private func restRow(
    details: String, eventName: String? = nil, authorID: Int = 7, authorName: String = "Ann Author",
    targetID: String = "9", id: Int = 1
  ) -> String {
    let name = eventName.map { #""event_name": "\#($0)", "# } ?? ""
    return #"""
      {"id": \#(id), "author_id": \#(authorID), "entity_id": 9, "entity_type": "User", \#(name)"details": \#
      {"author_name": "\#(authorName)", "target_id": \#(targetID), "target_type": "User", \#
      "target_details": "Tom Target", \#(details)}, "created_at": "2025-01-01T00:00:00Z"}
      """#
  }

  /// Decodes one REST row (in a page) with the REST decoder.
  private func decodeRow(
    details: String, eventName: String? = nil, authorID: Int = 7, authorName: String = "Ann Author",
    targetID: String = "9"
  ) -> DecodedInput {
    let row = restRow(
      details: details, eventName: eventName, authorID: authorID, authorName: authorName, targetID: targetID)
    let input = Fixtures.decode(text: "[\(row)]", with: GitLabAuditAPIDecoder())
    expectAccounting(input, records: 1, decoded: input.events.count, rejected: 0)
    return input
  }

  /// A legacy `audit_json.log` sign-in line.
  private static func jsonLogLine(id: Int, targetDetails: String) -> String {
    #"""
    {"severity": "INFO", "time": "2025-01-01T00:00:01Z", "id": \#(id), "author_id": 9, \#
    "author_name": "Tom Target", "entity_id": 9, "entity_type": "User", "created_at": "2025-01-01T00:00:00Z", \#
    "with": "standard", "target_id": 9, "target_type": "User", "target_details": "\#(targetDetails)"}
    """#
  }

  private func expectAccounting(
    _ input: DecodedInput, records: Int, decoded: Int, rejected: Int,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(input.records == records, sourceLocation: sourceLocation)
    #expect(input.decoded == decoded, sourceLocation: sourceLocation)
    #expect(input.rejectedCount == rejected, sourceLocation: sourceLocation)
    #expect(
      input.records == input.decoded + input.skippedCount + input.rejectedCount,
      sourceLocation: sourceLocation)
    #expect(input.events.count == input.decoded, sourceLocation: sourceLocation)
  }

  private func expectEvents(
    _ input: DecodedInput, _ expected: [String], path: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(input.events.count == expected.count, sourceLocation: sourceLocation)
    for (index, (event, text)) in zip(input.events, expected).enumerated() {
      #expect(event.auditText == text, "event \(index + 1)", sourceLocation: sourceLocation)
      #expect(event.locator.path == path, sourceLocation: sourceLocation)
      #expect(event.source == input.format, sourceLocation: sourceLocation)
      #expect(event.stage == .gitlab && event.evidence == .observed, sourceLocation: sourceLocation)
    }
  }
}

// MARK: - Expected events, one text per event (see `IdentityEvent.auditText`)

extension GitLabAuditDecoderTests {
  static let currentPage: [String] = [
    """
    #1@4 gitlab-audit:90240 2025-02-01T10:00:00Z
    membership.add member_created
    subject: gitlab.user_id:501, display_name:Sam Dev
    actor: person gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    resource: gitlab.namespace:acme/platform; role: - -> Developer; channel: manual-ui
    success
    """,
    """
    #2@636 gitlab-audit:90241 2025-02-01T10:15:30.123Z
    membership.update member_updated
    subject: gitlab.user_id:501, display_name:Sam Dev
    actor: person gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    resource: gitlab.namespace:acme/platform; role: Developer -> Maintainer; channel: manual-ui
    success
    """,
    """
    #3@1416 gitlab-audit:90242 2025-03-01T00:05:00Z
    membership.remove member_destroyed
    subject: gitlab.user_id:501, display_name:Sam Dev
    actor: system
    resource: gitlab.namespace:acme/platform; role: Maintainer -> -; channel: system-job
    success
    """,
    """
    #4@2152 gitlab-audit:90243 2025-03-02T09:00:00Z
    membership.remove member_destroyed
    subject: gitlab.user_id:502, display_name:Kim Lee
    actor: person gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    resource: gitlab.namespace:acme/platform/api; role: Developer -> -; channel: manual-ui
    success
    """,
    """
    #5@2799 gitlab-audit:90244 2025-03-03T08:00:00Z
    account.disable user_blocked
    subject: gitlab.user_id:501, gitlab.username:sam.dev
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    #6@3336 gitlab-audit:90245 2025-03-03T08:10:00Z
    privilege.grant user_admin_status_updated
    subject: gitlab.user_id:503, display_name:Ada Admin
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: gitlab.instance:instance; role: - -> admin; channel: manual-ui
    success
    """,
    """
    #7@4003 gitlab-audit:90246 2025-03-03T08:20:00Z
    privilege.revoke user_auditor_status_updated
    subject: gitlab.user_id:504, display_name:Otto Auditor
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: gitlab.instance:instance; role: auditor -> -; channel: manual-ui
    success
    """,
    """
    #8@4682 gitlab-audit:90247 2025-03-04T12:00:00Z
    credential.create personal_access_token_created
    subject: gitlab.user_id:501, display_name:Sam Dev, email:sam.dev@acme.example
    actor: person gitlab.user_id:501, display_name:Sam Dev, email:sam.dev@acme.example
    resource: credential:personal_access_token:3141; role: -; channel: manual-ui
    success
    """,
    """
    #9@5285 gitlab-audit:90248 2025-03-04T12:05:00Z
    credential.create personal_access_token_created
    subject: gitlab.user_id:501, display_name:Sam Dev
    actor: person gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    resource: -; role: -; channel: manual-ui
    failure: Attempted to create personal access token but failed with message: Not permitted to create
    """,
    """
    #10@5930 gitlab-audit:90249 2025-03-05T07:30:00Z
    mfa.disable user_disable_two_factor
    subject: gitlab.user_id:501, display_name:Sam Dev
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    #11@6515 gitlab-audit:90250 2025-03-05T09:00:00Z
    mfa.disable group_require_two_factor_authentication_updated
    subject: -
    actor: person gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    resource: gitlab.namespace:acme/platform; role: -; channel: manual-ui
    success
    """,
    """
    #12@7280 gitlab-audit:90251 2025-03-06T14:00:00Z
    impersonation.start user_impersonation
    subject: gitlab.user_id:501, display_name:Sam Dev, gitlab.username:sam.dev
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: gitlab.namespace:acme/platform; role: -; channel: manual-ui
    success
    """,
    """
    #13@7883 gitlab-audit:90252 2025-03-06T14:20:00Z
    impersonation.stop user_impersonation
    subject: gitlab.user_id:501, display_name:Sam Dev, gitlab.username:sam.dev
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: gitlab.namespace:acme/platform; role: -; channel: manual-ui
    success
    """,
    """
    #14@8486 gitlab-audit:90253 2025-03-07T10:00:00Z
    activity project_visibility_level_updated
    subject: gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    actor: person gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    resource: gitlab.namespace:acme/platform/api; role: -; channel: manual-ui
    success
    """,
    """
    #16@9775 gitlab-audit:90255 2025-03-09T16:45:00Z
    account.disable user_deactivate
    subject: gitlab.user_id:502, gitlab.username:kim.lee
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: -; role: -; channel: manual-ui
    success
    """,
  ]

  static let legacyPage: [String] = [
    """
    #1@4 gitlab-audit:101 2021-06-01T08:00:00Z
    auth.success legacy:with:standard
    subject: gitlab.user_id:501, display_name:Sam Dev, email:sam.dev@acme.example
    actor: person gitlab.user_id:501, display_name:Sam Dev, email:sam.dev@acme.example
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    #2@427 gitlab-audit:102 2021-06-01T09:00:00Z
    membership.add legacy:add:user_access
    subject: gitlab.user_id:505, display_name:Lee Park
    actor: person gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    resource: gitlab.namespace:acme/platform; role: - -> Developer; channel: manual-ui
    success
    """,
    """
    #3@883 gitlab-audit:103 2021-06-02T09:00:00Z
    membership.update legacy:change:access_level
    subject: gitlab.user_id:505, display_name:Lee Park
    actor: person gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    resource: gitlab.namespace:acme/platform; role: Developer -> Maintainer; channel: manual-ui
    success
    """,
    """
    #4@1431 gitlab-audit:104 2021-06-03T09:00:00Z
    membership.remove legacy:remove:user_access
    subject: gitlab.user_id:505, display_name:Lee Park
    actor: person gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    resource: gitlab.namespace:acme/platform; role: Maintainer -> -; channel: manual-ui
    success
    """,
    """
    #5@1891 gitlab-audit:105 2022-01-01T00:10:00Z
    membership.remove legacy:remove:user_access
    subject: gitlab.user_id:506, display_name:Max Root
    actor: system
    resource: gitlab.namespace:acme/platform; role: Developer -> -; channel: system-job
    success
    """,
    """
    #6@2400 gitlab-audit:106 2021-06-04T22:00:00Z
    auth.failure legacy:failed_login:STANDARD
    subject: gitlab.username:kim.lee, gitlab.user_id:502
    actor: unauthenticated gitlab.username:kim.lee
    resource: -; role: -; channel: unknown
    failure: failed STANDARD sign-in
    """,
    """
    #7@2757 gitlab-audit:107 2021-06-05T10:00:00Z
    account.update legacy:change:email address
    subject: gitlab.user_id:505, display_name:Lee Park, email:lee.park@acme.example
    actor: person gitlab.user_id:505, display_name:Lee Park, email:lee.park@acme.example
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    #8@3261 gitlab-audit:108 2021-06-06T10:00:00Z
    privilege.grant legacy:change:admin status
    subject: gitlab.user_id:506, display_name:Max Root
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: gitlab.instance:instance; role: - -> admin; channel: manual-ui
    success
    """,
    """
    #9@3732 gitlab-audit:109 2021-06-06T10:05:00Z
    privilege.revoke legacy:change:auditor status
    subject: gitlab.user_id:507, display_name:Otto Auditor
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: gitlab.instance:instance; role: auditor -> -; channel: manual-ui
    success
    """,
    """
    #10@4210 gitlab-audit:110 2021-06-07T11:00:00Z
    impersonation.start legacy:custom_message:Started Impersonation
    subject: gitlab.user_id:501, gitlab.username:sam.dev
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    #11@4658 gitlab-audit:111 2021-06-07T11:05:00Z
    account.update legacy:change:password
    subject: gitlab.user_id:501, display_name:Sam Dev, email:sam.dev@acme.example
    actor: person gitlab.user_id:501, display_name:Sam Dev, email:sam.dev@acme.example
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    #12@5125 gitlab-audit:112 2021-06-07T11:10:00Z
    impersonation.stop legacy:custom_message:Stopped Impersonation
    subject: gitlab.user_id:501, gitlab.username:sam.dev
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    #13@5573 gitlab-audit:113 2021-06-08T10:00:00Z
    credential.create legacy:custom_message:Created personal access token
    subject: gitlab.user_id:505, gitlab.username:lee.park, display_name:Lee Park, email:lee.park@acme.example
    actor: person gitlab.user_id:505, display_name:Lee Park, email:lee.park@acme.example
    resource: credential:personal_access_token:2718; role: -; channel: manual-ui
    success
    """,
    """
    #14@6044 gitlab-audit:114 2021-06-09T10:00:00Z
    activity legacy:custom_message
    subject: gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    actor: person gitlab.user_id:1, display_name:Administrator, email:admin@acme.example
    resource: gitlab.namespace:acme/platform/api; role: -; channel: manual-ui
    success
    """,
    """
    #15@6487 gitlab-audit:115 2021-06-10T10:00:00Z
    activity legacy:change:visibility
    subject: gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    actor: person gitlab.user_id:12, display_name:Jane Owner, email:jane@acme.example
    resource: gitlab.namespace:acme/platform/api; role: -; channel: manual-ui
    success
    """,
    """
    #16@6985 gitlab-audit:116 2021-06-11T10:00:00Z
    activity legacy:updated_ref
    subject: gitlab.user_id:501, display_name:Sam Dev, email:sam.dev@acme.example
    actor: person gitlab.user_id:501, display_name:Sam Dev, email:sam.dev@acme.example
    resource: gitlab.namespace:acme/platform/api; role: -; channel: manual-ui
    success
    """,
  ]

  static let streamPayloads: [String] = [
    """
    line 1 gitlab-audit:88123 2025-02-01T10:20:00Z
    account.create user_provisioned_by_scim
    subject: gitlab.user_id:612, display_name:Noor Haddad
    actor: system
    resource: gitlab.namespace:acme; role: -; channel: scim
    success
    """,
    """
    line 2 gitlab-audit:9c1f5e2a-6b4d-4f3e-8a71-2d5c0b9e7f13 2025-02-01T11:00:00.250Z
    activity repository_git_operation
    subject: gitlab.user_id:501, display_name:Sam Dev
    actor: person gitlab.user_id:501, display_name:Sam Dev
    resource: gitlab.namespace:acme/platform/api; role: -; channel: manual-ui
    success
    """,
    """
    line 3 gitlab-audit:88130 2025-02-02T09:30:00Z
    membership.update member_updated
    subject: gitlab.user_id:612, display_name:Noor Haddad
    actor: person gitlab.user_id:12, display_name:Jane Owner
    resource: gitlab.namespace:acme; role: Developer -> Owner; channel: manual-ui
    success
    """,
    """
    line 6 gitlab-audit:88140 2025-02-03T18:00:00Z
    membership.remove member_destroyed
    subject: gitlab.user_id:612, display_name:Noor Haddad
    actor: system
    resource: gitlab.namespace:acme; role: Owner -> -; channel: system-job
    success
    """,
    """
    line 7 gitlab-audit:88141 2025-02-04T08:00:00Z
    mfa.enable group_require_two_factor_authentication_updated
    subject: -
    actor: person gitlab.user_id:12, display_name:Jane Owner
    resource: gitlab.namespace:acme; role: -; channel: manual-ui
    success
    """,
  ]

  static let auditJSONLog: [String] = [
    """
    line 1 gitlab-audit:90500 2025-02-05T10:00:00.120Z
    membership.add member_created
    subject: gitlab.user_id:508, display_name:Rita Ray
    actor: person gitlab.user_id:12, display_name:Jane Owner, gitlab.username:jane
    resource: gitlab.namespace:acme/platform; role: - -> Guest; channel: manual-ui
    success
    """,
    """
    line 2 - 2025-02-05T11:00:00Z
    auth.success legacy:with:two-factor
    subject: gitlab.user_id:508, display_name:Rita Ray
    actor: person gitlab.user_id:508, display_name:Rita Ray
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    line 4 - 2025-02-05T12:00:00Z
    activity legacy:change:visibility
    subject: gitlab.user_id:12, display_name:Jane Owner
    actor: person gitlab.user_id:12, display_name:Jane Owner
    resource: gitlab.namespace:acme/platform/api; role: -; channel: manual-ui
    success
    """,
    """
    line 6 - 2025-02-05T14:00:00Z
    auth.failure legacy:failed_login:STANDARD
    subject: email:rita.ray@acme.example, gitlab.user_id:508
    actor: unauthenticated email:rita.ray@acme.example
    resource: -; role: -; channel: unknown
    failure: failed STANDARD sign-in
    """,
  ]

  static let truncatedPage: [String] = [
    """
    #1@4 gitlab-audit:90301 2025-04-01T10:00:00Z
    membership.add member_created
    subject: gitlab.user_id:508, display_name:Rita Ray
    actor: person gitlab.user_id:12, display_name:Jane Owner
    resource: gitlab.namespace:acme/platform; role: - -> Reporter; channel: manual-ui
    success
    """,
    """
    #2@503 gitlab-audit:90302 2025-04-02T10:00:00Z
    membership.remove member_destroyed
    subject: gitlab.user_id:508, display_name:Rita Ray
    actor: person gitlab.user_id:12, display_name:Jane Owner
    resource: gitlab.namespace:acme/platform; role: Reporter -> -; channel: manual-ui
    success
    """,
  ]

  static let numberElement: [String] = [
    """
    #1@4 gitlab-audit:90401 2025-04-03T10:00:00Z
    account.enable user_activate
    subject: gitlab.user_id:502, gitlab.username:kim.lee
    actor: person gitlab.user_id:1, display_name:Administrator
    resource: -; role: -; channel: manual-ui
    success
    """,
    """
    #3@339 gitlab-audit:90402 2025-04-04T10:00:00Z
    account.disable ban_user
    subject: gitlab.user_id:502, gitlab.username:kim.lee
    actor: person gitlab.user_id:1, display_name:Administrator
    resource: -; role: -; channel: manual-ui
    success
    """,
  ]
}
