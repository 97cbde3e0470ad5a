import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// Every record of every test input is counted exactly once: `records = decoded + skipped +
/// rejected`, whether the sniffer picks the decoder or any decoder is forced on the input, over the
/// fixtures and (where present) the shared corpus.
@Suite struct AccountingTests {
  private static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `<repo>/../shared/corpus`, absent in a user's clone.
  private static let corpus = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/corpus").path

  /// Every regular file under a `Fixtures` folder of the test targets, README files aside.
  static func fixtureFiles() throws -> [String] {
    let root = testsFolder.path
    return try FileManager.default.subpathsOfDirectory(atPath: root).sorted()
      .filter { $0.contains("/Fixtures/") && !$0.hasSuffix(".md") }
      .map { root + "/" + $0 }
      .filter(isRegularFile)
  }

  static func corpusFiles() throws -> [String] {
    try FileManager.default.subpathsOfDirectory(atPath: corpus).sorted()
      .filter { !$0.hasSuffix(".md") }
      .map { corpus + "/" + $0 }
      .filter(isRegularFile)
  }

  private static func isRegularFile(_ path: String) -> Bool {
    (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
  }

  /// Checks the accounting of `input`, read from `bytes`, and says which decoding it was.
  private static func expectAccounted(_ input: DecodedInput, bytes: InputBytes, kept: Int, _ what: String) {
    #expect(input.records == input.decoded + input.skippedCount + input.rejectedCount, "\(what)")
    #expect(input.rejections.count == min(input.rejectedCount, kept), "\(what)")
    #expect(input.skipped.values.allSatisfy { $0 > 0 }, "\(what)")
    #expect(
      input.events.allSatisfy { $0.locator.path == bytes.path },
      "\(what): an event locator names another input")
    #expect(input.rejections.allSatisfy { $0.locator.path == bytes.path }, "\(what)")
  }

  private static func check(_ files: [String]) throws {
    for file in files {
      let bytes = try InputBytes.open(file)
      let sniffed = Ingest.decode(bytes)
      expectAccounted(
        sniffed, bytes: bytes, kept: 1000, "\(file) (sniffed as \(sniffed.format?.rawValue ?? "none"))")
      for decoder in DecoderRegistry.all {
        let forced = Ingest.decode(bytes, forced: decoder, options: DecodeOptions(keptRejections: 2))
        expectAccounted(forced, bytes: bytes, kept: 2, "\(file) forced as \(decoder.format)")
      }
    }
  }

  @Test func everyFixtureIsAccountedByEveryDecoder() throws {
    let files = try Self.fixtureFiles()
    #expect(files.count > 60)
    try Self.check(files)
  }

  // The shared corpus lives beside the repository on the project's machines, not in a user's clone.
  @Test(
    .enabled(if: FileManager.default.fileExists(atPath: corpus), "no ../shared/corpus beside the repository"))
  func everyCorpusSampleIsAccountedByEveryDecoder() throws {
    let files = try Self.corpusFiles()
    #expect(files.count > 100)
    try Self.check(files)
  }
}
