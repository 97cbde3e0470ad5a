import Foundation
import IDTrailIngest
import IDTrailModel

/// Fixture, corpus and assertion helpers for the GitLab log and SCIM decoder tests.
enum LogsSCIMTestSupport {
  /// The repository checkout these tests live in.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Decoders
    .deletingLastPathComponent()  // IDTrailIngestTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// The shared third-party corpus beside the checkout (`<repo>/../shared/corpus`), when present.
  static let corpusRoot: URL? = {
    let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }()

  static func fixturePath(_ format: String, _ name: String) -> String {
    repositoryRoot.appendingPathComponent("Tests/IDTrailIngestTests/Fixtures/\(format)/\(name)").path
  }

  /// Decodes a fixture with `decoder`.
  static func decode(_ decoder: any FormatDecoder, fixture format: String, _ name: String) throws
    -> DecodedInput
  {
    let input = try InputBytes.open(fixturePath(format, name))
    return decoder.decode(input, options: DecodeOptions())
  }

  /// Decodes in-memory text with `decoder`.
  static func decode(_ decoder: any FormatDecoder, text: String, path: String = "inline") -> DecodedInput {
    decoder.decode(InputBytes(path: path, bytes: Array(text.utf8)), options: DecodeOptions())
  }

  /// Sniffs and decodes a file the way `idtrail inspect` does.
  static func ingest(_ path: String) throws -> DecodedInput {
    Ingest.decode(try InputBytes.open(path))
  }

  /// The format the registry picks for a fixture.
  static func sniffedFormat(fixture format: String, _ name: String) throws -> FormatID? {
    let input = try InputBytes.open(fixturePath(format, name))
    return input.withBytes { FormatSniffer.decoder(for: $0, among: DecoderRegistry.all)?.format }
  }

  /// Everything an input yielded, as the JSON a report would carry (for secret scans).
  static func encoded(_ output: DecodedInput) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let events = try encoder.encode(output.events)
    let facts = try encoder.encode(output.facts)
    let rejections = try encoder.encode(output.rejections)
    let skipped = try encoder.encode(output.skipped)
    return [events, facts, rejections, skipped].map { String(decoding: $0, as: UTF8.self) }.joined(
      separator: "\n")
  }

  /// Identifiers from kind/value pairs; an invalid pair is dropped, so a count check catches it.
  static func ids(_ pairs: (IdentifierKind, String)...) -> [Identifier] {
    pairs.compactMap { Identifier($0.0, $0.1) }
  }

  /// The events decoded from line `line` of `path`.
  static func events(_ output: DecodedInput, line: Int) -> [IdentityEvent] {
    output.events.filter { $0.locator == .line(line, in: output.path) }
  }

  /// The single event of line `line`, or nil when there is not exactly one.
  static func event(_ output: DecodedInput, line: Int) -> IdentityEvent? {
    let found = events(output, line: line)
    return found.count == 1 ? found[0] : nil
  }

  /// The events decoded from record `index` (1-based) of an array or envelope input.
  static func events(_ output: DecodedInput, record index: Int) -> [IdentityEvent] {
    output.events.filter {
      if case .record(let found, _) = $0.locator.position { return found == index }
      return false
    }
  }

  /// The single event of record `index`, or nil when there is not exactly one.
  static func event(_ output: DecodedInput, record index: Int) -> IdentityEvent? {
    let found = events(output, record: index)
    return found.count == 1 ? found[0] : nil
  }

  /// The rejection reasons by record index, for array and envelope inputs.
  static func rejectionsByRecord(_ output: DecodedInput) -> [Int: String] {
    var byIndex: [Int: String] = [:]
    for rejection in output.rejections {
      if case .record(let index, _) = rejection.locator.position { byIndex[index] = rejection.reason }
    }
    return byIndex
  }

  /// The rejection reasons by line, for line formats.
  static func rejectionsByLine(_ output: DecodedInput) -> [Int: String] {
    var byLine: [Int: String] = [:]
    for rejection in output.rejections {
      if case .line(let line) = rejection.locator.position { byLine[line] = rejection.reason }
    }
    return byLine
  }

  static func time(_ text: String) -> Timestamp? { TimestampParser.parse(text) }
}
