import Foundation
import IDTrailReport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The renderers a GitLab pipeline reads: JUnit, Code Quality and metrics.
@Suite struct CIRendererTests {
  private func render(_ renderer: any ReportRenderer) throws -> String {
    try #require(try renderer.render(ReportSample.report, context: RenderContext()).first).contents
  }

  @Test func junitIsWellFormedWithOneSuitePerCriterion() throws {
    let xml = try render(JUnitRenderer())
    let parser = XMLParser(data: Data(xml.utf8))
    #expect(parser.parse(), "junit.xml is not well-formed: \(String(describing: parser.parserError))")
    for criterion in ["CC6.1", "CC6.2", "CC6.3", "CC7.2"] {
      #expect(xml.contains("<testsuite name=\"\(criterion)\""))
    }
    #expect(xml.contains("<failure message=\"1 finding(s)\" type=\"leaver-sla\">"))
    #expect(xml.contains("<skipped message=\"unknown: no IdP log covers 2026-07-01 to 2026-07-02\"/>"))
  }

  @Test func codeQualityPointsAtTheEvidence() throws {
    let text = try render(CodeQualityRenderer())
    let issues = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    #expect(issues.count == 1)
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
    let markdown = try #require(try MarkdownRenderer().render(ReportSample.report, context: context).first).contents
    #expect(markdown.contains("2026-07-01 02:00:00 +02:00"))
    let json = try #require(try JSONRenderer().render(ReportSample.report, context: context).first).contents
    #expect(json.contains("\"start\" : \"2026-07-01T00:00:00Z\""))
  }
}
