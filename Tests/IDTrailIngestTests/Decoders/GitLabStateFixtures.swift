import Foundation
import IDTrailIngest
import IDTrailModel

/// Finds, reads and decodes the fixtures of the GitLab CSV and state formats.
///
/// Inputs are named by their path under `Fixtures/` (`gitlab.audit.csv/malformed.csv`), so that
/// locators in assertions read `gitlab.audit.csv/malformed.csv:4`.
enum GitLabStateFixtures {
  /// `Tests/IDTrailIngestTests/Fixtures`, found from this file.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path

  /// The fixture at `relative`, as an input named `relative`.
  static func input(_ relative: String) throws -> InputBytes {
    let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
    return InputBytes(path: relative, bytes: [UInt8](data))
  }

  /// An in-memory input named `name`.
  static func input(_ text: String, named name: String) -> InputBytes {
    InputBytes(path: name, bytes: Array(text.utf8))
  }

  /// Decodes `relative` with `decoder`.
  static func decode(
    _ relative: String, with decoder: any FormatDecoder, options: DecodeOptions = DecodeOptions()
  ) throws -> DecodedInput {
    decoder.decode(try input(relative), options: options)
  }

  /// The format the sniffer picks among every registered decoder.
  static func sniffedFormat(_ input: InputBytes) -> FormatID? {
    input.withBytes { FormatSniffer.decoder(for: $0, among: DecoderRegistry.all)?.format }
  }

  /// Every fixture file of `format` (relative paths, sorted).
  static func fixtures(of format: String) -> [String] {
    let folder = root + "/" + format
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { name in
      var isDirectory: ObjCBool = false
      return !name.hasPrefix(".") && name != "README.md"
        && FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory)
        && !isDirectory.boolValue
    }.sorted().map { format + "/" + $0 }
  }

  /// Every fixture file of every format but `format` present in the checkout (relative paths, sorted).
  static func fixtures(except format: String) -> [String] {
    let formats = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return formats.filter { $0 != format && !$0.hasPrefix(".") }.sorted().flatMap(fixtures(of:))
  }

  /// An input read from an absolute path, named by it.
  static func input(atPath path: String) throws -> InputBytes {
    try InputBytes.open(path)
  }

  /// The corpus of third-party samples beside the repository (`<repo>/../shared/corpus`), or nil
  /// when this checkout has none.
  static let corpus: String? = {
    let repository = URL(fileURLWithPath: root)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let corpus = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    return FileManager.default.fileExists(atPath: corpus) ? corpus : nil
  }()

  /// Every file of the corpus (absolute paths, sorted); empty without a corpus.
  static func corpusFiles() -> [String] {
    guard let corpus, let walker = FileManager.default.enumerator(atPath: corpus) else { return [] }
    var files: [String] = []
    while let relative = walker.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let path = corpus + "/" + relative
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
        !relative.hasSuffix(".md")
      {
        files.append(path)
      }
    }
    return files.sorted()
  }
}
