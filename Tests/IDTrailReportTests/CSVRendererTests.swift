import IDTrailReport
import Testing

@Suite struct CSVRendererTests {
  private func files() throws -> [String: String] {
    Dictionary(
      uniqueKeysWithValues: try CSVRenderer().render(ReportSample.report, context: RenderContext())
        .map { ($0.name, $0.contents) })
  }

  @Test func writesTheEvidencePack() throws {
    #expect(
      try files().keys.sorted() == [
        "access-review.csv", "episodes.csv", "findings.csv", "inputs.csv", "people.csv",
      ])
  }

  @Test func accessReviewFollowsVantaColumns() throws {
    let review = try #require(try files()["access-review.csv"])
    #expect(
      review.hasPrefix("Account name,Account owner,Role,Status,Date created (UTC),Date deactivated (UTC)\r\n")
    )
    #expect(
      review.contains(
        "ana,ana.lopez@example.com,acme/platform: Developer,deactivated,2025-01-10T10:00:00Z,2026-08-05T10:00:40Z\r\n"
      ))
  }

  @Test func guardsFormulasFromLogs() throws {
    let people = try #require(try files()["people.csv"])
    #expect(people.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""))
  }

  @Test func inputsCarryTheirHash() throws {
    let inputs = try #require(try files()["inputs.csv"])
    #expect(
      inputs.contains(
        "logs/okta.json,okta.systemlog,60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752,40,40,0,0"
      ))
  }
}
