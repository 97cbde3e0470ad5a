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

  /// GitLab rows on the edges of what decides a disposition: times written with an escape, as a
  /// number, unparseable, missing or only in `time`; the untyped stream name; non-person authors
  /// whose name or class decides; a type only in `details`; a repeated id.
  @Test func gitLabEdgeRowsSummariseAlike() {
    let rows = [
      #"{"id": 1, "author_id": 5, "event_name": "user_logged_in", "created_at": "2025-01-01T00:00:01\u005a", "details": {}}"#,
      #"{"id": 2, "author_id": 5, "event_name": "user_logged_in", "created_at": 1735689600, "details": {}}"#,
      #"{"id": 3, "author_id": 5, "event_name": "user_logged_in", "created_at": "2025-02-30T00:00:00Z", "details": {}}"#,
      #"{"id": 4, "author_id": 5, "event_name": "user_logged_in", "time": "2025-01-01T00:00:04Z", "details": {}}"#,
      #"{"id": 5, "author_id": 5, "event_name": "user_logged_in", "details": {"created_at": "2025-01-01T00:00:05Z"}}"#,
      #"{"id": 6, "author_id": 5, "event_name": "audit_operation", "created_at": "2025-01-01T00:00:06Z", "details": {"with": "standard"}}"#,
      #"{"id": 7, "author_id": -1, "event_name": "project_archived", "created_at": "2025-01-01T00:00:07Z", "details": {"author_name": "(System)"}}"#,
      #"{"id": 8, "author_id": 0, "event_name": "project_archived", "created_at": "2025-01-01T00:00:08Z", "details": {"author_class": "DeployToken"}}"#,
      #"{"id": 9, "author_id": 5, "created_at": "2025-01-01T00:00:09Z", "details": {"event_name": "user_logged_in"}}"#,
      #"{"author_id": 5, "event_name": "user_logged_in", "created_at": "2025-01-01T00:00:10Z", "details": {"id": 1}}"#,
      #"{"id": 9, "author_id": 5, "event_name": "user_logged_in", "created_at": "2030-01-01T00:00:00Z", "details": {}}"#,
    ]
    let (kept, counted) = Self.decodeKeptAndCounted(rows, path: "edges.ndjson")
    #expect(kept.records == 11)
    #expect(kept.rejectedCount == 2)
    #expect(kept.decoded == 5)
    #expect(
      kept.skipped == [
        "no identity effect (authored by system)": 1, "no identity effect (authored by deploy-token)": 1,
        "repeated delivery of an event already read from this input (same id)": 2,
      ])
    #expect(kept.events.map(\.nativeID) == [1, 4, 5, 6, 9].map { "gitlab-audit:\($0)" })
    let first = Timestamp(secondsSinceEpoch: 1_735_689_601)
    #expect(kept.coverage == first...Timestamp(secondsSinceEpoch: 1_735_689_609))
    #expect(counted.eventCount == kept.events.count)
    #expect(InspectSummary(decoded: [counted], errors: []) == InspectSummary(decoded: [kept], errors: []))
  }

  /// A person's event counts whatever its name says, so disposition reading leaves the name and
  /// `details` unread when the top level has the id, the time and a person as author; these rows
  /// pin that and the rows it must not cover: other authors, whose name decides, and a person whose
  /// id or time is only in `details`.
  @Test func gitLabNamesDecideOnlyForOtherAuthors() {
    let rows = [
      // People: untyped without legacy keys, an unknown name, an activity name, no name at all.
      #"{"id": 1, "author_id": 5, "created_at": "2025-01-01T00:00:01Z", "event_type": "audit_operation", "details": {}}"#,
      #"{"id": 2, "author_id": 5, "created_at": "2025-01-01T00:00:02Z", "event_type": "x", "details": {"event_name": "not_mapped"}}"#,
      #"{"id": 3, "author_id": 5, "created_at": "2025-01-01T00:00:03Z", "event_name": "repository_git_operation"}"#,
      #"{"id": 4, "author_id": "5", "created_at": "2025-01-01T00:00:04Z"}"#,
      // Other authors: an identity name in `details` counts, an activity name or none is skipped.
      #"{"id": 5, "author_id": -1, "created_at": "2025-01-01T00:00:05Z", "event_type": "audit_operation", "details": {"event_name": "user_created"}}"#,
      #"{"id": 6, "author_id": -1, "created_at": "2025-01-01T00:00:06Z", "event_type": "user_created", "details": {"event_name": "repository_git_operation", "author_name": "(System)"}}"#,
      #"{"id": 7, "author_id": 0, "created_at": "2025-01-01T00:00:07Z", "details": {"with": "standard", "author_class": "DeployToken"}}"#,
      #"{"id": 8, "created_at": "2025-01-01T00:00:08Z", "event_name": "audit_operation", "details": {"author_class": "DeployKey"}}"#,
      // A person whose id or time is only in `details`, then a repeat of that id.
      #"{"author_id": 5, "created_at": "2025-01-01T00:00:09Z", "details": {"id": 9, "event_name": "x"}}"#,
      #"{"id": 10, "author_id": 5, "details": {"created_at": "2025-01-01T00:00:10Z"}}"#,
      #"{"id": 11, "author_id": 5, "details": {"created_at": "2025-02-30T00:00:11Z"}}"#,
      #"{"id": 9, "author_id": 5, "created_at": "2025-01-01T00:00:12Z"}"#,
    ]
    let (kept, counted) = Self.decodeKeptAndCounted(rows, path: "names.ndjson")
    #expect(kept.records == 12)
    #expect(kept.rejectedCount == 1)
    #expect(kept.rejections.map(\.reason) == ["created_at '2025-02-30T00:00:11Z' is not a valid RFC 3339 time"])
    #expect(kept.decoded == 8)
    #expect(
      kept.skipped == [
        "no identity effect (authored by system)": 1, "no identity effect (authored by deploy-key)": 1,
        "repeated delivery of an event already read from this input (same id)": 1,
      ])
    #expect(kept.events.map(\.nativeID) == [1, 2, 3, 4, 5, 7, 9, 10].map { "gitlab-audit:\($0)" })
    #expect(
      kept.events.map(\.action) == [
        .activity, .activity, .activity, .activity, .accountCreate, .authSuccess, .activity, .activity,
      ])
    #expect(counted.eventCount == kept.events.count)
    #expect(counted.rejections == kept.rejections)
    #expect(InspectSummary(decoded: [counted], errors: []) == InspectSummary(decoded: [kept], errors: []))
  }

  /// GitLab API rows decoded twice: keeping events, and only counting them (as `inspect` does).
  private static func decodeKeptAndCounted(
    _ rows: [String], path: String
  ) -> (kept: DecodedInput, counted: DecodedInput) {
    let bytes = Array((rows.joined(separator: "\n") + "\n").utf8)
    let kept = Ingest.decode(InputBytes(path: path, bytes: bytes), forced: GitLabAuditAPIDecoder())
    let counted = Ingest.decode(
      InputBytes(path: path, bytes: bytes), forced: GitLabAuditAPIDecoder(),
      options: DecodeOptions(retainsEvents: false))
    return (kept, counted)
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
