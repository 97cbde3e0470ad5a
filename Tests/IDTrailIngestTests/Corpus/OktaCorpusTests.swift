import IDTrailIngest
import IDTrailModel
import Testing

/// Every Okta file of the shared corpus (`../shared/corpus/okta`, see its `SOURCES.md`), read in
/// place: the files are RESTRICTED (no licence, or the Elastic License) and are never copied into
/// this repository. Skipped where the corpus is absent, as in a user's clone.
@Suite(
  .enabled(
    if: IdentityProviderFixtures.corpusIsPresent, "../shared/corpus is absent; the corpus tests are skipped"))
struct OktaCorpusTests {
  private typealias Fixtures = IdentityProviderFixtures

  static let expectations = [
    CorpusExpectation(
      file: "okta/elastic-integrations_okta/test-okta-system-events.first3.log", format: .oktaSystemLog,
      records: 3, decoded: 2, skipped: 1, rejected: 0, events: 2),
    CorpusExpectation(
      file: "okta/okta-developer-docs/event-hook_payload_user.session.start.json", format: .oktaSystemLog,
      records: 1, decoded: 1, skipped: 0, rejected: 0, events: 1),
    CorpusExpectation(
      file: "okta/okta-developer-docs/rl-system-log-events_0_rate_limit.violation.json",
      format: .oktaSystemLog,
      records: 1, decoded: 0, skipped: 1, rejected: 0, events: 0),
    CorpusExpectation(
      file: "okta/okta-developer-docs/rl-system-log-events_1_rate_limit.violation.json",
      format: .oktaSystemLog,
      records: 1, decoded: 0, skipped: 1, rejected: 0, events: 0),
    CorpusExpectation(
      file: "okta/okta-developer-docs/rl-system-log-events_2_rate_limit.violation.json",
      format: .oktaSystemLog,
      records: 1, decoded: 0, skipped: 1, rejected: 0, events: 0),
    // Okta's own example is dated 2017-09-31, a day that does not exist.
    CorpusExpectation(
      file: "okta/okta-developer-docs/systemlog-api_logevent_user.session.start.json", format: .oktaSystemLog,
      records: 1, decoded: 0, skipped: 0, rejected: 1, events: 0),
    CorpusExpectation(
      file: "okta/sekoia-intake-formats/test_account_lock.json", format: .oktaSystemLog,
      records: 1, decoded: 1, skipped: 0, rejected: 0, events: 1),
    CorpusExpectation(
      file: "okta/sekoia-intake-formats/test_auth_via_idp.json", format: .oktaSystemLog,
      records: 1, decoded: 0, skipped: 1, rejected: 0, events: 0),
    CorpusExpectation(
      file: "okta/sekoia-intake-formats/test_auth_via_mfa.json", format: .oktaSystemLog,
      records: 1, decoded: 0, skipped: 1, rejected: 0, events: 0),
    CorpusExpectation(
      file: "okta/sekoia-intake-formats/test_authentication_sso.json", format: .oktaSystemLog,
      records: 1, decoded: 1, skipped: 0, rejected: 0, events: 1),
    CorpusExpectation(
      file: "okta/sekoia-intake-formats/test_authentication_sso_failure.json", format: .oktaSystemLog,
      records: 1, decoded: 1, skipped: 0, rejected: 0, events: 1),
    CorpusExpectation(
      file: "okta/sekoia-intake-formats/test_authentication_sso_with_slashes.json", format: .oktaSystemLog,
      records: 1, decoded: 1, skipped: 0, rejected: 0, events: 1),
    CorpusExpectation(
      file: "okta/sekoia-intake-formats/test_login.json", format: .oktaSystemLog,
      records: 1, decoded: 1, skipped: 0, rejected: 0, events: 1),
    CorpusExpectation(
      file: "okta/sekoia-intake-formats/test_send_factor.json", format: .oktaSystemLog,
      records: 1, decoded: 0, skipped: 1, rejected: 0, events: 0),
    CorpusExpectation(
      file: "okta/sekoia-intake-formats/test_target.json", format: .oktaSystemLog,
      records: 1, decoded: 1, skipped: 0, rejected: 0, events: 1),
    CorpusExpectation(
      file: "okta/sekoia-intake-formats/test_update_account.json", format: .oktaSystemLog,
      records: 1, decoded: 0, skipped: 1, rejected: 0, events: 0),
  ]

  @Test func everyFileIsListed() {
    #expect(Fixtures.corpusFiles(under: "okta") == Self.expectations.map(\.file))
  }

  @Test(arguments: expectations)
  func file(_ expectation: CorpusExpectation) throws {
    try expectation.check()
  }

  @Test func misdatedDocumentationExampleIsRejectedWithItsDate() throws {
    let path = Fixtures.corpus + "/okta/okta-developer-docs/systemlog-api_logevent_user.session.start.json"
    let input = Ingest.decode(try InputBytes.open(path))
    #expect(
      input.rejections == [
        Rejection(
          locator: .line(1, in: path),
          reason: "published is not a valid RFC 3339 time: '2017-09-31T22:23:07.777Z'")
      ])
  }

  @Test func lockoutIsAFailedAccountLockOfTheTargetUser() throws {
    let path = Fixtures.corpus + "/okta/sekoia-intake-formats/test_account_lock.json"
    let event = try #require(Ingest.decode(try InputBytes.open(path)).events.first)
    #expect(event.action == .accountLock)
    #expect(event.outcome == .failure("LOCKED_OUT"))
    #expect(
      event.subject.map(\.description) == [
        "okta.user_id:REDACTED", "email:john.doe@example.com", "display_name:John Doe",
      ])
  }

  /// The sanitised login `john.doe@example.org\` is not an email address, so it is not kept as one.
  @Test func loginWithATrailingBackslashIsNotAnEmail() throws {
    let path = Fixtures.corpus + "/okta/sekoia-intake-formats/test_authentication_sso_with_slashes.json"
    let event = try #require(Ingest.decode(try InputBytes.open(path)).events.first)
    #expect(event.action == .authSuccess)
    #expect(!event.subject.contains { $0.kind == .email })
  }

  @Test func eventHookDeliveryIsASignInToTheAdminConsole() throws {
    let path = Fixtures.corpus + "/okta/okta-developer-docs/event-hook_payload_user.session.start.json"
    let event = try #require(Ingest.decode(try InputBytes.open(path)).events.first)
    #expect(event.action == .authSuccess)
    #expect(event.nativeID == "f1d0b993-cc19-11ed-a688-db22c99ef6c4")
    #expect(event.resource == Resource(kind: .idpApplication, name: "Okta Admin Console"))
    #expect(
      event.subject.map(\.description) == [
        "okta.user_id:00uz9fj5aT69fHVro1d6", "email:admin@okta.com", "display_name:Admin Name",
      ])
  }
}
