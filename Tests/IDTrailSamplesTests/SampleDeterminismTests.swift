import Foundation
import IDTrailModel
import Testing

@testable import IDTrailSamples

@Suite struct SampleDeterminismTests {
  @Test func sameSeedGivesByteIdenticalFilesOnDisk() throws {
    let configuration = try SampleConfiguration()
    let first = try TemporaryFolder()
    let second = try TemporaryFolder()
    let manifest = try SampleGenerator.generate(configuration, into: first.path)
    _ = try SampleGenerator.generate(configuration, into: second.path)
    let paths = manifest.files.map(\.path) + ["ground-truth.json", "policy.yaml", "README.md"]
    #expect(paths.count == 38)
    for path in paths {
      let a = try Data(contentsOf: URL(fileURLWithPath: first.path + "/" + path))
      let b = try Data(contentsOf: URL(fileURLWithPath: second.path + "/" + path))
      #expect(a == b, "\(path) differs between two runs with the same seed")
    }
    let listed = try FileManager.default.subpathsOfDirectory(atPath: first.path)
      .filter { !$0.hasSuffix("/") && $0.contains(".") }.sorted()
    #expect(listed == paths.sorted())
  }

  @Test func anotherSeedGivesOtherPeopleAndTimes() throws {
    let one = SampleGenerator.render(try SampleConfiguration(seed: 1))
    let two = SampleGenerator.render(try SampleConfiguration(seed: 2))
    let okta1 = try #require(one.files.first { $0.0 == "logs/okta/system-log.json" }?.1)
    let okta2 = try #require(two.files.first { $0.0 == "logs/okta/system-log.json" }?.1)
    #expect(okta1 != okta2)
    #expect(one.manifest.incidents.map(\.person) != two.manifest.incidents.map(\.person))
  }

  @Test func regeneratingIntoASampleFolderReplacesItsLogs() throws {
    let folder = try TemporaryFolder()
    _ = try SampleGenerator.generate(try SampleConfiguration(people: 120), into: folder.path)
    let manifest = try SampleGenerator.generate(try SampleConfiguration(), into: folder.path)
    let listed = try FileManager.default.subpathsOfDirectory(atPath: folder.path + "/logs")
      .filter { $0.contains(".") }.map { "logs/" + $0 }.sorted()
    #expect(listed == manifest.files.map(\.path).sorted())
  }

  @Test func refusesAFolderThatIsNotASample() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: folder.path + "/logs", withIntermediateDirectories: true)
    #expect(throws: SampleWriteError.self) {
      _ = try SampleGenerator.generate(try SampleConfiguration(), into: folder.path)
    }
  }

  @Test func theDefaultSampleStaysUnderThreeMegabytes() throws {
    let rendered = SampleFixture.rendered
    let total = rendered.files.reduce(0) { $0 + $1.1.count }
    #expect(total < 3_000_000, "the bundled sample is \(total) bytes")
    #expect(rendered.manifest.files.allSatisfy { $0.bytes > 0 && $0.records > 1 })
  }
}

/// A folder under the system's temporary directory, removed when the value goes away.
final class TemporaryFolder {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "idtrail-samples-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }
}
