import Foundation
import IDTrailAnalysis
import IDTrailIngest
import IDTrailModel
import IDTrailRun
import Testing

@testable import IDTrailSamples

/// The whole pipeline — decoders, identity graph, correlation, controls — run on generated
/// organisations as `idtrail report DIR/logs --policy DIR/policy.yaml` runs it, finds exactly the
/// (control, person) pairs the ground truth plants: precision and recall 100%.
@Suite struct SampleEndToEndTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var seed: UInt64
    var people: Int
    var from: String
    var to: String
    var testDescription: String { "seed \(seed), \(people) people, \(from)..\(to)" }
  }

  static let cases = [
    Case(seed: SampleConfiguration.defaultSeed, people: 80, from: "2026-07-01", to: "2026-09-30"),
    Case(seed: 2, people: 80, from: "2026-07-01", to: "2026-09-30"),
    Case(seed: 3, people: 120, from: "2026-07-01", to: "2026-09-30"),
    Case(seed: 4, people: 60, from: "2026-01-05", to: "2026-03-06"),
  ]

  @Test(arguments: cases)
  func theReportFindsExactlyThePlantedFindings(_ sample: Case) throws {
    let configuration = try SampleConfiguration(
      seed: sample.seed, people: sample.people, from: sample.from, to: sample.to)
    let folder = try TemporaryFolder()
    _ = try SampleGenerator.generate(configuration, into: folder.path)
    let request = RunRequest(
      inputs: [folder.path + "/logs"], period: (configuration.start, configuration.end.plus(seconds: -1)),
      policy: try Policy.load(path: folder.path + "/policy.yaml"), now: configuration.end)
    let run = try Run(request, toolVersion: "test")
    var found: Set<String> = []
    for finding in run.evaluation.findings where finding.isViolation {
      found.insert("\(finding.control) \(finding.person?.label ?? "(nobody)")")
    }
    let truth = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: folder.path + "/ground-truth.json")))
    let pairs = try #require((truth as? [String: Any])?["expectedFindings"] as? [[String: String]])
    let expected = Set(pairs.map { "\($0["control"] ?? "") \($0["person"] ?? "")" })
    #expect(expected.subtracting(found).sorted() == [], "planted findings the run missed")
    #expect(found.subtracting(expected).sorted() == [], "findings the run reported that were not planted")
    #expect(run.evaluation.result("scim-token-rotation")?.status == .pass)
    #expect(run.evaluation.result("evidence-coverage")?.status == .pass)
  }
}
