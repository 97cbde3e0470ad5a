import Dispatch
import Foundation
import Glibc
import IDTrailIngest
import IDTrailModel
import Testing

extension HostileInputTests {
  /// What a folder or a file can be besides a readable file: a gzip bomb, symbolic-link loops,
  /// broken links, FIFOs, devices, unreadable files, and a folder of every format at once.
  @Suite struct FileSystemTests {
    // MARK: - Gzip

    @Test func aGzipBombIsRefusedAtTheRatioLimit() throws {
      let inflated = 64 << 20
      let bomb = GzipWriter.compress(repeating: 0, count: inflated)
      try #require(inflated / bomb.count > InputLimits.default.maximumInflationRatio, "zlib's best ratio")
      let workspace = try HostileWorkspace()
      let file = try workspace.write("audit_json.log.gz", bomb)
      let (outcome, growth) = PeakMemory.measure {
        Result { () throws(InputError) in try InputBytes.open(file) }
      }
      let cap = bomb.count * InputLimits.default.maximumInflationRatio
      #expect(
        throws: InputError.inflationLimit(
          path: file,
          limit: "more than \(cap) bytes from \(bomb.count) compressed (limit 1000× or 17179869184 bytes)")
      ) { try outcome.get() }
      // The inflated bytes stop at the cap (64 MB here; 64 MB measured); their array may double once.
      if let growth { #expect(growth < PeakMemory.limit(needing: 2 * 64), "peak grew by \(growth >> 20) MB") }
      #expect(
        "\(InputError.inflationLimit(path: file, limit: "L"))"
          == "\(file): refused to inflate: L (a decompression bomb?)")
    }

    @Test func aGzipInputOverTheSizeLimitIsRefused() throws {
      var text: [UInt8] = []
      for id in 0..<20_000 {
        text +=
          Array(HostileRecords.auditJSONLine.replacingOccurrences(of: "90500", with: String(id)).utf8) + [
            0x0A
          ]
      }
      let gzip = GzipWriter.compress(text)
      let workspace = try HostileWorkspace()
      let file = try workspace.write("audit_json.log.gz", gzip)
      let limits = InputLimits(maximumInflatedBytes: 1 << 20, maximumInflationRatio: 1000)
      #expect(
        throws: InputError.inflationLimit(
          path: file,
          limit: "more than \(1 << 20) bytes from \(gzip.count) compressed (limit 1000× or 1048576 bytes)")
      ) { try InputBytes.open(file, limits: limits) }
      // Within the default limits the same file reads like the plain text.
      let opened = try InputBytes.open(file)
      #expect(opened.origin == .gzip && opened.count == text.count)
      let decoded = Ingest.decode(opened)
      #expect(decoded.format == .gitlabAuditJSONLog && decoded.decoded == 20_000)
    }

    @Test func aCutGzipStreamIsRefusedAsTruncated() throws {
      let gzip = GzipWriter.compress(Array((HostileRecords.auditJSONLine + "\n").utf8))
      let workspace = try HostileWorkspace()
      let file = try workspace.write("audit_json.log.gz", Array(gzip.prefix(gzip.count / 2)))
      #expect(
        throws: InputError.corruptGzip(
          path: file, reason: "the stream ends before its trailer (truncated file?)")
      ) {
        try InputBytes.open(file)
      }
    }

    // MARK: - Folders

    /// A folder holding a link to itself, a link back up, a link to itself by name, two links that
    /// point at each other, a broken link, a FIFO, a file nobody may read and two readable files:
    /// the walk ends, lists each problem once, and reads what can be read.
    @Test func aFolderOfLinkLoopsBrokenLinksAndAFIFOIsWalkedOnce() throws {
      let workspace = try HostileWorkspace()
      let root = workspace.path + "/inputs"
      try workspace.write("inputs/f.log", text: HostileRecords.auditJSONLine + "\n")
      try workspace.write("inputs/sub/g.log", text: HostileRecords.auditJSONLine + "\n")
      let unreadable = try workspace.write(
        "inputs/e-unreadable.log", text: HostileRecords.auditJSONLine + "\n")
      #expect(chmod(unreadable, 0) == 0)
      #expect(symlink(".", root + "/a-loop") == 0)
      #expect(symlink("b-self", root + "/b-self") == 0)
      #expect(symlink("no-such-file", root + "/c-dangling") == 0)
      #expect(mkfifo(root + "/d.fifo", 0o600) == 0)
      #expect(symlink("h-pong", root + "/h-ping") == 0)
      #expect(symlink("h-ping", root + "/h-pong") == 0)
      #expect(symlink("..", root + "/sub/up") == 0)

      let collection = InputCollector.collect([root])
      #expect(collection.paths == [root + "/e-unreadable.log", root + "/f.log", root + "/sub/g.log"])
      #expect(
        collection.problems == [
          .cannotOpen(path: root + "/b-self", reason: "broken symbolic link"),
          .cannotOpen(path: root + "/c-dangling", reason: "broken symbolic link"),
          .notARegularFile(path: root + "/d.fifo"),
          .cannotOpen(path: root + "/h-ping", reason: "broken symbolic link"),
          .cannotOpen(path: root + "/h-pong", reason: "broken symbolic link"),
        ])

      let (inputs, errors) = Ingest.decodeAll(collection.paths)
      if geteuid() == 0 {
        // Permissions do not stop root: the file is read like the others.
        #expect(errors.isEmpty)
        #expect(inputs.map(\.decoded) == [1, 1, 1])
      } else {
        #expect(errors == [.cannotOpen(path: unreadable, reason: "Permission denied")])
        #expect(inputs.map(\.decoded) == [1, 1])
      }
    }

    @Test func devicesAndFIFOsNamedDirectlyAreNotRead() throws {
      let workspace = try HostileWorkspace()
      let fifo = workspace.path + "/named.fifo"
      #expect(mkfifo(fifo, 0o600) == 0)
      let collection = InputCollector.collect(["/dev/zero", fifo])
      #expect(collection.paths.isEmpty)
      #expect(collection.problems == [.notARegularFile(path: "/dev/zero"), .notARegularFile(path: fifo)])
    }

    /// Opening a FIFO must not wait for a writer. Should it wait, a writer opened after five
    /// seconds lets the test end and fail, rather than hang.
    @Test func openingAFIFODoesNotWaitForAWriter() throws {
      let workspace = try HostileWorkspace()
      let fifo = workspace.path + "/named.fifo"
      #expect(mkfifo(fifo, 0o600) == 0)
      let opened = DispatchSemaphore(value: 0)
      DispatchQueue.global().async {
        if opened.wait(timeout: .now() + 5) == .timedOut {
          let writer = Glibc.open(fifo, O_WRONLY)
          if writer >= 0 { close(writer) }
        }
      }
      let start = DispatchTime.now()
      #expect(throws: InputError.notARegularFile(path: fifo)) { try InputBytes.open(fifo) }
      opened.signal()
      #expect(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds < 4_000_000_000)
    }

    /// One input of every format, renamed so that nothing but content tells them apart, with a
    /// binary file, unknown text and a gzip-compressed input among them: each is read as when it
    /// is read alone.
    @Test func aFolderOfEveryFormatReadsEachAsItsOwn() throws {
      let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path
      let workspace = try HostileWorkspace()
      var expected: [String: FormatID?] = [:]
      var index = 0
      for folder in try FileManager.default.contentsOfDirectory(atPath: fixtures).sorted() {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures + "/" + folder).sorted()
        // The first fixture that, read alone, is in its folder's format.
        for name in names where !name.hasSuffix(".md") {
          let source = fixtures + "/" + folder + "/" + name
          guard Ingest.decode(try InputBytes.open(source)).format?.rawValue == folder else { continue }
          index += 1
          let copy = try workspace.write(
            "mixed/input-\(index)", [UInt8](try Data(contentsOf: URL(fileURLWithPath: source))))
          expected[copy] = FormatID(rawValue: folder)
          break
        }
      }
      #expect(expected.count == 18, "a fixture of every format")
      let gzip = try workspace.write(
        "mixed/input-gz", GzipWriter.compress(Array((HostileRecords.auditJSONLine + "\n").utf8)))
      expected[gzip] = .gitlabAuditJSONLog
      let binary = try workspace.write(
        "mixed/input-bin", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
      expected[binary] = .some(nil)
      let prose = try workspace.write(
        "mixed/input-txt", text: "Dear auditor,\nplease find the logs attached.\n")
      expected[prose] = .some(nil)

      let collection = InputCollector.collect([workspace.path + "/mixed"])
      #expect(collection.problems.isEmpty)
      #expect(Set(collection.paths) == Set(expected.keys))
      let (inputs, errors) = Ingest.decodeAll(collection.paths)
      #expect(errors.isEmpty)
      for input in inputs {
        #expect(input.format == expected[input.path] ?? nil, "\(input.path)")
        #expect(input.records == input.decoded + input.skippedCount + input.rejectedCount)
        let alone = Ingest.decode(try InputBytes.open(input.path))
        #expect(input.events == alone.events && input.facts == alone.facts, "\(input.path)")
      }
      let unrecognised = inputs.filter { $0.format == nil }.flatMap(\.rejections)
      #expect(
        unrecognised.map(\.reason).sorted() == [
          "no format recognises this content; 'idtrail inspect --list-formats' lists them, and --format forces one",
          "the input looks binary (it holds NUL bytes); no format reads it",
        ])
    }
  }
}
