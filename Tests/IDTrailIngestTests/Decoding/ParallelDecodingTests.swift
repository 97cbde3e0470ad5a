import IDTrailModel
import Testing

@testable import IDTrailIngest

/// A large GitLab NDJSON input read on several threads gives what one thread gives: the same
/// events in the same order, and repeated deliveries dropped across parts exactly as within one.
@Suite struct ParallelDecodingTests {
  private static let repeatReason = "repeated delivery of an event already read from this input (same id)"
  private static let start = Timestamp(secondsSinceEpoch: 1_735_689_600)  // 2025-01-01T00:00:00Z

  /// About 6 MB of REST rows, one a second: every 1,000th line (after the 7,000th) repeats the id
  /// of the row 7,000 lines back (another part), every 1,500th the id of the line before it,
  /// every 2,000th has no id, and line 9,999 is truncated. Line 12,345 repeats row 3 with the
  /// latest time of all: dropping it must take it out of the coverage too. Also returns what one
  /// careful pass expects: the repeats, the rows without id and the latest time kept.
  private static let input: (text: String, rows: Int, repeats: Int, withoutID: Int, latest: Int) = {
    var lines: [String] = []
    var seen: Set<Int> = []
    var repeats = 0
    var withoutID = 0
    var latest = 0
    for line in 1...24_000 {
      let id: Int?
      var second = line
      if line == 9_999 {
        lines.append(#"{"id": 1, "author_id": 5, "#)
        continue
      } else if line == 12_345 {
        id = 3
        second = 10_000_000
      } else if line % 1_000 == 0 && line > 7_000 {
        id = line - 7_000
      } else if line % 1_500 == 0 {
        id = line - 1
      } else if line % 2_000 == 0 {
        id = nil
      } else {
        id = line
      }
      lines.append(row(id: id, second: second))
      if let id, !seen.insert(id).inserted {
        repeats += 1
      } else {
        if id == nil { withoutID += 1 }
        latest = max(latest, second)
      }
    }
    return (lines.joined(separator: "\n") + "\n", lines.count, repeats, withoutID, latest)
  }()

  private static func row(id: Int?, second: Int) -> String {
    let time = Timestamp(secondsSinceEpoch: start.secondsSinceEpoch + Int64(second)).rfc3339
    let idMember = id.map { #""id": \#($0), "# } ?? ""
    return #"{\#(idMember)"author_id": 5, "entity_id": 7, "entity_type": "Group", "#
      + #""event_name": "member_created", "#
      + #""details": {"add": "user_access", "as": "Developer", "author_name": "Ann Author", "#
      + #""target_id": 9, "target_type": "User", "target_details": "Bob Target", "entity_path": "acme/x"}, "#
      + #""created_at": "\#(time)"}"#
  }

  private static func decode(threads: Int, retainsEvents: Bool = true) -> DecodedInput {
    Ingest.decode(
      InputBytes(path: "large.ndjson", bytes: Array(input.text.utf8)),
      options: DecodeOptions(retainsEvents: retainsEvents, threads: threads))
  }

  @Test func oneThreadCountsEveryRepeat() {
    let input = Self.decode(threads: 1)
    #expect(Self.input.text.utf8.count > JSONChunking.minimumParallelBytes)
    #expect(input.format == .gitlabAuditAPI)
    #expect(input.records == Self.input.rows)
    #expect(input.rejectedCount == 1)
    #expect(input.skipped == [Self.repeatReason: Self.input.repeats])
    #expect(input.decoded == Self.input.rows - 1 - Self.input.repeats)
    #expect(input.events.count == input.decoded)
    #expect(input.events.filter { $0.nativeID == nil }.count == Self.input.withoutID)
    #expect(Set(input.events.compactMap(\.nativeID)).count == input.decoded - Self.input.withoutID)
    #expect(Self.input.repeats > 10)
    let first = Timestamp(secondsSinceEpoch: Self.start.secondsSinceEpoch + 1)
    let latest = Timestamp(secondsSinceEpoch: Self.start.secondsSinceEpoch + Int64(Self.input.latest))
    #expect(Self.input.latest < 10_000_000)
    #expect(input.coverage == first...latest)
  }

  @Test(arguments: [2, 3, 8])
  func partsGiveWhatOneThreadGives(threads: Int) {
    let serial = Self.decode(threads: 1)
    let parallel = Self.decode(threads: threads)
    // Compared whole, and not printed whole on a failure: 24,000 events.
    let sameEvents = parallel.events == serial.events
    #expect(parallel.events.count == serial.events.count)
    #expect(sameEvents)
    #expect(parallel.records == serial.records)
    #expect(parallel.decoded == serial.decoded)
    #expect(parallel.skipped == serial.skipped)
    #expect(parallel.rejections == serial.rejections)
    #expect(parallel.coverage == serial.coverage)
    #expect(parallel.byteCount == serial.byteCount)
  }

  /// The parts keep their events in arrays of their own; handed over, they are the events in order.
  @Test func eventRunsAreThePartsInOrder() {
    var parallel = Self.decode(threads: 4)
    let events = parallel.events
    let runs = parallel.takeEventRuns()
    #expect(runs.count > 1)
    #expect(!runs.contains { $0.isEmpty })
    let joined = Array(runs.joined())
    #expect(joined.count == events.count)
    #expect(joined == events)
    #expect(parallel.events.isEmpty)
    #expect(parallel.eventCount == events.count)
    #expect(parallel.takeEventRuns().isEmpty)
  }

  /// Parts read side by side share one array per distinct identifier list, as one part does.
  @Test func partsShareOneArrayPerIdentifierList() {
    let parallel = Self.decode(threads: 4)
    let events = parallel.events
    let lists = events.map(\.subject) + events.map(\.actor.identifiers)
    let storages = Set(lists.compactMap(IdentifierListKey.init))
    #expect(storages.count == Set(lists.filter { !$0.isEmpty }).count)
    #expect(storages.count == 2)
  }

  @Test(arguments: [1, 2, 8])
  func countingWithoutEventsSummarisesAlike(threads: Int) {
    let kept = Self.decode(threads: 1)
    let counted = Self.decode(threads: threads, retainsEvents: false)
    #expect(counted.events.isEmpty)
    #expect(counted.eventCount == kept.events.count)
    #expect(InspectSummary(decoded: [counted], errors: []) == InspectSummary(decoded: [kept], errors: []))
  }
}
