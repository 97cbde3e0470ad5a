import Foundation
import IDTrailModel
import Testing

@testable import IDTrailSamples

@Suite struct ScaleGeneratorTests {
  @Test func writesExactlyTheEventsAskedForInTimeOrder() throws {
    let folder = try TemporaryFolder()
    let events = 20_001
    let report = try ScaleGenerator.generate(
      try SampleConfiguration(seed: 5), events: events, into: folder.path)
    #expect(report.events == events)
    #expect(report.files.map(\.events) == [12_000, 5_000, 3_001])
    let stream = try String(contentsOfFile: report.files[0].path, encoding: .utf8).split(separator: "\n")
    #expect(stream.count == 12_000)
    var previous = ""
    for line in stream {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let created = try #require(object["created_at"] as? String)
      #expect(created >= previous)
      previous = created
    }
    let okta = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: report.files[1].path)))
    #expect((okta as? [Any])?.count == 5_000)
    let windows = try String(contentsOfFile: report.files[2].path, encoding: .utf8).split(separator: "\n")
    #expect(windows.count == 3_001)
    let sizes = try report.files.map {
      try FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int
    }
    #expect(sizes == report.files.map(\.bytes))
    #expect(report.bytes == report.files.reduce(0) { $0 + $1.bytes })
  }

  @Test func theSameSeedWritesTheSameBytes() throws {
    let first = try TemporaryFolder()
    let second = try TemporaryFolder()
    let a = try ScaleGenerator.generate(try SampleConfiguration(), events: 3_000, into: first.path)
    let b = try ScaleGenerator.generate(try SampleConfiguration(), events: 3_000, into: second.path)
    for (x, y) in zip(a.files, b.files) {
      #expect(
        try Data(contentsOf: URL(fileURLWithPath: x.path)) == Data(contentsOf: URL(fileURLWithPath: y.path)))
    }
  }
}
