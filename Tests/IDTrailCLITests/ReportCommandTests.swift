import Foundation
import Testing

/// `idtrail report`, run as a user runs it: the built binary on fixture files, with the files it
/// writes, its exit codes and its determinism checked.
@Suite struct ReportCommandTests {
  private static let now = "2026-10-01T00:00:00Z"
  private static let stream = Paths.fixture("gitlab.audit.stream/payloads.ndjson")
  private static let allFormats = "html,json,csv,md,junit,codequality,metrics"
  private static let allFiles = [
    "access-review.csv", "episodes.csv", "findings.csv", "gl-code-quality-report.json", "inputs.csv",
    "junit.xml",
    "metrics.txt", "people.csv", "report.html", "report.json", "report.md",
  ]

  /// The fixture folders of every format, in byte order.
  private static func fixtureFolders() throws -> [String] {
    let root = Paths.repository + "/Tests/IDTrailIngestTests/Fixtures"
    return try FileManager.default.contentsOfDirectory(atPath: root).filter { !$0.hasPrefix(".") }.sorted()
      .map { root + "/" + $0 }
  }

  /// Every file of `folder`, by name.
  private static func files(in folder: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
    }
    return files
  }

  private static func json(_ folder: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/report.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  // MARK: - What it writes

  @Test func defaultFormatsAreHTMLJSONAndCSV() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let run = try IDTrail.run(["report", Self.stream, "--now", Self.now, "--out", folder])
    #expect(run.status == 0)
    #expect(run.stderr == "")
    let written = [
      "report.html", "report.json", "findings.csv", "episodes.csv", "people.csv", "inputs.csv",
      "access-review.csv",
    ]
    #expect(run.stdout.hasSuffix(written.map { "wrote \(folder)/\($0)\n" }.joined()))
    #expect(
      run.stdout.hasPrefix(
        "idtrail: 2025-02-01T10:20:00Z to 2025-02-04T08:00:00Z; 1 inputs, 3 people, 0 episodes\n"))
    #expect(try Self.files(in: folder).keys.sorted() == written.sorted())
  }

  @Test func everyFormatCanBeChosen() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let run = try IDTrail.run([
      "report", Self.stream, "--now", Self.now, "--out", folder, "--format", Self.allFormats,
    ])
    #expect(run.status == 0)
    #expect(try Self.files(in: folder).keys.sorted() == Self.allFiles)
    let report = try Self.json(folder)
    #expect(report["schema"] as? String == "idtrail.report/v1")
    #expect((report["inputs"] as? [[String: Any]])?.first?["path"] as? String == Self.stream)
  }

  @Test func outputFolderIsCreated() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let out = folder + "/a/b"
    let run = try IDTrail.run(["report", Self.stream, "--now", Self.now, "--out", out, "--format", "json"])
    #expect(run.status == 0)
    #expect(FileManager.default.fileExists(atPath: out + "/report.json"))
  }

  // MARK: - Periods

  @Test(arguments: [
    (["--period", "2025-Q1"], "2025-01-01T00:00:00Z", "2025-03-31T23:59:59Z"),
    (["--period", "2025-02"], "2025-02-01T00:00:00Z", "2025-02-28T23:59:59Z"),
    (["--from", "2025-02-01", "--to", "2025-02-02"], "2025-02-01T00:00:00Z", "2025-02-02T23:59:59Z"),
    (
      ["--from", "2025-02-01T12:00:00+01:00", "--to", "2025-02-03T00:00:00Z"], "2025-02-01T11:00:00Z",
      "2025-02-03T00:00:00Z"
    ),
    ([], "2025-02-01T10:20:00Z", "2025-02-04T08:00:00Z"),
  ])
  func periodComesFromTheFlagsOrTheInputs(flags: [String], start: String, end: String) throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let run = try IDTrail.run(
      ["report", Self.stream, "--now", Self.now, "--out", folder, "--format", "json"] + flags)
    #expect(run.status == 0, "\(run.stderr)")
    let period = try #require(try Self.json(folder)["period"] as? [String: String])
    #expect(period == ["start": start, "end": end])
  }

  @Test(arguments: [
    (
      ["--format", "html,pdf"],
      "unknown output format 'pdf'; the formats are: html, json, csv, md, junit, codequality, metrics"
    ),
    (["--period", "Q3"], "--period 'Q3' is not a quarter (2026-Q3), a month (2026-09) or a year (2026)"),
    (["--to", "2026-07-01"], "--from and --to go together"),
    (
      ["--from", "2026-07-01", "--to", "the end"],
      "--to 'the end' is not a date (2026-07-01) or an RFC 3339 time"
    ),
    (["--tz", "Mars/Olympus"], "--tz 'Mars/Olympus' is not a time zone name such as UTC or Europe/Berlin"),
    (["--sample", "0"], "--sample takes a positive number of leavers"),
    (["--policy", "/nonexistent/policy.yml"], "cannot read the policy file '/nonexistent/policy.yml'"),
  ])
  func badFlagsExitWith64(flags: [String], message: String) throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let run = try IDTrail.run(["report", Self.stream, "--now", Self.now, "--out", folder] + flags)
    #expect(run.status == 64)
    #expect(run.stderr.contains("Error: " + message), "stderr: \(run.stderr)")
    #expect(run.stderr.contains("Usage: idtrail report"), "stderr: \(run.stderr)")
    #expect(run.stdout == "")
    #expect(try Self.files(in: folder).isEmpty)
  }

  // MARK: - Exit codes for inputs and outputs

  @Test func unreadableInputExitsWith74AndWritesNothing() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let missing = folder + "/missing.json"
    let run = try IDTrail.run(["report", Self.stream, missing, "--now", Self.now, "--out", folder + "/out"])
    #expect(run.status == 74)
    #expect(run.stderr == "idtrail: \(missing): cannot open: No such file or directory\n")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
  }

  @Test func unrecognisedInputExitsWith65() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let path = folder + "/notes.bin"
    try Data([0x00, 0x01, 0x02]).write(to: URL(fileURLWithPath: path))
    let run = try IDTrail.run(["report", path, "--now", Self.now, "--out", folder + "/out"])
    #expect(run.status == 65)
    #expect(run.stderr == "idtrail: no input was recognised as any format\n")
  }

  @Test func unwritableOutputExitsWith74() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let blocker = folder + "/file"
    try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
    let run = try IDTrail.run([
      "report", Self.stream, "--now", Self.now, "--out", blocker + "/out", "--format", "json",
    ])
    #expect(run.status == 74)
    #expect(
      run.stderr.hasPrefix("idtrail: cannot write \(blocker)/out: cannot create the folder ("),
      "\(run.stderr)")
  }

  // MARK: - Determinism and display

  @Test func sameInputsGiveByteIdenticalFilesInAnyOrder() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let inputs = try Self.fixtureFolders()
    #expect(inputs.count >= 10)
    var outputs: [[String: Data]] = []
    for (name, order) in [("first", inputs), ("second", inputs), ("reversed", Array(inputs.reversed()))] {
      let out = folder + "/" + name
      let run = try IDTrail.run(
        ["report"] + order + ["--now", Self.now, "--out", out, "--format", Self.allFormats])
      #expect(run.status == 0, "\(run.stderr)")
      outputs.append(try Self.files(in: out))
    }
    #expect(outputs[0].keys.sorted() == Self.allFiles)
    for other in outputs.dropFirst() {
      #expect(other.keys.sorted() == outputs[0].keys.sorted())
      for (name, bytes) in outputs[0] {
        #expect(other[name] == bytes, "\(name) differs between runs")
      }
    }
  }

  @Test func timeZoneChangesOnlyWhatIsDisplayed() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    var outputs: [[String: Data]] = []
    for zone in ["UTC", "Europe/Berlin"] {
      let out = folder + "/" + zone.replacingOccurrences(of: "/", with: "-")
      let run = try IDTrail.run([
        "report", Self.stream, "--now", Self.now, "--out", out, "--format", Self.allFormats, "--tz", zone,
      ])
      #expect(run.status == 0)
      outputs.append(try Self.files(in: out))
    }
    let (utc, berlin) = (outputs[0], outputs[1])
    for name in Self.allFiles where !["report.html", "report.md"].contains(name) {
      #expect(utc[name] == berlin[name], "\(name) changed with --tz")
    }
    for name in ["report.html", "report.md"] {
      let text = String(decoding: try #require(berlin[name]), as: UTF8.self)
      #expect(text.contains("2025-02-01 11:20:00 +01:00"), "\(name) does not show Berlin time")
      #expect(!text.contains("2025-02-01 10:20:00 UTC"), "\(name) still shows UTC")
      let plain = String(decoding: try #require(utc[name]), as: UTF8.self)
      #expect(plain.contains("2025-02-01 10:20:00 UTC"))
    }
  }

  @Test(.enabled(if: PseudoTerminal.isAvailable, "needs util-linux script(1) for a pseudo-terminal"))
  func aShortRunOnATerminalLeavesNoProgressBehind() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let run = try PseudoTerminal.run(
      ["report", Self.stream, "--now", Self.now, "--out", folder, "--format", "json"],
      environment: ["TERM": "xterm"])
    #expect(run.status == 0)
    #expect(!run.output.contains("idtrail: reading"))
    #expect(run.output.contains("\u{1B}[33munknown       \u{1B}[0m evidence-coverage"))
  }
}
