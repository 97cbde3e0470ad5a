import IDTrailModel
import Testing

@testable import IDTrailAnalysis

/// The auditor's termination sample: reproducible from its seed, whole chains of evidence.
@Suite struct TerminationSampleTests {
  private let evaluation = ControlScenarioTests.evaluate(ControlScenarioTests.organisation())

  private func names(_ sample: TerminationSample) -> [String] {
    sample.items.map { $0.person.gitlabUsername ?? "-" }
  }

  @Test func sameSeedSameSample() {
    let sample = evaluation.terminationSample(size: 2, seed: 7)
    #expect(sample.population == 3)
    #expect(sample.requested == 2)
    #expect(sample.seed == 7)
    #expect(names(sample) == ["alee", "bstone"])
    #expect(sample == evaluation.terminationSample(size: 2, seed: 7))
    #expect(names(evaluation.terminationSample(size: 2, seed: 1)) == ["alee", "cdiaz"])
    #expect(names(evaluation.terminationSample(size: 1, seed: 7)) == ["alee"])
  }

  @Test func askingForMoreThanThePopulationGivesAllInTimeOrder() {
    #expect(names(evaluation.terminationSample(size: 40, seed: 3)) == ["alee", "bstone", "cdiaz"])
    #expect(evaluation.terminationSample(size: 0, seed: 3).items.isEmpty)
    #expect(evaluation.terminationSample(size: -1, seed: 3).items.isEmpty)
  }

  @Test func eachItemCarriesItsWholeChain() throws {
    let sample = evaluation.terminationSample(size: 3, seed: 3)
    let bob = try #require(sample.items.first { $0.person.gitlabUsername == "bstone" })
    #expect(
      bob.episode.steps.map { "\($0.role.rawValue) \($0.locator)" } == [
        "opening okta/systemlog.ndjson:15", "provisioning gitlab/api_json.log:8",
        "effect gitlab/audit-stream.ndjson:14",
      ])
    #expect(bob.activityAfterDeprovision.map(\.locator.description) == ["gitlab/api_json.log:942"])
    #expect(bob.findings.map(\.control) == ["post-termination-activity", "leaver-sla"])
    let ann = try #require(sample.items.first { $0.person.gitlabUsername == "alee" })
    #expect(ann.findings.isEmpty)
    #expect(ann.episode.status == .complete)
  }

  /// SplitMix64's published sequence for seed 1234567 (Vigna's reference `splitmix64.c`).
  @Test func splitMixMatchesTheReference() {
    var generator = SplitMix64(seed: 1_234_567)
    #expect(generator.next() == 6_457_827_717_110_365_317)
    #expect(generator.next() == 3_203_168_211_198_807_973)
  }
}
