import Foundation
import Testing

/// `idtrail inspect`, run as a user runs it: the built binary on fixture files, with its output and
/// exit code checked.
@Suite struct InspectCommandTests {
  // MARK: - Plain inspection

  @Test func inspectPrintsFormatAndAccountingPerInput() throws {
    let path = Paths.fixture("gitlab.audit.api/current_page.json")
    let run = try IDTrail.run(["inspect", path])
    #expect(run.status == 0)
    #expect(
      run.stdout == """
        \(path)
          format    gitlab.audit.api
          records   16 = 15 decoded + 1 skipped + 0 rejected
          yields    15 events, 0 state facts
          coverage  2025-02-01T10:00:00Z .. 2025-03-09T16:45:00Z
          skipped   1 × no identity effect (authored by system)
        total: 1 inputs, 16 records = 15 decoded + 1 skipped + 0 rejected; 15 events, 0 state facts

        """)
    #expect(run.stderr == "")
  }

  @Test func rejectionsAreListedWithTheirLocators() throws {
    let path = Paths.fixture("gitlab.log.audit_json/audit_json.log")
    let run = try IDTrail.run(["inspect", path])
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("  records   6 = 4 decoded + 0 skipped + 2 rejected"))
    #expect(
      lines.contains(
        "  rejected  \(path):3: malformed JSON: unexpected 'I' where a JSON value or separator should be at byte 1204"
      ))
    #expect(
      lines.contains(
        "  rejected  \(path):5: created_at '2025-02-30T13:00:00.000Z' is not a valid RFC 3339 time"))
  }

  // MARK: - Exit codes

  @Test func binaryInputIsNotRecognisedAndExitsWith65() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let path = folder + "/program.bin"
    try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xFF, 0xFE]).write(
      to: URL(fileURLWithPath: path))
    let run = try IDTrail.run(["inspect", path])
    #expect(run.status == 65)
    #expect(
      run.stdout == """
        \(path)
          format    unrecognised
          records   1 = 0 decoded + 0 skipped + 1 rejected
          yields    0 events, 0 state facts
          rejected  \(path):1: the input looks binary (it holds NUL bytes); no format reads it
        total: 1 inputs, 1 records = 0 decoded + 0 skipped + 1 rejected; 0 events, 0 state facts

        """)
  }

  @Test func oneRecognisedInputIsEnoughForSuccess() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    try Data([0x00, 0x01]).write(to: URL(fileURLWithPath: folder + "/a.bin"))
    try Paths.copyFixture("gitlab.audit.stream/payloads.ndjson", to: folder + "/b.ndjson")
    let run = try IDTrail.run(["inspect", folder])
    #expect(run.status == 0)
  }

  @Test func missingPathExitsWith74() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let path = folder + "/no-such-file.json"
    let run = try IDTrail.run(["inspect", path])
    #expect(run.status == 74)
    #expect(
      run.stdout == """
        \(path)
          unreadable  \(path): cannot open: No such file or directory
        total: 0 inputs, 0 records = 0 decoded + 0 skipped + 0 rejected; 0 events, 0 state facts
        1 path(s) could not be read

        """)
  }

  @Test(arguments: [
    (
      ["inspect", "--as-of", "nonsense", "x.json"],
      "--as-of 'nonsense' is not an RFC 3339 time such as 2026-09-30T23:59:59Z"
    ),
    (["inspect"], "give at least one INPUT (a file, a folder, or - for standard input)"),
    (["inspect", "--bogus", "x.json"], "Unknown option '--bogus'"),
    (
      ["inspect", "--format", "gitlab.audit.xml", "x.json"],
      "unknown format 'gitlab.audit.xml'; the formats are: "
    ),
  ])
  func badFlagsExitWith64(arguments: [String], message: String) throws {
    let run = try IDTrail.run(arguments)
    #expect(run.status == 64)
    #expect(run.stderr.contains(message), "stderr: \(run.stderr)")
    #expect(run.stdout == "")
  }

  // MARK: - Output forms and options

  @Test func jsonOutputHasTheDocumentedKeys() throws {
    let path = Paths.fixture("gitlab.audit.api/truncated_page.json")
    let run = try IDTrail.run(["inspect", "--json", path])
    #expect(run.status == 0)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect(document.keys.sorted() == ["inputs", "totals", "unreadable"])
    let inputs = try #require(document["inputs"] as? [[String: Any]])
    let input = try #require(inputs.first)
    #expect(
      input.keys.sorted() == [
        "bytes", "coverage", "decoded", "events", "facts", "format", "path", "records", "rejected",
        "rejections",
        "skipped", "skippedByReason",
      ])
    #expect(input["path"] as? String == path)
    #expect(input["format"] as? String == "gitlab.audit.api")
    #expect(input["records"] as? Int == 3)
    #expect(input["decoded"] as? Int == 2)
    #expect(input["rejected"] as? Int == 1)
    let rejection = try #require((input["rejections"] as? [[String: Any]])?.first)
    #expect(rejection["locator"] as? String == "\(path):#3@1011")
    let coverage = try #require(input["coverage"] as? [String: String])
    #expect(coverage == ["start": "2025-04-01T10:00:00Z", "end": "2025-04-02T10:00:00Z"])
    let totals = try #require(document["totals"] as? [String: Int])
    #expect(
      totals == [
        "inputs": 1, "records": 3, "decoded": 2, "skipped": 0, "rejected": 1, "events": 2, "facts": 0,
      ])
  }

  @Test func listFormatsShowsEachFormatOnceInIDOrder() throws {
    let run = try IDTrail.run(["inspect", "--list-formats"])
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    let ids = lines.map { String($0.prefix { $0 != " " }) }
    #expect(ids == ids.sorted())
    #expect(Set(ids).count == ids.count)
    #expect(
      lines.contains(
        "gitlab.audit.api             GitLab audit events from the REST API: JSON array pages or NDJSON"))
    #expect(
      lines.contains(
        "gitlab.audit.stream          GitLab streaming audit event payloads (event_type at the top level)"))
    #expect(lines.contains("gitlab.log.audit_json        GitLab audit_json.log lines"))
  }

  @Test func versionIsPrinted() throws {
    let run = try IDTrail.run(["--version"])
    #expect(run.status == 0)
    let version = run.stdout.split(separator: "\n").first.map(String.init) ?? ""
    let parts = version.split(separator: ".")
    #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "not a version: \(run.stdout)")
  }

  @Test func helpDocumentsTheSubcommandAndTheExitCodes() throws {
    let root = try IDTrail.run(["--help"])
    #expect(root.status == 0)
    // The help text is wrapped to the terminal; compare it with its white space collapsed.
    let text = root.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(text.contains("USAGE: idtrail <subcommand>"))
    #expect(text.contains("inspect Show each input's format"))
    #expect(text.contains("SUBCOMMANDS: report Write the access report for a period"))
    #expect(
      text.contains(
        "Exit codes: 0 success; 1 a control failed at or above --fail-on; 2 a control is unknown under --strict; "
          + "64 usage error; 65 no input could be read as any format; 74 an input could not be opened."))
    let inspect = try IDTrail.run(["inspect", "--help"])
    #expect(inspect.status == 0)
    for option in [
      "--json", "--format <format>", "--list-formats", "--as-of <as-of>", "--namespace <namespace>",
    ] {
      #expect(inspect.stdout.contains(option), "inspect --help lacks \(option)")
    }
  }

  // MARK: - Where inputs come from

  @Test func standardInputIsReadForDash() throws {
    let bytes = try Data(
      contentsOf: URL(fileURLWithPath: Paths.fixture("gitlab.audit.stream/payloads.ndjson")))
    let run = try IDTrail.run(["inspect", "-"], standardInput: bytes)
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(
      Array(lines.prefix(3)) == [
        "-", "  format    gitlab.audit.stream", "  records   7 = 5 decoded + 2 skipped + 0 rejected",
      ])
  }

  @Test func emptyStandardInputIsNotRecognised() throws {
    let run = try IDTrail.run(["inspect", "-"], standardInput: Data())
    #expect(run.status == 65)
    #expect(run.stdout.contains("  rejected  -:1: the input is empty"))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/gzip"), "needs /bin/gzip"))
  func gzipCompressedInputIsInflated() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let plain = folder + "/audit_json.log"
    try Paths.copyFixture("gitlab.log.audit_json/audit_json.log", to: plain)
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
    gzip.arguments = ["-9", plain]
    try gzip.run()
    gzip.waitUntilExit()
    #expect(gzip.terminationStatus == 0)
    let compressed = plain + ".gz"
    let run = try IDTrail.run(["inspect", compressed])
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(
      Array(lines.prefix(3)) == [
        compressed, "  format    gitlab.log.audit_json", "  records   6 = 4 decoded + 0 skipped + 2 rejected",
      ])
    #expect(
      lines.contains(
        "  rejected  \(compressed):5: created_at '2025-02-30T13:00:00.000Z' is not a valid RFC 3339 time"))
  }

  @Test func folderIsWalkedInByteOrderSkippingHiddenNames() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    try FileManager.default.createDirectory(atPath: folder + "/a", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: folder + "/.cache", withIntermediateDirectories: true)
    for (fixture, name) in [
      ("gitlab.audit.api/legacy_page.json", "b.json"), ("gitlab.audit.stream/payloads.ndjson", "a/z.ndjson"),
      ("gitlab.log.audit_json/audit_json.log", "a/y.log"), ("gitlab.audit.api/number_element.json", "C.json"),
      ("gitlab.audit.api/current_page.json", ".hidden.json"),
      ("gitlab.audit.api/current_page.json", ".cache/c.json"),
    ] {
      try Paths.copyFixture(fixture, to: folder + "/" + name)
    }
    let run = try IDTrail.run(["inspect", folder])
    #expect(run.status == 0)
    let inputs = run.stdout.split(separator: "\n").filter { $0.hasPrefix("/") }.map(String.init)
    #expect(inputs == ["C.json", "a/y.log", "a/z.ndjson", "b.json"].map { folder + "/" + $0 })
  }

  @Test(.enabled(if: Paths.corpusExists, "no ../shared/corpus/gitlab beside the repository"))
  func corpusFolderIsAccountedForInFull() throws {
    let run = try IDTrail.run(["inspect", "--json", Paths.corpus])
    #expect(run.status == 0)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let inputs = try #require(document["inputs"] as? [[String: Any]])
    #expect(inputs.count == 31)
    var formats: [String: Int] = [:]
    for input in inputs {
      let records = input["records"] as? Int ?? -1
      let parts = ["decoded", "skipped", "rejected"].map { input[$0] as? Int ?? -1 }
      #expect(records == parts.reduce(0, +), "\(input["path"] ?? "?")")
      formats[input["format"] as? String ?? "unrecognised", default: 0] += 1
    }
    #expect(formats["gitlab.audit.api"] == 4)
    #expect(formats["gitlab.audit.stream"] == 13)
    #expect(formats["gitlab.log.audit_json"] == 2)
  }
}

/// Runs the built `idtrail` binary.
enum IDTrail {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The binary: beside the test bundle in the build products folder (wherever `swift test`
  /// built it), or in `<repo>/.build/debug`.
  static let executable: String = {
    var candidates: [String] = []
    if let bundle = Bundle.main.executableURL?.deletingLastPathComponent().path {
      candidates.append(bundle + "/idtrail")
    }
    candidates.append(Paths.repository + "/.build/debug/idtrail")
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
  }()

  /// Runs `idtrail arguments…`, feeding `standardInput` (or nothing), and waits for it.
  static func run(_ arguments: [String], standardInput: Data? = nil) throws -> Run {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let outPath = folder + "/stdout"
    let errPath = folder + "/stderr"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    let input = Pipe()
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(standardInput ?? Data())
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    let stdout = try String(contentsOfFile: outPath, encoding: .utf8)
    let stderr = try String(contentsOfFile: errPath, encoding: .utf8)
    return Run(status: process.terminationStatus, stdout: stdout, stderr: stderr)
  }
}

/// Paths the CLI tests use: the repository, its fixtures, the corpus beside it, temporary folders.
enum Paths {
  static let repository: String = {
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)  // Tests/IDTrailCLITests/InspectCommandTests.swift
    return components.joined(separator: "/")
  }()

  static let corpus = repository + "/../shared/corpus/gitlab"

  static var corpusExists: Bool { FileManager.default.fileExists(atPath: corpus + "/../SOURCES.md") }

  /// A fixture of the ingest tests, by `<format>/<name>`.
  static func fixture(_ name: String) -> String {
    repository + "/Tests/IDTrailIngestTests/Fixtures/" + name
  }

  static func copyFixture(_ name: String, to path: String) throws {
    try FileManager.default.copyItem(atPath: fixture(name), toPath: path)
  }

  static func remove(_ folder: String) {
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// A new empty folder under the system's temporary folder.
  static func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.path + "/idtrail-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
