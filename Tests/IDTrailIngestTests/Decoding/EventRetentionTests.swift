import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// `DecodeOptions.retainsEvents: false` (what `inspect` asks for) must change nothing that
/// `inspect` shows: on every fixture of every format, and on the shared corpus, the summary is the
/// same as when the events are kept.
@Suite struct EventRetentionTests {
  /// `Tests/IDTrailIngestTests`, found from this file's path.
  private static let testsDirectory: String = {
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(2)  // Decoding/EventRetentionTests.swift
    return components.joined(separator: "/")
  }()

  /// `<repo>/../shared/corpus`, which only the project's machines have.
  private static let corpusDirectory = testsDirectory + "/../../../shared/corpus"
  private static let corpusExists = FileManager.default.fileExists(atPath: corpusDirectory)

  @Test func fixturesSummariseAlikeWithAndWithoutEvents() throws {
    let paths = InputCollector.collect([Self.testsDirectory + "/Fixtures"]).paths
    #expect(paths.count > 60)
    for path in paths { try Self.expectSameSummary(path) }
  }

  // The corpus lives beside the repository on the project's machines only.
  @Test(.enabled(if: Self.corpusExists, "no ../shared/corpus beside the repository"))
  func corpusSummarisesAlikeWithAndWithoutEvents() throws {
    let paths = InputCollector.collect([Self.corpusDirectory]).paths
    #expect(!paths.isEmpty)
    for path in paths { try Self.expectSameSummary(path) }
  }

  private static func expectSameSummary(_ path: String) throws {
    let kept = Ingest.decode(try InputBytes.open(path))
    let counted = Ingest.decode(try InputBytes.open(path), options: DecodeOptions(retainsEvents: false))
    #expect(kept.eventCount == kept.events.count, "\(path)")
    #expect(counted.events.isEmpty, "\(path)")
    #expect(counted.eventCount == kept.events.count, "\(path)")
    let summary = InspectSummary(decoded: [counted], errors: [])
    #expect(summary == InspectSummary(decoded: [kept], errors: []), "\(path)")
  }
}
