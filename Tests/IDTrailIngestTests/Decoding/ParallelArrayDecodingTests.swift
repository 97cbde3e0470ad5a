import IDTrailModel
import Testing

@testable import IDTrailIngest

/// A large Okta System Log array read in runs on several threads gives what one thread gives, even
/// where lines that look like element starts open nested values, and where an element is broken.
@Suite struct ParallelArrayDecodingTests {
  private static let start = Timestamp(secondsSinceEpoch: 1_782_864_000)  // 2026-07-01T00:00:00Z

  /// One pretty-printed Okta SSO event: its `target` and `ipChain` arrays put nested objects on
  /// lines of their own after a line ending in `,`, which look like element starts.
  private static func element(_ index: Int) -> String {
    let time = Timestamp(secondsSinceEpoch: start.secondsSinceEpoch + Int64(index)).rfc3339
    return """
      {"uuid":"00000000-0000-4000-8000-\(String(index, radix: 16).leftPadded(to: 12))",
        "published":"\(time)","eventType":"user.authentication.sso","version":"0",
        "actor":{"id":"00u\(index % 97)","type":"User","alternateId":"user\(index % 97)@acme.example",
        "displayName":"User \(index % 97)"},
        "outcome":{"result":"SUCCESS","reason":null},
        "target":[
          {"id":"0oa1gitlab","type":"AppInstance","alternateId":"GitLab","displayName":"GitLab"},
          {"id":"0oa1other","type":"AppUser","alternateId":"user\(index % 97)@acme.example"},
          {"id":"0oa1third","type":"AppUser","alternateId":"x"}
        ],
        "request":{"ipChain":[
          {"ip":"203.0.113.\(index % 200)","version":"V4","source":null},
          {"ip":"198.51.100.7","version":"V4","source":null}
        ]}}
      """
  }

  /// About 10 MB of elements; `broken` replaces that element with one that cannot be delimited.
  private static func array(count: Int, broken: Int? = nil, separator: String = ",\n") -> [UInt8] {
    var text = "[\n"
    for index in 0..<count {
      if index > 0 { text += separator }
      text += index == broken ? #"{"uuid": "cut", "published": "# : element(index)
    }
    text += "\n]\n"
    return Array(text.utf8)
  }

  private static let whole = array(count: 14_000)
  private static let withBrokenElement = array(count: 14_000, broken: 11_000)

  private static func decode(_ bytes: [UInt8], threads: Int) -> DecodedInput {
    Ingest.decode(
      InputBytes(path: "okta.json", bytes: bytes), options: DecodeOptions(threads: threads))
  }

  private static func expectSame(_ parallel: DecodedInput, _ serial: DecodedInput) {
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

  @Test func oneThreadReadsEveryElement() throws {
    let input = Self.decode(Self.whole, threads: 1)
    #expect(Self.whole.count > 2 * JSONChunking.minimumParallelBytes)
    #expect(input.format == .oktaSystemLog)
    #expect(input.records == 14_000)
    #expect(input.decoded == 14_000)
    #expect(input.events.count == 14_000)
    let last = try #require(input.events.last)
    #expect(last.locator.description.hasPrefix("okta.json:#14000@"))
  }

  @Test(arguments: [2, 3, 8])
  func runsGiveWhatOneThreadGives(threads: Int) {
    Self.expectSame(Self.decode(Self.whole, threads: threads), Self.decode(Self.whole, threads: 1))
  }

  @Test func aBrokenElementEndsTheArrayOnOneThread() throws {
    let input = Self.decode(Self.withBrokenElement, threads: 1)
    #expect(input.decoded == 11_000)
    #expect(input.rejectedCount == 1)
    let rejection = try #require(input.rejections.first)
    #expect(rejection.locator.description.hasPrefix("okta.json:#11001@"))
    #expect(rejection.reason.hasPrefix("malformed JSON"))
  }

  @Test(arguments: [2, 8])
  func aBrokenElementEndsTheArrayOnEveryThreadCount(threads: Int) {
    Self.expectSame(
      Self.decode(Self.withBrokenElement, threads: threads), Self.decode(Self.withBrokenElement, threads: 1))
  }

  @Test func elementsOnOneLineAreReadAlike() {
    let compact = Self.array(count: 7_500, separator: ",")
      .filter { $0 != UInt8(ascii: "\n") }
    #expect(compact.count > JSONChunking.minimumParallelBytes)
    Self.expectSame(Self.decode(compact, threads: 4), Self.decode(compact, threads: 1))
  }

  @Test func likelyStartsAreFoundOnlyAfterAComma() {
    let text = Array("[\n{\"a\": [\n  {\"b\": 1},\n  {\"c\": 2}\n]},\n{\"d\": 3}\n]".utf8)
    let first = text.withUnsafeBytes { JSONChunking.firstArrayElement($0) }
    #expect(first == 2)
    let starts = text.withUnsafeBytes { JSONChunking.arrayElementStarts($0, after: 2, threads: 64) }
    // `{"c": 2}` (nested, after a comma) and `{"d": 3}` (a real element) look alike; `{"b": 1}`
    // follows `[` and is no candidate.
    #expect(starts.map { String(decoding: text[$0..<($0 + 4)], as: UTF8.self) } == [#"{"c""#, #"{"d""#])
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
