import Foundation
import IDTrailIngest
import Testing

@testable import IDTrailBench

/// The runner on small generated sets: exact counts per format, the same events end to end as in
/// inspect, the generated files removed or kept, and given inputs that cannot be read.
@Suite struct BenchRunnerTests {
  private static func request(
    events: Int = 2_000, inputs: [String] = [], keep: String? = nil, scaling: Bool = false
  ) -> BenchRequest {
    BenchRequest(events: events, rounds: 1, inputs: inputs, keep: keep, scaling: scaling, toolVersion: "test")
  }

  @Test func generatedInputsAreCountedPerFormat() throws {
    var steps: [String] = []
    let result = try BenchRunner(Self.request()) { steps.append($0) }.run()
    #expect(result.formats.map(\.label) == ["gitlab.audit.stream", "okta.systemlog", "windows.security.xml"])
    #expect(result.formats.map(\.files) == [1, 1, 1])
    #expect(result.formats.map(\.bytes) == [751_653, 543_109, 361_927])
    #expect(result.formats.map(\.records) == [1_200, 500, 300])
    #expect(result.formats.map(\.events) == [1_200, 500, 300])
    #expect(result.inspect.files == 3)
    #expect(result.inspect.bytes == 1_656_689)
    #expect(result.inspect.records == 2_000)
    #expect(result.inspect.events == 2_000)
    #expect(result.endToEnd.files == 3)
    #expect(result.endToEnd.bytes == result.inspect.bytes)
    #expect(result.endToEnd.records == result.inspect.records)
    #expect(result.endToEnd.events == result.inspect.events)
    #expect(result.rounds == 1)
    #expect(result.scaling.isEmpty)
    #expect(result.machine.toolVersion == "test")
    #expect(result.machine.logicalCores >= 1)
    for row in result.formats + [result.inspect, result.endToEnd] {
      #expect(row.timing.wallSeconds > 0, "\(row.label)")
      #expect(row.peak.bytes > 0, "\(row.label)")
    }
    guard case .generated(let events, let timing, let keptIn) = result.inputs else {
      Issue.record("inputs: \(result.inputs)")
      return
    }
    #expect(events == 2_000)
    #expect(timing.wallSeconds > 0)
    #expect(keptIn == nil)
    // The temporary folder is named in the first step and gone afterwards.
    let first = try #require(steps.first)
    #expect(first.hasPrefix("generating 2000 events in "))
    let folder = String(first.dropFirst("generating 2000 events in ".count))
    #expect(!FileManager.default.fileExists(atPath: folder))
    #expect(steps.contains("inspect of all inputs, round 1 of 1"))
    #expect(steps.last == "end to end (report), round 1 of 1")
  }

  @Test func keptInputsStayAndMeasureTheSameWhenGiven() throws {
    let folder = FileManager.default.temporaryDirectory.path + "/idtrail-bench-test-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let generated = try BenchRunner(Self.request(keep: folder)).run()
    #expect(generated.inputs == .generated(events: 2_000, timing: timing(generated.inputs), keptIn: folder))
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(names == ["gitlab-audit-stream.ndjson", "okta-system-log.json", "windows-security.xml"])
    let given = try BenchRunner(Self.request(inputs: [folder])).run()
    #expect(given.inputs == .given([folder]))
    #expect(given.formats.map(\.label) == generated.formats.map(\.label))
    #expect(given.formats.map(\.bytes) == generated.formats.map(\.bytes))
    #expect(given.formats.map(\.events) == generated.formats.map(\.events))
    #expect(given.endToEnd.events == 2_000)
  }

  @Test func scalingMeasuresOneTwoAndFourTimesTheEvents() throws {
    let result = try BenchRunner(Self.request(events: 1_000, scaling: true)).run()
    #expect(result.scaling.map(\.multiple) == [1, 2, 4])
    #expect(result.scaling.map(\.inspect.events) == [1_000, 2_000, 4_000])
    #expect(result.scaling.map(\.endToEnd.events) == [1_000, 2_000, 4_000])
    #expect(result.scaling.first?.inspect == result.inspect)
    #expect(result.scaling.allSatisfy { $0.endToEnd.timing.wallSeconds > 0 })
  }

  @Test func unreadableInputsAreNamed() throws {
    let missing = FileManager.default.temporaryDirectory.path + "/idtrail-bench-missing-" + UUID().uuidString
    #expect(throws: BenchError.unreadable([.cannotOpen(path: missing, reason: "No such file or directory")]))
    {
      try BenchRunner(Self.request(inputs: [missing])).run()
    }
  }

  @Test func inputsNoFormatRecognisesAreRefused() throws {
    let path = FileManager.default.temporaryDirectory.path + "/idtrail-bench-binary-" + UUID().uuidString
    try Data([0x00, 0x01, 0x02]).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: BenchError.noRecognisedInput([path])) {
      try BenchRunner(Self.request(inputs: [path])).run()
    }
  }

  @Test(arguments: [
    (
      BenchRequest(events: 999, toolVersion: "test"),
      "--events 999 is too few to time reliably; give at least 1000 (the default is 1000000)"
    ),
    (BenchRequest(rounds: 0, toolVersion: "test"), "--rounds 0 must be at least 1 (the default is 3)"),
    (
      BenchRequest(inputs: ["x.json"], scaling: true, toolVersion: "test"),
      "--scaling grows generated inputs and cannot grow given ones; drop the INPUT arguments "
        + "(and set the base size with --events) or drop --scaling"
    ),
    (
      BenchRequest(inputs: ["x.json"], keep: "out", toolVersion: "test"),
      "--keep keeps the generated inputs, and with INPUT nothing is generated; drop one of them"
    ),
    (
      BenchRequest(inputs: ["-"], toolVersion: "test"),
      "bench reads every input once per round, and standard input (-) can be read only once; "
        + "save it to a file and give that"
    ),
  ])
  func badRequestsSayWhatToChange(request: BenchRequest, message: String) {
    let error = #expect(throws: BenchUsageError.self) { try request.validate() }
    #expect(error?.description == message)
  }

  private func timing(_ inputs: BenchInputs) -> Timing {
    if case .generated(_, let timing, _) = inputs { return timing }
    return .zero
  }
}
