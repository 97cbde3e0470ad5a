import Foundation
import IDTrailReport
import IDTrailXML
import Testing

/// The renderers a GitLab pipeline reads: JUnit, Code Quality and metrics.
@Suite struct CIRendererTests {
  private func render(_ renderer: any ReportRenderer) throws -> String {
    try #require(try renderer.render(ReportSample.report, context: RenderContext()).first).contents
  }

  @Test func junitFollowsTheSchemaWithOneSuitePerCriterion() throws {
    let xml = try render(JUnitRenderer())
    try XMLSchemaValidation.validate(xml, against: try JUnitSchema.text(), documentName: "junit.xml")
    #expect(
      xml.contains("<testsuites name=\"idtrail\" tests=\"6\" failures=\"2\" errors=\"0\" skipped=\"3\">"))
    for criterion in ["CC6.1", "CC6.2", "CC6.3", "CC7.2"] {
      #expect(xml.contains("<testsuite name=\"\(criterion)\""))
    }
    #expect(xml.contains("<failure message=\"1 finding(s)\" type=\"leaver-sla\">"))
    #expect(xml.contains("<skipped message=\"unknown: no IdP log covers 2026-07-01 to 2026-07-02\"/>"))
  }

  @Test func junitSchemaRejectsWhatGitLabCannotRead() throws {
    let schema = try JUnitSchema.text()
    let cases = [
      (
        "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase/></testsuite></testsuites>",
        "'name' is required"
      ),
      ("<testsuites><testsuite name=\"s\" tests=\"x\"/></testsuites>", "'x' is not a valid value"),
      (
        "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"c\"><skipped/><failure/></testcase></testsuite></testsuites>",
        "This element is not expected"
      ),
      (
        "<testsuites><testsuite name=\"s\" tests=\"1\"><failure/></testsuite></testsuites>",
        "This element is not expected"
      ),
    ]
    for (document, message) in cases {
      do {
        try XMLSchemaValidation.validate(document, against: schema, documentName: "bad.xml")
        Issue.record("accepted: \(document)")
      } catch {
        #expect(error.stage == .validation)
        #expect(error.description.contains(message), "\(error)")
        #expect(error.problems.first?.line == 1)
      }
    }
  }

  @Test func codeQualityPointsAtTheEvidence() throws {
    let text = try render(CodeQualityRenderer())
    let issues = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    #expect(issues.count == 1)
    try CodeQualityKeys.check(issues)
    let issue = try #require(issues.first)
    #expect(issue["check_name"] as? String == "leaver-sla")
    #expect(issue["severity"] as? String == "major")
    #expect(issue["fingerprint"] as? String == "f-0c1d2e3f4a5b")
    let location = try #require(issue["location"] as? [String: Any])
    #expect(location["path"] as? String == "logs/okta.json")
    #expect((location["lines"] as? [String: Any])?["begin"] as? Int == 1)
  }

  @Test func metricsAreOpenMetricsText() throws {
    let text = try render(MetricsRenderer())
    #expect(text.hasSuffix("# EOF\n"))
    #expect(text.contains("idtrail_findings{control=\"leaver-sla\"} 1\n"))
    #expect(text.contains("idtrail_leaver_end_to_end_seconds{quantile=\"0.5\"} 600\n"))
    #expect(text.contains("idtrail_leaver_end_to_end_seconds{quantile=\"0.95\"} 176440\n"))
    #expect(text.contains("idtrail_records{outcome=\"rejected\"} 1\n"))
  }

  @Test func displayTimeZoneChangesOnlyTheDisplay() throws {
    let context = RenderContext(displayTimeZone: try #require(TimeZone(identifier: "Europe/Berlin")))
    let markdown = try #require(try MarkdownRenderer().render(ReportSample.report, context: context).first)
      .contents
    #expect(markdown.contains("2026-07-01 02:00:00 +02:00"))
    let json = try #require(try JSONRenderer().render(ReportSample.report, context: context).first).contents
    #expect(json.contains("\"start\" : \"2026-07-01T00:00:00Z\""))
  }
}
