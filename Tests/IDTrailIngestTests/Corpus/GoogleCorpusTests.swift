import IDTrailIngest
import IDTrailModel
import Testing

/// Every Google Workspace file of the shared corpus (`../shared/corpus/google_workspace`, see its
/// `SOURCES.md`), read in place. The Sekoia and Elastic files are RESTRICTED and never copied; a
/// subset of the invictus-ir dataset (MIT) is also copied under `Fixtures/`. Skipped where the corpus
/// is absent, as in a user's clone.
@Suite(
  .enabled(
    if: IdentityProviderFixtures.corpusIsPresent, "../shared/corpus is absent; the corpus tests are skipped"))
struct GoogleCorpusTests {
  private typealias Fixtures = IdentityProviderFixtures

  static let expectations = [
    CorpusExpectation(
      file: "google_workspace/elastic-integrations_google_workspace/test-admin-security.log",
      format: .googleAdmin, records: 26, decoded: 7, skipped: 19, rejected: 0, events: 7),
    CorpusExpectation(
      file: "google_workspace/elastic-integrations_google_workspace/test-admin-updated.log",
      format: .googleAdmin, records: 6, decoded: 0, skipped: 6, rejected: 0, events: 0),
    CorpusExpectation(
      file: "google_workspace/elastic-integrations_google_workspace/test-admin.log",
      format: .googleAdmin, records: 1, decoded: 0, skipped: 1, rejected: 0, events: 0),
    CorpusExpectation(
      file: "google_workspace/invictus-ir_gws_dataset/reports-activities_admin.json",
      format: .googleAdmin, records: 206, decoded: 11, skipped: 195, rejected: 0, events: 11),
    CorpusExpectation(
      file: "google_workspace/invictus-ir_gws_dataset/reports-activities_calendar.json",
      format: .googleAdmin, records: 8, decoded: 0, skipped: 8, rejected: 0, events: 0),
    CorpusExpectation(
      file: "google_workspace/invictus-ir_gws_dataset/reports-activities_drive.json",
      format: .googleAdmin, records: 30, decoded: 0, skipped: 30, rejected: 0, events: 0),
    CorpusExpectation(
      file: "google_workspace/invictus-ir_gws_dataset/reports-activities_groups_enterprise.json",
      format: .googleAdmin, records: 4, decoded: 0, skipped: 4, rejected: 0, events: 0),
    CorpusExpectation(
      file: "google_workspace/invictus-ir_gws_dataset/reports-activities_login.json",
      format: .googleAdmin, records: 71, decoded: 54, skipped: 17, rejected: 0, events: 54),
    CorpusExpectation(
      file: "google_workspace/invictus-ir_gws_dataset/reports-activities_user_accounts.json",
      format: .googleAdmin, records: 6, decoded: 1, skipped: 5, rejected: 0, events: 1),
    // One activity holds seven 2-Step Verification policy events: 5 records give 11 events.
    CorpusExpectation(
      file: "google_workspace/sekoia-intake-formats/reports-activities.jsonl",
      format: .googleAdmin, records: 47, decoded: 5, skipped: 42, rejected: 0, events: 11),
    CorpusExpectation(
      file: "google_workspace/sekoia-intake-formats/test_drive_view_document.json",
      format: .googleAdmin, records: 1, decoded: 0, skipped: 1, rejected: 0, events: 0),
  ]

  @Test func everyFileIsListed() {
    #expect(Fixtures.corpusFiles(under: "google_workspace") == Self.expectations.map(\.file))
  }

  @Test(arguments: expectations)
  func file(_ expectation: CorpusExpectation) throws {
    try expectation.check()
  }

  @Test func adminActivitiesOfARealTenant() throws {
    let path = Fixtures.corpus + "/google_workspace/invictus-ir_gws_dataset/reports-activities_admin.json"
    let input = Ingest.decode(try InputBytes.open(path))
    var counts: [String: Int] = [:]
    for event in input.events { counts["\(event.rawAction) \(event.action.rawValue)", default: 0] += 1 }
    #expect(
      counts == [
        "DELETE_USER account.delete": 4, "ADD_GROUP_MEMBER group.member.add": 3,
        "CREATE_USER account.create": 2, "ASSIGN_ROLE privilege.grant": 1, "RENAME_USER account.update": 1,
      ])
    #expect(input.skipped["admin SECURITY_INVESTIGATION_QUERY: not an identity event"] == 137)
    // Every native id is unique, though some qualifiers repeat in other applications' files.
    #expect(Set(input.events.compactMap(\.nativeID)).count == 11)
  }

  @Test func signInsOfARealTenantHaveDistinctNativeIDs() throws {
    let path = Fixtures.corpus + "/google_workspace/invictus-ir_gws_dataset/reports-activities_login.json"
    let input = Ingest.decode(try InputBytes.open(path))
    var counts: [Action: Int] = [:]
    for event in input.events { counts[event.action, default: 0] += 1 }
    #expect(counts == [.authSuccess: 46, .authFailure: 5, .sessionEnd: 2, .mfaEnable: 1])
    #expect(Set(input.events.compactMap(\.nativeID)).count == 54)
  }

  @Test func policyActivityWithSevenEventsGivesSevenEvents() throws {
    let path = Fixtures.corpus + "/google_workspace/sekoia-intake-formats/reports-activities.jsonl"
    let input = Ingest.decode(try InputBytes.open(path))
    let line4 = input.events.filter { $0.locator == .line(4, in: path) }
    #expect(
      line4.map(\.rawAction) == [
        "ALLOW_STRONG_AUTHENTICATION", "ENFORCE_STRONG_AUTHENTICATION",
        "CHANGE_TWO_STEP_VERIFICATION_FREQUENCY",
        "CHANGE_TWO_STEP_VERIFICATION_ENROLLMENT_PERIOD_DURATION",
        "CHANGE_TWO_STEP_VERIFICATION_GRACE_PERIOD_DURATION",
        "CHANGE_ALLOWED_TWO_STEP_VERIFICATION_METHODS", "CHANGE_TWO_STEP_VERIFICATION_START_DATE",
      ])
    #expect(line4.compactMap(\.nativeID).allSatisfy { $0.contains("#") })
  }
}
