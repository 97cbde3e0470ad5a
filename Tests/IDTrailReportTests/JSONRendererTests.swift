import Foundation
import IDTrailModel
import IDTrailReport
import Testing

@Suite struct JSONRendererTests {
  @Test func decodesBackToTheSameReport() throws {
    let text = try #require(try JSONRenderer().render(ReportSample.report, context: RenderContext()).first)
      .contents
    let decoded = try JSONDecoder().decode(Report.self, from: Data(text.utf8))
    #expect(decoded == ReportSample.report)
  }

  @Test func carriesTheSchemaAndCamelCaseKeys() throws {
    let text = try #require(try JSONRenderer().render(ReportSample.report, context: RenderContext()).first)
      .contents
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "idtrail.report/v1")
    let episode = try #require((object["episodes"] as? [[String: Any]])?.first)
    let latency = try #require(episode["latencySeconds"] as? [String: Any])
    #expect(latency["endToEnd"] as? Double == 176_440)
    #expect(latency["idpToScim"] as? Double == 40)
  }

}
