import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `idtrail check`, run as a CI job runs it: the built binary on fixture files, with its summary,
/// exit code and the JUnit and Code Quality files checked.
@Suite struct CheckCommandTests {
  private static let now = "2026-10-01T00:00:00Z"
  /// One high privileged-access finding.
  private static let stream = Paths.fixture("gitlab.audit.stream/payloads.ndjson")
  /// No finding at or above high; several controls unknown.
  private static let okta = Paths.fixture("okta.systemlog/page.json")
  /// Findings of every severity from info to high.
  private static let apiPage = Paths.fixture("gitlab.audit.api/current_page.json")

  // MARK: - Exit codes

  @Test func findingAtOrAboveTheThresholdExitsWith1() throws {
    let run = try IDTrail.run(["check", Self.stream, "--now", Self.now])
    #expect(run.status == 1)
    #expect(
      run.stdout == """
        idtrail: 2025-02-01T10:20:00Z to 2025-02-04T08:00:00Z; 1 inputs, 3 people, 0 episodes
          unknown        evidence-coverage
          pass           impersonation
          unknown        leaver-incomplete
          unknown        leaver-sla
          unknown        manual-access-change
          pass           mfa-weakened
          unknown        orphan-account
          unknown        post-termination-activity
          fail           privileged-access (1 finding)
          unknown        provisioning-failure
          unknown        scim-token-rotation
          unknown        token-hygiene
          pass           unmanaged-provisioning
          high privileged-access: Noor Haddad granted Owner on acme by Jane Owner by hand in the UI (was Developer)
        check failed: 1 finding at or above --fail-on high

        """)
    // Not a terminal: no colour, no progress line.
    #expect(run.stderr == "")
  }

  @Test func noFindingAtOrAboveTheThresholdExitsWith0() throws {
    let run = try IDTrail.run(["check", Self.okta, "--now", Self.now])
    #expect(run.status == 0)
    #expect(run.stdout.contains("  fail           provisioning-failure (1 finding)\n"))
    #expect(run.stdout.hasSuffix("\ncheck passed\n"))
  }

  @Test func unknownControlsExitWith2UnderStrict() throws {
    let run = try IDTrail.run(["check", Self.okta, "--now", Self.now, "--strict"])
    #expect(run.status == 2)
    #expect(
      run.stdout.hasSuffix(
        "\ncheck inconclusive: unknown controls under --strict: evidence-coverage, impersonation, leaver-sla, "
          + "manual-access-change, mfa-weakened, orphan-account, post-termination-activity, privileged-access, "
          + "token-hygiene, unmanaged-provisioning\n"))
  }

  @Test func aFailingFindingWinsOverStrict() throws {
    #expect(try IDTrail.run(["check", Self.stream, "--now", Self.now, "--strict"]).status == 1)
  }

  @Test(arguments: [("critical", Int32(0)), ("high", 1), ("medium", 1), ("info", 1)])
  func failOnSetsTheThreshold(severity: String, status: Int32) throws {
    let run = try IDTrail.run(["check", Self.apiPage, "--now", Self.now, "--fail-on", severity])
    #expect(run.status == status)
  }

  @Test func failOnListsTheCountingFindingsMostSevereFirst() throws {
    let run = try IDTrail.run(["check", Self.apiPage, "--now", Self.now, "--fail-on", "info"])
    let findings = run.stdout.split(separator: "\n").filter {
      !$0.hasPrefix("idtrail:") && !$0.hasPrefix("check")
    }
    .map { $0.split(separator: " ").first.map(String.init) ?? "" }
    .filter { ["critical", "high", "medium", "low", "info"].contains($0) }
    #expect(findings == ["high", "high", "high", "medium", "info"])
    #expect(run.stdout.hasSuffix("check failed: 5 findings at or above --fail-on info\n"))
  }

  @Test func baselineFailsOnlyOnNewFindings() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let report = try IDTrail.run([
      "report", Self.stream, "--now", Self.now, "--format", "json", "--out", folder,
    ])
    #expect(report.status == 0)
    let baseline = folder + "/report.json"
    let same = try IDTrail.run(["check", Self.stream, "--now", Self.now, "--baseline", baseline])
    #expect(same.status == 0)
    #expect(same.stdout.hasSuffix("\ncheck passed\n"))
    // Another input's findings are all new against this baseline.
    let other = try IDTrail.run(["check", Self.apiPage, "--now", Self.now, "--baseline", baseline])
    #expect(other.status == 1)
    #expect(other.stdout.hasSuffix("check failed: 3 findings at or above --fail-on high\n"))
  }

  @Test func unreadableInputExitsWith74() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let missing = folder + "/missing.json"
    let run = try IDTrail.run(["check", Self.okta, missing, "--now", Self.now])
    #expect(run.status == 74)
    #expect(run.stderr == "idtrail: \(missing): cannot open: No such file or directory\n")
    #expect(run.stdout == "")
  }

  @Test func unrecognisedInputExitsWith65() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let path = folder + "/program.bin"
    try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: URL(fileURLWithPath: path))
    let run = try IDTrail.run(["check", path, "--now", Self.now])
    #expect(run.status == 65)
    #expect(run.stderr == "idtrail: no input was recognised as any format\n")
  }

  @Test(arguments: [
    (["check", "--now", now], "give at least one INPUT (a file, a folder, or - for standard input)"),
    (
      ["check", okta, "--fail-on", "severe"],
      "--fail-on 'severe' is not one of critical, high, medium, low, info"
    ),
    (
      ["check", okta, "--period", "2026-Q5"],
      "--period '2026-Q5' is not a quarter (2026-Q3), a month (2026-09) or a year (2026)"
    ),
    (["check", okta, "--from", "2026-07-01"], "--from and --to go together"),
    (
      ["check", okta, "--period", "2026-Q3", "--from", "2026-07-01", "--to", "2026-07-02"],
      "give either --period or --from/--to, not both"
    ),
    (
      ["check", okta, "--from", "July", "--to", "2026-07-02"],
      "--from 'July' is not a date (2026-07-01) or an RFC 3339 time"
    ),
    (
      ["check", okta, "--from", "2026-07-10", "--to", "2026-07-01"],
      "the period ends before it starts (--from 2026-07-10 is after --to 2026-07-01)"
    ),
    (
      ["check", okta, "--now", "yesterday"],
      "--now 'yesterday' is not an RFC 3339 time such as 2026-10-01T00:00:00Z"
    ),
    (
      ["check", okta, "--baseline", "/nonexistent/report.json"],
      "cannot read --baseline /nonexistent/report.json; give the report.json of an earlier run"
    ),
    (["check", okta, "--baseline", okta], "--baseline \(okta) is not an idtrail report.json (DecodingError"),
  ])
  func badFlagsExitWith64(arguments: [String], message: String) throws {
    let run = try IDTrail.run(arguments)
    #expect(run.status == 64)
    #expect(run.stderr.contains("Error: " + message), "stderr: \(run.stderr)")
    #expect(run.stderr.contains("Usage: idtrail check"), "stderr: \(run.stderr)")
    #expect(run.stdout == "")
  }

  // MARK: - Files for the pipeline

  @Test func writesJUnitAndCodeQualityFiles() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let junit = folder + "/junit.xml"
    let quality = folder + "/gl-code-quality-report.json"
    let run = try IDTrail.run([
      "check", Self.apiPage, "--now", Self.now, "--junit", junit, "--codequality", quality,
    ])
    #expect(run.status == 1)

    let xml = try Data(contentsOf: URL(fileURLWithPath: junit))
    let suites = JUnitSuites()
    let parser = XMLParser(data: xml)
    parser.delegate = suites
    #expect(parser.parse(), "junit.xml is not well-formed: \(String(describing: parser.parserError))")
    #expect(suites.names == ["CC6.1", "CC6.2", "CC6.3", "CC7.2"])
    #expect(suites.failures == ["CC6.1": 1, "CC6.2": 1, "CC6.3": 1, "CC7.2": 0])

    let issues = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: quality)))
        as? [[String: Any]])
    #expect(issues.count == 5)
    for issue in issues {
      #expect(Set(issue.keys) == ["description", "check_name", "fingerprint", "severity", "location"])
      let location = try #require(issue["location"] as? [String: Any])
      #expect(location["path"] as? String == Self.apiPage)
      #expect(((location["lines"] as? [String: Any])?["begin"] as? Int).map { $0 >= 1 } == true)
    }
    #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == 5)
    #expect(
      issues.compactMap { $0["severity"] as? String }.sorted() == [
        "info", "major", "major", "major", "minor",
      ])
  }

  @Test func unwritableJUnitFileExitsWith74() throws {
    let run = try IDTrail.run(["check", Self.okta, "--now", Self.now, "--junit", "/nonexistent/junit.xml"])
    #expect(run.status == 74)
    #expect(
      run.stderr
        == "idtrail: cannot write /nonexistent/junit.xml: the folder /nonexistent does not exist; create it or choose another path\n"
    )
  }

  // MARK: - Terminal

  @Test(.enabled(if: PseudoTerminal.isAvailable, "needs util-linux script(1) for a pseudo-terminal"))
  func colourOnlyOnATerminalAndNeverWithNoColor() throws {
    let arguments = ["check", Self.stream, "--now", Self.now]
    let terminal = try PseudoTerminal.run(arguments, environment: ["TERM": "xterm"])
    #expect(terminal.status == 1)
    #expect(terminal.output.contains("  \u{1B}[31mfail          \u{1B}[0m privileged-access (1 finding)"))
    #expect(terminal.output.contains("  \u{1B}[31mhigh\u{1B}[0m privileged-access: Noor Haddad"))
    let noColor = try PseudoTerminal.run(arguments, environment: ["TERM": "xterm", "NO_COLOR": "1"])
    #expect(noColor.status == 1)
    #expect(!noColor.output.contains("\u{1B}["))
    #expect(noColor.output.contains("  fail           privileged-access (1 finding)"))
    let dumb = try PseudoTerminal.run(arguments, environment: ["TERM": "dumb"])
    #expect(!dumb.output.contains("\u{1B}["))
    // no-color.org: an empty NO_COLOR does not turn colour off.
    let empty = try PseudoTerminal.run(arguments, environment: ["TERM": "xterm", "NO_COLOR": ""])
    #expect(empty.output.contains("\u{1B}[31m"))
    // A pipe is not a terminal.
    #expect(!(try IDTrail.run(arguments).stdout.contains("\u{1B}")))
  }
}

/// Counts the test suites of a JUnit file and their failures.
private final class JUnitSuites: NSObject, XMLParserDelegate {
  var names: [String] = []
  var failures: [String: Int] = [:]

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if name == "testsuite", let suite = attributes["name"] {
      names.append(suite)
      failures[suite] = 0
    }
    if name == "failure", let suite = names.last { failures[suite, default: 0] += 1 }
  }
}

/// Runs the built binary on a pseudo-terminal through util-linux `script`, as from a user's shell:
/// standard output and error both reach the terminal, which echoes them into `output`.
enum PseudoTerminal {
  static let script = "/usr/bin/script"

  static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: script) }

  /// Runs `idtrail arguments…` with `environment` over the test's own (a nil-free override);
  /// `NO_COLOR` is removed first unless `environment` sets it.
  static func run(_ arguments: [String], environment: [String: String]) throws -> (
    status: Int32, output: String
  ) {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let outPath = folder + "/output"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    var variables = ProcessInfo.processInfo.environment
    variables["NO_COLOR"] = nil
    variables.merge(environment) { _, new in new }
    let command = ([IDTrail.executable] + arguments).map(quoted).joined(separator: " ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: script)
    process.arguments = ["-qec", command, "/dev/null"]
    process.environment = variables
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let output = try String(contentsOfFile: outPath, encoding: .utf8)
    return (process.terminationStatus, output.replacingOccurrences(of: "\r\n", with: "\n"))
  }

  private static func quoted(_ argument: String) -> String {
    "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
