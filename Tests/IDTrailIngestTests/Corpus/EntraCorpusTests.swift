import IDTrailIngest
import IDTrailModel
import Testing

/// Every Entra ID file of the shared corpus (`../shared/corpus/entra`, see its `SOURCES.md`), read
/// in place. The Sekoia and Elastic files are RESTRICTED and never copied; the Microsoft Graph
/// documentation examples (CC-BY-4.0) are also copied under `Fixtures/`. Skipped where the corpus is
/// absent, as in a user's clone.
@Suite(
  .enabled(
    if: IdentityProviderFixtures.corpusIsPresent, "../shared/corpus is absent; the corpus tests are skipped"))
struct EntraCorpusTests {
  private typealias Fixtures = IdentityProviderFixtures

  static let expectations = [
    CorpusExpectation(
      file: "entra/elastic-integrations_azure/test-audit-logs-edgecases.log", format: .entraAudit,
      records: 2, decoded: 0, skipped: 2, rejected: 0, events: 0),
    // Synthetic records holding only `time` and `category`: no payload to read.
    CorpusExpectation(
      file: "entra/elastic-integrations_azure/test-provisioning-time-formats-corner-cases.log",
      format: .entraProvisioning, records: 11, decoded: 0, skipped: 0, rejected: 11, events: 0),
    CorpusExpectation(
      file: "entra/elastic-integrations_azure/test-provisioninglogs-raw.log", format: .entraProvisioning,
      records: 3, decoded: 2, skipped: 1, rejected: 0, events: 2),
    CorpusExpectation(
      file: "entra/ms-graph-docs/directoryaudit-list_example1_add_member_to_group.http", format: .entraAudit,
      records: 1, decoded: 1, skipped: 0, rejected: 0, events: 1),
    CorpusExpectation(
      file: "entra/ms-graph-docs/directoryaudit-list_example2_filter_initiatedby.http", format: .entraAudit,
      records: 1, decoded: 0, skipped: 1, rejected: 0, events: 0),
    // The documentation's body has a trailing comma: not valid JSON.
    CorpusExpectation(
      file: "entra/ms-graph-docs/provisioningobjectsummary-list_example1_success.http",
      format: .entraProvisioning, records: 1, decoded: 0, skipped: 0, rejected: 1, events: 0),
    CorpusExpectation(
      file: "entra/ms-graph-docs/provisioningobjectsummary-list_example2_failure.http",
      format: .entraProvisioning, records: 1, decoded: 0, skipped: 1, rejected: 0, events: 0),
    CorpusExpectation(
      file: "entra/sekoia-intake-formats/azure-ad_eventhub_records.jsonl", format: .entraAudit,
      records: 25, decoded: 4, skipped: 21, rejected: 0, events: 4),
    CorpusExpectation(
      file: "entra/sekoia-intake-formats/entraid-graphapi_directoryaudits_signins.jsonl", format: .entraAudit,
      records: 79, decoded: 45, skipped: 34, rejected: 0, events: 45),
  ]

  @Test func everyFileIsListed() {
    #expect(Fixtures.corpusFiles(under: "entra") == Self.expectations.map(\.file))
  }

  @Test(arguments: expectations)
  func file(_ expectation: CorpusExpectation) throws {
    try expectation.check()
  }

  @Test func elasticProvisioningRecordsGiveTheSkipReasonAndSkipTheGroupPush() throws {
    let path = Fixtures.corpus + "/entra/elastic-integrations_azure/test-provisioninglogs-raw.log"
    let input = Ingest.decode(try InputBytes.open(path))
    #expect(input.skipped == ["provisioning of a Group, not a person": 1])
    #expect(input.events.map(\.provisioning) == [.create, .create])
    #expect(input.events.map(\.outcome) == [.failure("skipped: AttributeValidationFailed"), .success])
    #expect(
      input.events.first?.subject.map(\.description) == [
        "entra.object_id:7383d412-41f2-478f-a317-7396cc32ce9e",
        "upn:ellie@mauriziobrancaoutlook.onmicrosoft.com",
        "email:ellie@mauriziobrancaoutlook.onmicrosoft.com", "display_name:Ellie",
      ])
    #expect(input.events.allSatisfy { $0.stage == .scim && $0.channel == .idpPush })
  }

  @Test func timeOnlyRecordsAreRejectedForTheirMissingPayload() throws {
    let path =
      Fixtures.corpus + "/entra/elastic-integrations_azure/test-provisioning-time-formats-corner-cases.log"
    let input = Ingest.decode(try InputBytes.open(path))
    #expect(
      input.rejections
        == (1...11).map {
          Rejection(
            locator: .line($0, in: path), reason: "a ProvisioningLogs record without its 'properties' payload"
          )
        })
  }

  @Test func eventHubExportSkipsSignInsAndReadsGroupMembership() throws {
    let path = Fixtures.corpus + "/entra/sekoia-intake-formats/azure-ad_eventhub_records.jsonl"
    let input = Ingest.decode(try InputBytes.open(path))
    #expect(
      input.events.map(\.action) == [.groupMemberAdd, .groupMemberAdd, .accountCreate, .groupMemberRemove])
    #expect(input.events.map(\.locator) == [2, 3, 5, 14].map { .line($0, in: path) })
    #expect(
      input.events.map { $0.resource?.name ?? "-" } == [
        "NEWCORP", "PRODUCT Marketing Effectiveness - Test ABC", "-", "REDACTED",
      ])
    #expect(input.skipped["Entra SignInLogs record: not an audit or provisioning log (not read)"] == 6)
  }
}
