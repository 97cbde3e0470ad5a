import Foundation
import IDTrailIngest
import IDTrailModel

/// Opens fixtures of the XML formats and the shared corpus for the XML decoder tests.
enum XMLDecoderTestSupport {
  /// `Tests/IDTrailIngestTests/Fixtures`, found from this file's path.
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// The workplace's shared corpus (`<repo>/../shared/corpus`), absent in a user's clone.
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/corpus")

  static var corpusIsPresent: Bool { FileManager.default.fileExists(atPath: corpus.path) }

  /// The path of fixture `name` of `format`.
  static func path(_ format: FormatID, _ name: String) -> String {
    fixtures.appendingPathComponent(format.rawValue).appendingPathComponent(name).path
  }

  /// Decodes fixture `name` with `decoder`.
  static func decode(
    _ decoder: any FormatDecoder, _ name: String, options: DecodeOptions = DecodeOptions()
  ) throws -> DecodedInput {
    decoder.decode(try InputBytes.open(path(decoder.format, name)), options: options)
  }

  /// Decodes `text` as an in-memory input named `memory.xml`.
  static func decode(_ decoder: any FormatDecoder, text: String, options: DecodeOptions = DecodeOptions())
    -> DecodedInput
  {
    decoder.decode(InputBytes(path: "memory.xml", bytes: Array(text.utf8)), options: options)
  }
}

extension DecodedInput {
  /// The rejections as `line: reason` strings.
  var xmlRejectionLines: [String] {
    rejections.map { rejection in
      if case .line(let line) = rejection.locator.position { return "\(line): \(rejection.reason)" }
      return "\(rejection.locator): \(rejection.reason)"
    }
  }
}

extension Locator {
  /// The line of a `path:line` locator, or nil.
  var xmlLineNumber: Int? {
    if case .line(let line) = position { return line }
    return nil
  }
}
