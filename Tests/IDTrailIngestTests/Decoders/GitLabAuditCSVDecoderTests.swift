import IDTrailModel
import Testing

@testable import IDTrailIngest

@Suite struct GitLabAuditCSVDecoderTests {
  private let decoder = GitLabAuditCSVDecoder()
  private let header12 =
    "ID,Author ID,Author Name,Entity ID,Entity Type,Entity Path,Target ID,Target Type,Target Details,"
    + "Action,IP Address,Created At (UTC)"

  private func id(_ kind: IdentifierKind, _ value: String) -> Identifier {
    Identifier(kind, value) ?? Identifier(.displayName, "invalid test identifier")!
  }

  private func person(_ userID: String, _ name: String, email: String? = nil) -> Actor {
    Actor(
      kind: .person,
      identifiers: [id(.gitlabUserID, userID), id(.displayName, name)]
        + (email.map { [id(.email, $0)] } ?? []))
  }

  private func event(
    _ path: String, line: Int, nativeID: String, time: String, action: Action, rawAction: String,
    subject: [Identifier], actor: Actor, resource: Resource?, role: RoleChange? = nil,
    outcome: Outcome = .success, channel: Channel = .manualUI
  ) throws -> IdentityEvent {
    IdentityEvent(
      time: try #require(TimestampParser.parse(time)), originalTime: time, source: .gitlabAuditCSV,
      stage: .gitlab, nativeID: nativeID, locator: .line(line, in: path), action: action,
      rawAction: rawAction, subject: subject, actor: actor, resource: resource, role: role,
      outcome: outcome, channel: channel)
  }

  private let platform = Resource(kind: .gitlabNamespace, name: "acme/platform")
  private let instance = Resource(kind: .gitlabInstance, name: "instance")

  // MARK: - Fixtures

  @Test func decodesTwelveColumnsWithISOTimes() throws {
    let path = "gitlab.audit.csv/iso-12-columns.csv"
    let output = try GitLabStateFixtures.decode(path, with: decoder)
    #expect(output.format == .gitlabAuditCSV)
    #expect(output.records == 14)
    #expect(output.decoded == 13)
    #expect(output.skipped == ["no identity effect (authored by system)": 1])
    #expect(output.rejectedCount == 0)
    #expect(output.records == output.decoded + output.skippedCount + output.rejectedCount)

    let summary = output.events.map { ($0.locator.description, $0.action, $0.rawAction) }
    let expected: [(String, Action, String)] = [
      ("\(path):2", .membershipAdd, "Added user access as Developer"),
      (
        "\(path):3", .membershipUpdate,
        "Changed access level from Developer to Maintainer with expiry changing from never expires to 2025-03-01"
      ),
      (
        "\(path):4", .membershipRemove,
        "Removed user access via system job. Reason: access expired on 2025-03-01"
      ),
      ("\(path):5", .authSuccess, "Signed in with STANDARD authentication"),
      ("\(path):6", .authFailure, "Failed to login with STANDARD authentication"),
      ("\(path):7", .privilegeGrant, "Changed admin status from false to true"),
      ("\(path):8", .impersonationStart, "Started Impersonation"),
      ("\(path):9", .impersonationStop, "Stopped Impersonation"),
      ("\(path):10", .accountDisable, "Blocked user"),
      ("\(path):11", .accountDisable, "Deactivated user"),
      ("\(path):12", .credentialCreate, "Created personal access token with id 77"),
      ("\(path):13", .activity, "Archived project"),
      ("\(path):15", .membershipAdd, "Added user access as Reporter (by Administrator)"),
    ]
    #expect(summary.map(\.0) == expected.map(\.0))
    #expect(summary.map(\.1) == expected.map(\.1))
    #expect(summary.map(\.2) == expected.map(\.2))

    let sam = [id(.gitlabUserID, "501"), id(.displayName, "Sam Dev")]
    let samByUsername = [id(.gitlabUserID, "501"), id(.gitlabUsername, "sam.dev")]
    let jane = person("12", "Jane Owner")
    let admin = person("1", "Administrator")
    let events = output.events
    try #require(events.count == 13)
    #expect(
      events[0]
        == (try event(
          path, line: 2, nativeID: "gitlab-audit:1001", time: "2025-02-01T10:15:30Z", action: .membershipAdd,
          rawAction: "Added user access as Developer", subject: sam, actor: jane, resource: platform,
          role: RoleChange(before: nil, after: "Developer"))))
    #expect(events[1].role == RoleChange(before: "Developer", after: "Maintainer"))
    #expect(
      events[2]
        == (try event(
          path, line: 4, nativeID: "gitlab-audit:1003", time: "2025-03-01T00:05:00Z",
          action: .membershipRemove,
          rawAction: "Removed user access via system job. Reason: access expired on 2025-03-01", subject: sam,
          actor: .system, resource: platform, role: RoleChange(before: nil, after: nil), channel: .systemJob))
    )
    #expect(
      events[3].subject == sam && events[3].actor == person("501", "Sam Dev") && events[3].resource == nil)
    #expect(
      events[4]
        == (try event(
          path, line: 6, nativeID: "gitlab-audit:1005", time: "2025-02-02T07:59:00Z", action: .authFailure,
          rawAction: "Failed to login with STANDARD authentication",
          subject: [id(.gitlabUsername, "sam.dev")],
          actor: Actor(kind: .unauthenticated, identifiers: [id(.gitlabUsername, "sam.dev")]),
          resource: instance, outcome: .failure("failed STANDARD sign-in"), channel: .unknown)))
    #expect(
      events[5]
        == (try event(
          path, line: 7, nativeID: "gitlab-audit:1006", time: "2025-02-03T09:00:00Z", action: .privilegeGrant,
          rawAction: "Changed admin status from false to true",
          subject: [id(.gitlabUserID, "501"), id(.displayName, "sam.dev")], actor: admin, resource: instance,
          role: RoleChange(before: nil, after: "admin"))))
    #expect(events[6].subject == samByUsername && events[6].actor == admin)
    #expect(events[7].subject == samByUsername)
    #expect(events[8].subject == samByUsername)
    #expect(events[9].subject == [id(.gitlabUserID, "502"), id(.gitlabUsername, "ann.lee")])
    #expect(events[10].subject == sam && events[10].outcome == .success)
    #expect(events[11].subject == person("501", "Sam Dev").identifiers)
    #expect(events[11].resource == Resource(kind: .gitlabNamespace, name: "acme/platform/api"))
    #expect(
      events[12]
        == (try event(
          path, line: 15, nativeID: "gitlab-audit:1014", time: "2025-02-05T14:00:00Z", action: .membershipAdd,
          rawAction: "Added user access as Reporter (by Administrator)",
          subject: [id(.gitlabUserID, "503"), id(.displayName, "Bo Chen")], actor: person("502", "Ann Lee"),
          resource: platform, role: RoleChange(before: nil, after: "Reporter"))))
    let first = try #require(TimestampParser.parse("2025-02-01T10:15:30Z"))
    let last = try #require(TimestampParser.parse("2025-03-01T00:05:00Z"))
    #expect(output.coverage == first...last)
  }

  @Test func decodesThirteenColumnsWithSpaceSeparatedTimes() throws {
    let path = "gitlab.audit.csv/space-dates-13-columns.csv"
    let output = try GitLabStateFixtures.decode(path, with: decoder)
    #expect(
      output.records == 4 && output.decoded == 4 && output.skippedCount == 0 && output.rejectedCount == 0)
    let events = output.events
    try #require(events.count == 4)
    #expect(
      events[0]
        == (try event(
          path, line: 2, nativeID: "gitlab-audit:2001", time: "2025-02-06 09:30:00", action: .membershipAdd,
          rawAction: "Added user access as Owner",
          subject: [id(.gitlabUserID, "504"), id(.displayName, "Cy Park")],
          actor: person("12", "Jane Owner", email: "jane@acme.example"), resource: platform,
          role: RoleChange(before: nil, after: "Owner"))))
    #expect(events[0].time.rfc3339 == "2025-02-06T09:30:00Z")
    #expect(events[1].action == .privilegeRevoke && events[1].role == RoleChange(before: "admin", after: nil))
    #expect(events[1].actor == person("1", "Administrator", email: "admin@acme.example"))
    #expect(
      events[2].action == .membershipUpdate && events[2].role == RoleChange(before: nil, after: "Maintainer"))
    #expect(events[3].action == .accountEnable && events[3].rawAction == "Unblocked user")
    #expect(events[3].subject == [id(.gitlabUserID, "501"), id(.gitlabUsername, "sam.dev")])
    #expect(events.map(\.locator.description) == [2, 3, 4, 5].map { "\(path):\($0)" })
  }

  @Test func readsQuotedCommasAndLineBreaks() throws {
    let path = "gitlab.audit.csv/quoted-multiline.csv"
    let output = try GitLabStateFixtures.decode(path, with: decoder)
    #expect(output.records == 3 && output.decoded == 3 && output.rejectedCount == 0)
    #expect(output.events.map(\.locator.description) == ["\(path):2", "\(path):3", "\(path):6"])
    let dana = [id(.gitlabUserID, "505"), id(.displayName, "Lee, Dana")]
    #expect(output.events.map(\.subject) == [dana, person("12", "Jane Owner").identifiers, dana])
    #expect(output.events.map(\.action) == [.membershipAdd, .activity, .membershipRemove])
  }

  @Test func readsCarriageReturnLineFeedsAndAByteOrderMark() throws {
    let path = "gitlab.audit.csv/crlf-bom.csv"
    let output = try GitLabStateFixtures.decode(path, with: decoder)
    #expect(output.records == 2 && output.decoded == 2 && output.rejectedCount == 0)
    #expect(output.events.map(\.locator.description) == ["\(path):2", "\(path):4"])
    #expect(output.events[0].subject == [id(.gitlabUserID, "506"), id(.displayName, "Eve\r\nNewline")])
    #expect(output.events[0].role == RoleChange(before: nil, after: "Planner"))
    #expect(output.events[1].action == .authSuccess)
    #expect(output.events[1].rawAction == "Signed in with GROUP_SAML authentication")
    #expect(output.events[1].originalTime == "2025-02-09T10:01:00Z")
  }

  @Test func keepsFormulaLikeCellsAsPlainText() throws {
    let path = "gitlab.audit.csv/hostile.csv"
    let output = try GitLabStateFixtures.decode(path, with: decoder)
    #expect(output.records == 2 && output.decoded == 2)
    #expect(output.events[0].actor == person("12", "=cmd|' /C calc'!A0"))
    #expect(output.events[0].subject == [id(.gitlabUserID, "507"), id(.displayName, "@SUM(1+1)")])
    #expect(output.events[1].action == .activity)
    #expect(output.events[1].rawAction == "=HYPERLINK(\"http://evil.example\")")
    #expect(output.events[1].actor == person("507", "+1 Mallory"))
  }

  @Test func rejectsMalformedRowsWithTheirLinesAndGoesOn() throws {
    let path = "gitlab.audit.csv/malformed.csv"
    let output = try GitLabStateFixtures.decode(path, with: decoder)
    #expect(output.records == 9)
    #expect(output.decoded == 3)
    #expect(output.skippedCount == 0)
    #expect(output.rejectedCount == 6)
    #expect(output.events.map(\.locator.description) == ["\(path):2", "\(path):8", "\(path):10"])
    #expect(output.events.map(\.nativeID) == ["gitlab-audit:6001", "gitlab-audit:6007", "gitlab-audit:6009"])
    let rejections = output.rejections.map { ($0.locator.description, $0.reason) }
    let expected = [
      ("\(path):3", "the row has 11 fields, the header has 12"),
      (
        "\(path):4",
        "malformed CSV: field 9: a quote (\") inside a field that does not start with one; "
          + "quote the whole field and double the quotes inside it (RFC 4180)"
      ),
      ("\(path):5", "malformed CSV: the row is not valid UTF-8; re-export the file as UTF-8"),
      (
        "\(path):6",
        "'Created At (UTC)' is not a time: 'yesterday'; expected 2025-02-01T10:15:30Z or 2025-02-01 10:15:30"
      ),
      (
        "\(path):7",
        "malformed CSV: field 9: text after a closing quote; a quoted field must end at a comma or line break, "
          + "and quotes inside it must be doubled (RFC 4180)"
      ),
      (
        "\(path):9",
        "malformed CSV: field 9: the quoted field opened on line 9 is never closed before the end of the input"
      ),
    ]
    #expect(rejections.map(\.0) == expected.map(\.0))
    #expect(rejections.map(\.1) == expected.map(\.1))
  }

  // MARK: - Header

  @Test func findsColumnsByNameInAnyOrderAndIgnoresExtraOnes() throws {
    let text = """
      Created At (UTC),Action,Extra,ID,Author ID,Author Name,Entity ID,Entity Type,Entity Path,Target ID,\
      Target Type,Target Details,IP Address
      2025-02-01T10:15:30Z,Blocked user,ignored,7001,1,Administrator,501,User,sam.dev,501,User,sam.dev,
      """
    let input = GitLabStateFixtures.input(text, named: "reordered.csv")
    #expect(GitLabStateFixtures.sniffedFormat(input) == .gitlabAuditCSV)
    let output = decoder.decode(input, options: DecodeOptions())
    #expect(output.records == 1 && output.decoded == 1)
    #expect(output.events.first?.action == .accountDisable)
    #expect(output.events.first?.nativeID == "gitlab-audit:7001")
  }

  @Test func rejectsAnInputWhoseHeaderLacksColumns() {
    let text =
      "ID,Author ID,Author Name,Entity ID,Entity Type,Entity Path,Target ID,Target Type,Target Details\n1,2\n"
    let input = GitLabStateFixtures.input(text, named: "short.csv")
    #expect(GitLabStateFixtures.sniffedFormat(input) == nil)
    let output = decoder.decode(input, options: DecodeOptions())
    #expect(output.records == 1 && output.rejectedCount == 1)
    #expect(output.rejections.first?.locator.description == "short.csv:1")
    #expect(
      output.rejections.first?.reason
        == "the header lacks the column(s) 'Action', 'IP Address', 'Created At (UTC)'; the first line must be "
        + "the export's header: \(header12)")
  }

  @Test func rejectsAnEmptyInput() {
    let output = decoder.decode(GitLabStateFixtures.input("", named: "empty.csv"), options: DecodeOptions())
    #expect(output.records == 1 && output.rejectedCount == 1)
    #expect(output.rejections.first?.reason == "the first line must be the export's header: \(header12)")
  }

  @Test func rejectsRowsWithoutATime() {
    let text = "\(header12)\n8001,1,Administrator,501,User,sam.dev,501,User,sam.dev,Blocked user,,\n"
    let output = decoder.decode(GitLabStateFixtures.input(text, named: "t.csv"), options: DecodeOptions())
    #expect(output.rejections.map(\.reason) == ["the 'Created At (UTC)' cell is empty"])
    #expect(output.rejections.map(\.locator.description) == ["t.csv:2"])
  }

  @Test func accountsForEveryRowOfRandomBytes() {
    var random = CSVSplitMix64(seed: 2025)
    let pieces = [",", "\"", "\n", "\r\n", "x", "2025-02-01T10:15:30Z", "Blocked user", "-1", "\u{FF}"]
    for round in 0..<300 {
      var text = header12 + "\n"
      for _ in 0..<Int.random(in: 0...60, using: &random) {
        text += pieces.randomElement(using: &random) ?? ""
      }
      var bytes = Array(text.utf8)
      if round % 3 == 0, !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &random)] = 0xFF }
      let output = decoder.decode(InputBytes(path: "random.csv", bytes: bytes), options: DecodeOptions())
      #expect(output.records == output.decoded + output.skippedCount + output.rejectedCount)
      #expect(output.rejections.count == output.rejectedCount)
    }
  }

  // MARK: - Sniffing

  @Test func theSnifferPicksThisFormatForEachOfItsFixtures() throws {
    let fixtures = GitLabStateFixtures.fixtures(of: "gitlab.audit.csv")
    #expect(fixtures.count == 6)
    for fixture in fixtures {
      #expect(
        GitLabStateFixtures.sniffedFormat(try GitLabStateFixtures.input(fixture)) == .gitlabAuditCSV,
        "\(fixture)")
    }
  }

  @Test func theSnifferDoesNotPickThisFormatForOtherFormatsFixtures() throws {
    let fixtures = GitLabStateFixtures.fixtures(except: "gitlab.audit.csv")
    #expect(!fixtures.isEmpty)
    for fixture in fixtures {
      #expect(
        GitLabStateFixtures.sniffedFormat(try GitLabStateFixtures.input(fixture)) != .gitlabAuditCSV,
        "\(fixture)")
    }
  }

  // The corpus holds no CSV export; none of its files may be taken for one.
  @Test(.enabled(if: GitLabStateFixtures.corpus != nil, "needs ../shared/corpus beside the repository"))
  func theSnifferDoesNotPickThisFormatForCorpusFiles() throws {
    let files = GitLabStateFixtures.corpusFiles()
    #expect(files.count > 100)
    for file in files {
      #expect(GitLabStateFixtures.sniffedFormat(try InputBytes.open(file)) != .gitlabAuditCSV, "\(file)")
    }
  }
}

/// The details keys `readActionText` recovers from the humanized `Action` text.
@Suite struct GitLabAuditActionTextTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var text: String
    var entityType = "User"
    var expected: [String: String]
    var testDescription: String { text }
  }

  private static func fields(of record: GitLabAuditRecord) -> [String: String] {
    let values: [(String, String?)] = [
      ("add", record.add), ("remove", record.remove), ("change", record.change), ("from", record.from),
      ("to", record.to), ("as", record.role), ("with", record.signInMethod),
      ("failed_login", record.failedLogin),
      ("custom_message", record.customMessage), ("event_name", record.eventName), ("reason", record.reason),
      ("impersonated_by", record.impersonatedBy), ("system_event", record.systemEvent ? "true" : nil),
    ]
    return Dictionary(uniqueKeysWithValues: values.compactMap { key, value in value.map { (key, $0) } })
  }

  static let cases: [Case] = [
    Case(text: "Signed in with STANDARD authentication", expected: ["with": "standard"]),
    Case(
      text: "Signed in with TWO-FACTOR-VIA-WEBAUTHN-DEVICE authentication",
      expected: ["with": "two-factor-via-webauthn-device"]),
    Case(text: "Added user access as Developer", expected: ["add": "user_access", "as": "Developer"]),
    Case(
      text: "Added user access as Minimal Access", expected: ["add": "user_access", "as": "Minimal Access"]),
    Case(text: "Added user access", expected: ["add": "user_access"]),
    Case(text: "Removed user access", expected: ["remove": "user_access"]),
    Case(
      text: "Removed user access via system job. Reason: access expired on 2025-03-01",
      expected: ["remove": "user_access", "system_event": "true", "reason": "access expired on 2025-03-01"]),
    Case(
      text: "Added user access as Maintainer (by Root (Ops))",
      expected: ["add": "user_access", "as": "Maintainer", "impersonated_by": "Root (Ops)"]),
    Case(text: "Failed to login with STANDARD authentication", expected: ["failed_login": "STANDARD"]),
    Case(
      text:
        "Changed access level from Developer to Maintainer with expiry changing from never expires to 2025-01-31",
      expected: ["change": "access_level", "from": "Developer", "to": "Maintainer"]),
    Case(
      text: "Changed access level to Owner with expiry remaining unchanged at never expires",
      expected: ["change": "access_level", "to": "Owner"]),
    Case(
      text: "Changed admin status from false to true",
      expected: ["change": "admin status", "from": "false", "to": "true"]),
    Case(
      text: "Changed auditor status from true to false",
      expected: ["change": "auditor status", "from": "true", "to": "false"]),
    Case(
      text: "Changed email address from a@x.example to b@y.example",
      expected: ["change": "email address", "from": "a@x.example", "to": "b@y.example"]),
    Case(text: "Changed password", expected: ["change": "password"]),
    Case(
      text: "Changed username from sam to samuel",
      expected: ["change": "username", "from": "sam", "to": "samuel"]),
    Case(text: "Changed namespace path", expected: ["custom_message": "Changed namespace path"]),
    Case(
      text: "Changed project group link profile group_access from Developer to Guest",
      expected: ["custom_message": "Changed project group link profile group_access from Developer to Guest"]),
    Case(text: "Blocked user", expected: ["custom_message": "Blocked user", "event_name": "user_blocked"]),
    Case(text: "Banned user", expected: ["custom_message": "Banned user", "event_name": "ban_user"]),
    Case(text: "Banned user", entityType: "Group", expected: ["custom_message": "Banned user"]),
    Case(
      text: "Created personal access token with id 77",
      expected: [
        "custom_message": "Created personal access token with id 77",
        "event_name": "personal_access_token_created",
      ]),
    Case(
      text: "Revoked personal access token with id 77",
      expected: [
        "custom_message": "Revoked personal access token with id 77",
        "event_name": "personal_access_token_revoked",
      ]),
    Case(text: "Started Impersonation", expected: ["custom_message": "Started Impersonation"]),
    Case(
      text: "Instance administrator stopped impersonation of sam.dev", entityType: "Group",
      expected: [
        "custom_message": "Instance administrator stopped impersonation of sam.dev",
        "event_name": "user_impersonation",
      ]),
    Case(
      text: "Disabled two-factor authentication",
      expected: [
        "custom_message": "Disabled two-factor authentication", "event_name": "user_disable_two_factor",
      ]),
    Case(
      text: "Deactivated user via system job. Reason: dormant",
      expected: [
        "custom_message": "Deactivated user", "event_name": "user_deactivate", "system_event": "true",
        "reason": "dormant",
      ]),
    Case(
      text: "Signed in with authentication", expected: ["custom_message": "Signed in with authentication"]),
  ]

  @Test(arguments: cases)
  func readsTheDetailsBackFromTheActionText(_ testCase: Case) {
    let layout = GitLabAuditCSVLayout(CSVHeader(["Action", "Entity Type"]))
    let record = GitLabAuditRecord(
      csvRow: CSVRow(line: 2, fields: [testCase.text, testCase.entityType]), layout: layout)
    #expect(Self.fields(of: record) == testCase.expected)
  }
}
