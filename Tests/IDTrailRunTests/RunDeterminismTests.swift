import Foundation
import IDTrailAnalysis
import IDTrailIngest
import IDTrailModel
import IDTrailReport
import IDTrailRun
import Testing

/// End to end over the decoder fixtures of every format: the same inputs in another order, run
/// twice, give byte-identical files in every output format.
@Suite struct RunDeterminismTests {
  private static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("IDTrailIngestTests/Fixtures").path

  private static func folders() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: fixtures).sorted().map { fixtures + "/" + $0 }
  }

  private static func render(_ inputs: [String]) throws -> [RenderedFile] {
    let request = RunRequest(
      inputs: inputs, period: nil, policy: .default,
      now: try #require(TimestampParser.parse("2026-10-01T00:00:00Z")))
    let run = try Run(request, toolVersion: "test")
    return try RendererRegistry.all.flatMap { try $0.render(run.report, context: RenderContext()) }
  }

  @Test func inputOrderAndRepetitionChangeNothing() throws {
    let folders = try Self.folders()
    #expect(folders.count >= 10, "expected a fixture folder per format")
    let forward = try Self.render(folders)
    let backward = try Self.render(folders.reversed())
    #expect(forward.map(\.name) == backward.map(\.name))
    for (first, second) in zip(forward, backward) {
      #expect(first.contents == second.contents, "\(first.name) differs between input orders")
    }
  }

  @Test func everyInputIsAccountedInTheReport() throws {
    let request = RunRequest(
      inputs: try Self.folders(), period: nil, policy: .default,
      now: try #require(TimestampParser.parse("2026-10-01T00:00:00Z")))
    let run = try Run(request, toolVersion: "test")
    #expect(run.report.inputs.count == run.inputs.count)
    for input in run.report.inputs {
      #expect(input.records == input.decoded + input.skipped + input.rejected, "\(input.path)")
      #expect(input.sha256.count == 64)
    }
    #expect(run.report.controls.count == 13)
    #expect(run.report.rejectionCount == run.inputs.map(\.rejectedCount).reduce(0, +))
  }
}
