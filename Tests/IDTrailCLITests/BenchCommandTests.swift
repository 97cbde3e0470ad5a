import Foundation
import Testing

/// `idtrail bench`, run as a user runs it: usage errors, unreadable inputs, and small real runs.
@Suite struct BenchCommandTests {
  @Test(arguments: [
    (
      ["bench", "--events", "999"],
      "--events 999 is too few to time reliably; give at least 1000 (the default is 1000000)"
    ),
    (
      ["bench", "--scaling", "x.json"],
      "--scaling grows generated inputs and cannot grow given ones; drop the INPUT arguments"
    ),
    (["bench", "--rounds", "0"], "--rounds 0 must be at least 1 (the default is 3)"),
    (["bench", "-"], "standard input (-) can be read only once; save it to a file and give that"),
    (["bench", "--keep", "out", "x.json"], "--keep keeps the generated inputs, and with INPUT nothing"),
    (["bench", "--events", "many"], "The value 'many' is invalid for '--events <n>'"),
  ])
  func badFlagsExitWith64(arguments: [String], message: String) throws {
    let run = try IDTrail.run(arguments)
    #expect(run.status == 64)
    #expect(run.stderr.contains(message), "stderr: \(run.stderr)")
    #expect(run.stdout == "")
  }

  @Test func missingInputIsNamedAndExitsWith74() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let path = folder + "/no-such-file.json"
    let run = try IDTrail.run(["bench", path])
    #expect(run.status == 74)
    #expect(run.stdout == "")
    #expect(
      run.stderr.hasSuffix("idtrail: \(path): cannot open: No such file or directory\n"), "\(run.stderr)")
  }

  @Test func inputNoFormatRecognisesExitsWith65() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    try Data([0x00, 0x01]).write(to: URL(fileURLWithPath: folder + "/a.bin"))
    let run = try IDTrail.run(["bench", folder])
    #expect(run.status == 65)
    #expect(
      run.stderr.hasSuffix(
        "idtrail: no input was recognised as any format (\(folder)); 'idtrail inspect' says why for each\n"))
  }

  @Test func givenInputIsMeasuredWithProgressOnStandardError() throws {
    let path = Paths.fixture("gitlab.audit.stream/payloads.ndjson")
    let run = try IDTrail.run(["bench", path, "--rounds", "2"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[1] == "inputs: \(path)")
    #expect(lines[2].hasPrefix("times: the fastest of 2 rounds of each phase; MB = 10^6 bytes; peak RSS is "))
    #expect(lines[4].hasPrefix("phase / format       files"))
    #expect(lines[5].hasPrefix("gitlab.audit.stream      1"))
    #expect(lines[6].hasPrefix("inspect, all inputs      1"))
    #expect(lines[7].hasPrefix("end to end (report)      1"))
    #expect(lines[9].hasPrefix("end to end / inspect: "))
    #expect(lines[10].hasPrefix("end to end peak RSS per event: "))
    #expect(
      run.stderr == """
        bench: reading every input once before measuring
        bench: decoding \(path), round 1 of 2
        bench: decoding \(path), round 2 of 2
        bench: inspect of all inputs, round 1 of 2
        bench: inspect of all inputs, round 2 of 2
        bench: end to end (report), round 1 of 2
        bench: end to end (report), round 2 of 2

        """)
  }

  /// Interrupted (Ctrl-C) while it generates its inputs, bench removes them and ends as the signal
  /// would have ended it.
  @Test func interruptedRunLeavesNoGeneratedInputs() throws {
    let temporary = try Paths.temporaryFolder()
    defer { Paths.remove(temporary) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: IDTrail.executable)
    process.arguments = ["bench", "--events", "2000000", "--rounds", "1"]
    process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary]) { _, new in new }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Once its work folder exists (and a moment more), it is busy generating.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline, try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty {
      Thread.sleep(forTimeInterval: 0.05)
    }
    Thread.sleep(forTimeInterval: 0.5)
    #expect(try !FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
    process.interrupt()
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == SIGINT)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary) == [])
  }

  @Test func generatedInputsAsJSON() throws {
    let run = try IDTrail.run(["bench", "--events", "1000", "--rounds", "1", "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.hasPrefix("bench: generating 1000 events in "))
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(document["schema"] as? String == "idtrail.bench/v1")
    #expect(
      document.keys.sorted() == [
        "endToEnd", "endToEndPeakBytesPerEvent", "endToEndToInspect", "formats", "inputs", "inspect",
        "machine", "peakRSSScope", "rounds", "scaling", "schema",
      ])
    let formats = try #require(document["formats"] as? [[String: Any]])
    #expect(
      formats.map { $0["format"] as? String } == [
        "gitlab.audit.stream", "okta.systemlog", "windows.security.xml",
      ])
    #expect(formats.map { $0["events"] as? Int } == [600, 250, 150])
    let inspect = try #require(document["inspect"] as? [String: Any])
    let endToEnd = try #require(document["endToEnd"] as? [String: Any])
    #expect(inspect["events"] as? Int == 1_000)
    #expect(endToEnd["events"] as? Int == 1_000)
  }
}
