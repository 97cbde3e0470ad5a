import IDTrailReport
import Testing

@Suite struct HTMLRendererTests {
  private func page() throws -> String {
    try #require(try HTMLRenderer().render(ReportSample.report, context: RenderContext()).first).contents
  }

  @Test func escapesHostileNamesFromLogs() throws {
    let html = try page()
    #expect(!html.contains("<script>alert(1)</script>"))
    #expect(html.contains("Ana &lt;script&gt;alert(1)&lt;/script&gt; Lopez"))
    #expect(html.contains("deactivated &lt;b&gt;Ana&lt;/b&gt;"))
  }

  @Test func makesNoNetworkRequests() throws {
    let html = try page()
    #expect(!html.contains("src=\"http"))
    #expect(!html.contains("href=\"http"))
    #expect(!html.contains("@import"))
    #expect(!html.contains("url("))
    #expect(html.contains("default-src 'none'"))
  }

  @Test func showsEverySection() throws {
    let html = try page()
    for id in [
      "scorecard", "controls", "findings", "leavers", "charts", "people", "inputs", "rejections", "policy",
    ] {
      #expect(html.contains("id=\"\(id)\""), "missing section \(id)")
    }
  }

  @Test func coloursHopsAgainstTheSLA() throws {
    let html = try page()
    // 49h past a 24h SLA is late; 40 s is well within it.
    #expect(html.contains("<span class=\"late\">49h 0m 40s</span>"))
    #expect(html.contains("<span class=\"ok\">40s</span>"))
    #expect(html.contains("class=\"sla\""))
  }

  @Test func hasPrintAndDarkStyles() throws {
    let html = try page()
    #expect(html.contains("@media print"))
    #expect(html.contains("prefers-color-scheme: dark"))
  }
}
