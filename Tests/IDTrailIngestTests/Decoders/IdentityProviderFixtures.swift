import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// Finds and decodes the fixtures of the identity-provider decoders (`okta.systemlog`,
/// `entra.provisioning`, `entra.audit`, `google.admin`), and the shared third-party corpus.
enum IdentityProviderFixtures {
  /// The repository root, found from this file's path (`Tests/IDTrailIngestTests/Decoders/…`).
  static let repository: String = {
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(4)
    return components.joined(separator: "/")
  }()

  /// `Tests/IDTrailIngestTests/Fixtures`.
  static let directory = repository + "/Tests/IDTrailIngestTests/Fixtures"

  /// The path of `name` in the fixture folder of `format`.
  static func path(_ format: FormatID, _ name: String) -> String {
    "\(directory)/\(format.rawValue)/\(name)"
  }

  /// Opens the fixture and decodes it with the decoder the sniffer picks.
  static func decode(_ format: FormatID, _ name: String) throws -> DecodedInput {
    Ingest.decode(try InputBytes.open(path(format, name)))
  }

  /// Decodes `text` as an input named `name`, with the sniffer or with `decoder`.
  static func decode(
    text: String, name: String = "inline.json", with decoder: (any FormatDecoder)? = nil
  ) -> DecodedInput {
    Ingest.decode(InputBytes(path: name, bytes: Array(text.utf8)), forced: decoder)
  }

  /// The shared corpus of third-party samples, `<repository>/../shared/corpus`; absent in a user's
  /// clone, where the corpus tests are skipped.
  static let corpus: String = {
    var components = repository.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast()
    return components.joined(separator: "/") + "/shared/corpus"
  }()

  static var corpusIsPresent: Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: corpus, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  /// Every regular file under `folder` of the corpus, relative to the corpus, sorted.
  static func corpusFiles(under folder: String) -> [String] {
    let root = corpus + "/" + folder
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var files: [String] = []
    while let relative = walker.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory),
        !isDirectory.boolValue, !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
      {
        files.append(folder + "/" + relative)
      }
    }
    return files.sorted()
  }

  /// Every event's and rejection's text encoded as JSON, to search for values that must not leak.
  static func encodedOutput(_ input: DecodedInput) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let events = try encoder.encode(input.events)
    let rejections = try encoder.encode(input.rejections)
    return String(decoding: events + rejections, as: UTF8.self)
  }

  /// Checks the accounting of an input, and that it adds up.
  static func expectAccounting(
    _ input: DecodedInput, records: Int, decoded: Int, skipped: Int, rejected: Int,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(input.records == records, sourceLocation: sourceLocation)
    #expect(input.decoded == decoded, sourceLocation: sourceLocation)
    #expect(input.skippedCount == skipped, sourceLocation: sourceLocation)
    #expect(input.rejectedCount == rejected, sourceLocation: sourceLocation)
    #expect(
      input.records == input.decoded + input.skippedCount + input.rejectedCount,
      sourceLocation: sourceLocation)
  }

  /// Checks the events' texts, in order, and that each points into `path`.
  static func expectEvents(
    _ input: DecodedInput, _ expected: [String], path: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(input.events.map(\.idpText) == expected, sourceLocation: sourceLocation)
    #expect(input.events.allSatisfy { $0.locator.path == path }, sourceLocation: sourceLocation)
  }
}

/// What one corpus file must give: its format and its exact accounting.
struct CorpusExpectation: Sendable, CustomStringConvertible {
  var file: String
  var format: FormatID
  var records: Int
  var decoded: Int
  var skipped: Int
  var rejected: Int
  var events: Int

  var description: String { file }

  /// Decodes the file from the corpus and checks every count.
  func check() throws {
    let input = Ingest.decode(try InputBytes.open(IdentityProviderFixtures.corpus + "/" + file))
    #expect(input.format == format, "\(file)")
    #expect(input.records == records, "\(file)")
    #expect(input.decoded == decoded, "\(file)")
    #expect(input.skippedCount == skipped, "\(file)")
    #expect(input.rejectedCount == rejected, "\(file)")
    #expect(input.events.count == events, "\(file)")
    #expect(input.records == input.decoded + input.skippedCount + input.rejectedCount, "\(file)")
  }
}

extension IdentityEvent {
  /// Everything an identity-provider test checks about the event, one aspect per line, so that an
  /// expectation reads like the event and a mismatch shows which field differs. The locator's path
  /// is left out (tests check it once per input).
  var idpText: String {
    let position: String
    switch locator.position {
    case .line(let line): position = "line \(line)"
    case .record(let index, let offset): position = "#\(index)@\(offset)"
    }
    let actionText = action.rawValue + (provisioning.map { ":" + $0.rawValue } ?? "")
    let resourceText = resource.map { "\($0.kind.rawValue):\($0.name)" } ?? "-"
    let roleText = role.map { "\($0.before ?? "-") -> \($0.after ?? "-")" } ?? "-"
    let subjectText = subject.isEmpty ? "-" : subject.map(\.description).joined(separator: ", ")
    let actorText =
      actor.identifiers.isEmpty
      ? actor.kind.rawValue
      : actor.kind.rawValue + " " + actor.identifiers.map(\.description).joined(separator: ", ")
    var outcomeText = outcome.succeeded ? "success" : "failure"
    if let reason = outcome.reason { outcomeText += ": \(reason)" }
    if let status = outcome.httpStatus { outcomeText += " (HTTP \(status))" }
    return """
      \(position) \(nativeID ?? "-") \(time.rfc3339)
      \(stage.rawValue) \(actionText) \(rawAction)
      subject: \(subjectText)
      actor: \(actorText)
      resource: \(resourceText); role: \(roleText); channel: \(channel.rawValue)
      \(outcomeText)
      """
  }
}
