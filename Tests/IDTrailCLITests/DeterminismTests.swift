import Foundation
import Glibc
import Testing

/// The same inputs give byte-identical files in every output format: named in another order, read
/// by another process (another hash seed), and read on one thread or many.
///
/// idtrail splits NDJSON and XML inputs of 4 MiB or more over the processors it sees
/// (`sysconf(_SC_NPROCESSORS_ONLN)`, four parts per processor); it has no option or variable that
/// sets the thread count. So the test runs the binary in a private mount namespace where
/// `/sys/devices/system/cpu/online` reads `0` (one processor, one part) or `0-15` (sixteen, 64
/// parts), which needs root and `unshare`; elsewhere that test is skipped and says why.
@Suite struct DeterminismTests {
  static let formats = "html,json,csv,md,junit,codequality,metrics"

  /// How many processors idtrail is made to see.
  enum Processors {
    case machine, one, sixteen

    var onlineList: String? {
      switch self {
      case .machine: return nil
      case .one: return "0"
      case .sixteen: return "0-15"
      }
    }
  }

  /// Whether this machine lets the test make idtrail see another number of processors.
  static let canSetProcessors: Bool = {
    guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else {
      return false
    }
    guard let folder = try? Paths.temporaryFolder() else { return false }
    defer { Paths.remove(folder) }
    let seen = try? run("/usr/bin/getconf", ["_NPROCESSORS_ONLN"], processors: .one, folder: folder)
    return seen?.stdout == "1\n"
  }()

  /// Runs `executable arguments…`, seeing `processors`, and returns its exit status and output.
  @discardableResult
  static func run(_ executable: String, _ arguments: [String], processors: Processors, folder: String) throws
    -> (status: Int32, stdout: String)
  {
    let process = Process()
    if let list = processors.onlineList {
      let online = folder + "/online-\(list)"
      try Data((list + "\n").utf8).write(to: URL(fileURLWithPath: online))
      process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
      process.arguments =
        [
          "--mount", "--", "/bin/sh", "-c", #"mount --bind "$0" /sys/devices/system/cpu/online && exec "$@""#,
          online,
          executable,
        ] + arguments
    } else {
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
    }
    let outPath = folder + "/stdout-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, try String(contentsOfFile: outPath, encoding: .utf8))
  }

  // MARK: - Inputs

  /// Writes inputs past the 4 MiB split threshold into `folder`: an `audit_json.log` of 3,600
  /// membership changes, and a Windows Security export of 3,000 account events, each event after a
  /// comment that holds `<Event` and some with `<Event` in a CDATA section (split points must skip
  /// both). Returns their paths.
  static func writeLargeInputs(into folder: String) throws -> [String] {
    let padding = String(repeating: "x", count: 1200)
    var audit = ""
    for index in 0..<3600 {
      let time = "2025-02-\(pad(1 + index / 200))T\(pad(index / 10 % 20)):\(pad(index % 60)):00.000Z"
      let user = "user\(index * 7 % 211)"
      let event = ["member_created", "member_destroyed", "member_updated"][index % 3]
      audit +=
        #"{"severity":"INFO","time":"\#(time)","id":\#(100_000 + index),"author_id":12,"entity_id":\#(345 + index % 4),"#
        + #""entity_type":"Group","author_name":"Jane Owner","entity_path":"acme/team\#(index % 4)","#
        + #""target_details":"\#(user)","created_at":"\#(time)","target_type":"User","target_id":\#(500 + index * 7 % 211),"#
        + #""add":"user_access","as":"Guest","member_id":\#(9000 + index),"event_name":"\#(event)","#
        + #""author_class":"User","custom_message":"\#(padding)"}"# + "\n"
    }
    var security = "<Events>\n"
    for index in 0..<3000 {
      let time = "2025-03-\(pad(1 + index / 120))T\(pad(index / 5 % 24)):\(pad(index % 60)):00.0000000Z"
      let eventID = [4720, 4722, 4725, 4726, 4738][index % 5]
      let note = index % 7 == 0 ? "<![CDATA[<Event> quoted]]>" : "-"
      security +=
        "<!-- copied from an <Event> view -->"
        + #"<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>"#
        + #"<Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>\#(eventID)</EventID>"#
        + #"<TimeCreated SystemTime="\#(time)"/><EventRecordID>\#(index)</EventRecordID><Computer>DC01</Computer>"#
        + #"</System><EventData><Data Name="TargetUserName">user\#(index * 7 % 211)</Data>"#
        + #"<Data Name="TargetDomainName">CORP</Data><Data Name="SubjectUserName">jane</Data>"#
        + #"<Data Name="Note">\#(note)</Data><Data Name="Padding">\#(padding)</Data></EventData></Event>"#
        + "\n"
    }
    security += "</Events>\n"
    let auditPath = folder + "/large/audit_json.log"
    let securityPath = folder + "/large/security.xml"
    try FileManager.default.createDirectory(atPath: folder + "/large", withIntermediateDirectories: true)
    try Data(audit.utf8).write(to: URL(fileURLWithPath: auditPath))
    try Data(security.utf8).write(to: URL(fileURLWithPath: securityPath))
    #expect(audit.utf8.count > 4 << 20 && security.utf8.count > 4 << 20)
    return [auditPath, securityPath]
  }

  private static func pad(_ number: Int) -> String {
    number < 10 ? "0\(number)" : "\(number)"
  }

  /// Every fixture file of the ingest tests (what the folder walk takes), one by one, in an order
  /// fixed by `seed`.
  static func shuffledFixtureFiles(seed: UInt64) throws -> [String] {
    let root = Paths.repository + "/Tests/IDTrailIngestTests/Fixtures"
    var files = try FileManager.default.subpathsOfDirectory(atPath: root).sorted()
      .map { root + "/" + $0 }
      .filter { path in
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
          && !(path as NSString).lastPathComponent.hasPrefix(".")
      }
    var generator = SplitMix64(state: seed)
    files.shuffle(using: &generator)
    return files
  }

  /// SplitMix64, so that the shuffled order is the same on every platform.
  struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  // MARK: - Runs

  /// The files `idtrail report` wrote for `inputs`, by name, and its console summary (with the
  /// output folder's path taken out).
  static func report(_ inputs: [String], processors: Processors, folder: String) throws
    -> (files: [String: Data], console: String)
  {
    let out = folder + "/out-" + UUID().uuidString
    let (status, stdout) = try run(
      IDTrail.executable,
      ["report", "--now", "2025-06-01T00:00:00Z", "--format", formats, "--sample", "5", "--out", out]
        + inputs,
      processors: processors, folder: folder)
    #expect(status == 0, "idtrail report exits 0 (only check judges the controls)")
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: out) {
      files[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
    }
    return (files, stdout.replacingOccurrences(of: out, with: "OUT"))
  }

  /// Expects `other` to be `reference`, byte for byte, naming the first file that differs.
  static func expectIdentical(
    _ other: (files: [String: Data], console: String), to reference: (files: [String: Data], console: String),
    _ what: String
  ) {
    #expect(other.files.keys.sorted() == reference.files.keys.sorted(), "\(what): other files")
    for (name, contents) in reference.files.sorted(by: { $0.key < $1.key }) {
      #expect(other.files[name] == contents, "\(what): \(name) differs")
    }
    #expect(other.console == reference.console, "\(what): the console summary differs")
  }

  @Test func inputOrderAndAnotherProcessChangeNoByte() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let large = try Self.writeLargeInputs(into: folder)
    let fixtures = Paths.repository + "/Tests/IDTrailIngestTests/Fixtures"
    let reference = try Self.report([fixtures] + large, processors: .machine, folder: folder)
    #expect(reference.files.count == 12, "11 report files and the termination sample")
    let reversed = try Self.report(large.reversed() + [fixtures], processors: .machine, folder: folder)
    Self.expectIdentical(reversed, to: reference, "inputs reversed")
    let shuffled = try Self.report(
      try Self.shuffledFixtureFiles(seed: 42) + large, processors: .machine, folder: folder)
    Self.expectIdentical(shuffled, to: reference, "fixture files one by one, shuffled")
  }

  @Test(
    .enabled(
      if: DeterminismTests.canSetProcessors,
      "needs root and unshare to make idtrail see one or sixteen processors"))
  func oneThreadOrManyChangeNoByte() throws {
    let folder = try Paths.temporaryFolder()
    defer { Paths.remove(folder) }
    let inputs =
      [Paths.repository + "/Tests/IDTrailIngestTests/Fixtures"] + (try Self.writeLargeInputs(into: folder))
    let reference = try Self.report(inputs, processors: .machine, folder: folder)
    for processors in [Processors.one, .sixteen] {
      let other = try Self.report(inputs.reversed(), processors: processors, folder: folder)
      Self.expectIdentical(other, to: reference, "\(processors) processor(s), inputs reversed")
    }
  }
}
