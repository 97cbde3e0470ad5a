import IDTrailModel
import Testing

@testable import IDTrailIngest

/// The three layouts (NDJSON lines, a top-level array, values one after another), their locators
/// and recovery after broken records, layout detection, and the parallel NDJSON split.
@Suite struct JSONRecordReaderTests {
  /// One record as the reader reported it, in a form tests can compare.
  enum Seen: Equatable, CustomStringConvertible {
    case value(String, raw: String)
    case malformed(String, JSONSyntaxError.Problem, at: Int)

    var description: String {
      switch self {
      case .value(let locator, let raw): return "value \(locator) \(raw)"
      case .malformed(let locator, let problem, let offset): return "malformed \(locator) \(problem)@\(offset)"
      }
    }
  }

  static func read(
    _ bytes: [UInt8], layout: JSONLayout, range: Range<Int>? = nil, firstLine: Int = 1
  ) -> [Seen] {
    var seen: [Seen] = []
    var reader = JSONRecordReader(path: "in.json")
    bytes.withUnsafeBytes { buffer in
      reader.forEachRecord(
        in: buffer, range: range ?? 0..<buffer.count, layout: layout, firstLine: firstLine
      ) { record in
        switch record {
        case .value(let value, let locator):
          seen.append(.value(locator.description, raw: value.rawText))
        case .malformed(let locator, let error):
          seen.append(.malformed(locator.description, error.problem, at: error.offset))
        }
        return true
      }
    }
    return seen
  }

  static func read(_ text: String, layout: JSONLayout) -> [Seen] {
    read(Array(text.utf8), layout: layout)
  }

  static func detect(_ text: String) -> JSONLayout? {
    Array(text.utf8).withUnsafeBytes { JSONRecordReader.detectLayout($0) }
  }

  // MARK: - NDJSON

  @Test func linesSkipBlankLinesAndKeepTheirNumbers() {
    let text = "{\"a\":1}\n\n   \t\n{\"a\":2}\n\n"
    #expect(
      Self.read(text, layout: .lines) == [
        .value("in.json:1", raw: #"{"a":1}"#), .value("in.json:4", raw: #"{"a":2}"#),
      ])
  }

  @Test func linesAcceptCRLF() {
    let text = "{\"a\":1}\r\n{\"a\":2}\r\n\r\n{\"a\":3}"
    #expect(
      Self.read(text, layout: .lines) == [
        .value("in.json:1", raw: #"{"a":1}"#), .value("in.json:2", raw: #"{"a":2}"#),
        .value("in.json:4", raw: #"{"a":3}"#),
      ])
  }

  @Test func aNonJSONLineIsRejectedAtItsLineAndTheRestIsRead() {
    let text = "{\"a\":1}\nhello world\n{\"a\":2}\n{\"a\":3,}\n{\"a\":4}\n"
    #expect(
      Self.read(text, layout: .lines) == [
        .value("in.json:1", raw: #"{"a":1}"#),
        .malformed("in.json:2", .unexpectedByte(UInt8(ascii: "h")), at: 8),
        .value("in.json:3", raw: #"{"a":2}"#),
        .malformed("in.json:4", .unexpectedByte(UInt8(ascii: "}")), at: 35),
        .value("in.json:5", raw: #"{"a":4}"#),
      ])
  }

  @Test func aTruncatedLastLineIsOneMalformedRecord() {
    let text = "{\"a\":1}\n{\"a\":2}\n{\"a\":\"unfinish"
    #expect(
      Self.read(text, layout: .lines) == [
        .value("in.json:1", raw: #"{"a":1}"#), .value("in.json:2", raw: #"{"a":2}"#),
        .malformed("in.json:3", .unexpectedEnd, at: 30),
      ])
  }

  @Test func aValueSplitOverTwoLinesGivesTwoRejections() {
    let text = "{\"a\":\n1}\n{\"b\":2}"
    #expect(
      Self.read(text, layout: .lines) == [
        .malformed("in.json:1", .unexpectedEnd, at: 5),
        .malformed("in.json:2", .trailingBytes, at: 7),
        .value("in.json:3", raw: #"{"b":2}"#),
      ])
  }

  /// Each line is parsed within itself, its end found on the way: a value that would run on past
  /// its line, or that more than white space follows, is reported as when parsed up to the line's
  /// end, and the line feeds read past are counted as `countNewlines` counts them.
  @Test func linesAreParsedWithinTheirLine() {
    let text = "[1,\n2]\n{\"a\" \n:1}\n  7 \r\n\"s\\n\" x\n{\"a\":tru\ne}\n{}"
    #expect(
      Self.read(text, layout: .lines) == [
        .malformed("in.json:1", .unexpectedEnd, at: 3),
        .malformed("in.json:2", .trailingBytes, at: 5),
        .malformed("in.json:3", .unexpectedEnd, at: 12),
        .malformed("in.json:4", .unexpectedByte(UInt8(ascii: ":")), at: 13),
        .value("in.json:5", raw: "7"),
        .malformed("in.json:6", .trailingBytes, at: 29),
        .malformed("in.json:7", .invalidLiteral, at: 36),
        .malformed("in.json:8", .unexpectedByte(UInt8(ascii: "e")), at: 40),
        .value("in.json:9", raw: "{}"),
      ])
    for text in [text, text + "\n", "\n\n{}\n \n", "", "{}", "{\"a\":\n"] {
      let bytes = Array(text.utf8)
      var reader = JSONRecordReader(path: "in.json")
      let counted = bytes.withUnsafeBytes { reader.forEachLine(in: $0, range: 0..<$0.count) { _ in true } }
      #expect(counted == bytes.withUnsafeBytes { JSONRecordReader.countNewlines($0, 0..<$0.count) }, "\(text)")
    }
    // Stopped at the second record, on line 3: two line feeds were read past.
    var reader = JSONRecordReader(path: "in.json")
    var calls = 0
    let stopped = Array("{}\n\n{}\n{}\n".utf8).withUnsafeBytes {
      reader.forEachLine(in: $0, range: 0..<$0.count) { _ in
        calls += 1
        return calls < 2
      }
    }
    #expect(stopped == 2)
  }

  @Test func linesStartAtTheGivenRangeAndLineNumber() {
    let bytes = Array("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n".utf8)
    #expect(
      Self.read(bytes, layout: .lines, range: 8..<24, firstLine: 2) == [
        .value("in.json:2", raw: #"{"a":2}"#), .value("in.json:3", raw: #"{"a":3}"#),
      ])
  }

  @Test func theBodyCanStopTheReading() {
    var calls = 0
    var reader = JSONRecordReader(path: "in.json")
    Array("{}\n{}\n{}\n".utf8).withUnsafeBytes { buffer in
      reader.forEachRecord(in: buffer, range: 0..<buffer.count, layout: .lines) { _ in
        calls += 1
        return calls < 2
      }
    }
    #expect(calls == 2)
  }

  // MARK: - Arrays

  @Test func arrayElementsCarryIndexAndByteOffset() {
    let text = "[{\"a\":1},\n  {\"a\":2} , 3 ]\n"
    #expect(
      Self.read(text, layout: .array) == [
        .value("in.json:#1@1", raw: #"{"a":1}"#), .value("in.json:#2@12", raw: #"{"a":2}"#),
        .value("in.json:#3@22", raw: "3"),
      ])
  }

  @Test func aMalformedElementEndsTheArrayWithOneRecord() {
    let text = #"[{"a":1}, {"a":}, {"a":3}, {"a":4}]"#
    #expect(
      Self.read(text, layout: .array) == [
        .value("in.json:#1@1", raw: #"{"a":1}"#),
        .malformed("in.json:#2@10", .unexpectedByte(UInt8(ascii: "}")), at: 15),
      ])
  }

  @Test func aMissingSeparatorIsTheNextRecord() {
    #expect(
      Self.read("[{} {}]", layout: .array) == [
        .value("in.json:#1@1", raw: "{}"),
        .malformed("in.json:#2@4", .unexpectedByte(UInt8(ascii: "{")), at: 4),
      ])
  }

  @Test func aTruncatedArrayReportsTheMissingRest() {
    #expect(
      Self.read("[{\"a\":1},{\"a\":2}", layout: .array) == [
        .value("in.json:#1@1", raw: #"{"a":1}"#), .value("in.json:#2@9", raw: #"{"a":2}"#),
        .malformed("in.json:#3@16", .unexpectedEnd, at: 16),
      ])
    #expect(Self.read("[", layout: .array) == [.malformed("in.json:#1@1", .unexpectedEnd, at: 1)])
    #expect(Self.read("[1,", layout: .array) == [
      .value("in.json:#1@1", raw: "1"), .malformed("in.json:#2@3", .unexpectedEnd, at: 3),
    ])
  }

  @Test func bytesAfterTheClosingBracketAreOneMalformedRecord() {
    #expect(
      Self.read("[1, 2]\n  x", layout: .array) == [
        .value("in.json:#1@1", raw: "1"), .value("in.json:#2@4", raw: "2"),
        .malformed("in.json:#3@9", .trailingBytes, at: 9),
      ])
    #expect(Self.read("[] []", layout: .array) == [.malformed("in.json:#1@3", .trailingBytes, at: 3)])
  }

  @Test func emptyArraysHoldNoRecord() {
    #expect(Self.read("[]", layout: .array).isEmpty)
    #expect(Self.read(" [ \n ] \n", layout: .array).isEmpty)
    #expect(Self.read([0xEF, 0xBB, 0xBF] + Array("[]".utf8), layout: .array).isEmpty)
  }

  @Test func anArrayAfterABOMKeepsAbsoluteOffsets() {
    #expect(
      Self.read([0xEF, 0xBB, 0xBF] + Array("[{},{}]".utf8), layout: .array) == [
        .value("in.json:#1@4", raw: "{}"), .value("in.json:#2@7", raw: "{}"),
      ])
  }

  @Test func anInputThatIsNotAnArrayIsRejectedAsOneRecord() {
    #expect(
      Self.read("{}", layout: .array) == [
        .malformed("in.json:#1@0", .unexpectedByte(UInt8(ascii: "{")), at: 0)
      ])
    #expect(Self.read("  ", layout: .array) == [.malformed("in.json:#1@2", .unexpectedEnd, at: 2)])
  }

  // MARK: - Values

  @Test func prettyPrintedValuesAreLocatedAtTheirFirstLine() {
    let text = """
      {
        "a": 1,
        "b": [1, 2]
      }

      {
        "a": 2
      }
      {"a": 3} {"a": 4}
      """
    #expect(
      Self.read(text, layout: .values) == [
        .value("in.json:1", raw: "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}"),
        .value("in.json:6", raw: "{\n  \"a\": 2\n}"),
        .value("in.json:9", raw: #"{"a": 3}"#), .value("in.json:9", raw: #"{"a": 4}"#),
      ])
  }

  @Test func valuesRecoverAtTheNextLineThatOpensAValue() {
    let text = """
      {
        "ok": 1
      }
      {
        "broken": ,
        "more": {
          "x": 1
        }
      }
      {
        "ok": 3
      }
      """
    #expect(
      Self.read(text, layout: .values) == [
        .value("in.json:1", raw: "{\n  \"ok\": 1\n}"),
        .malformed("in.json:4", .unexpectedByte(UInt8(ascii: ",")), at: 28),
        .value("in.json:10", raw: "{\n  \"ok\": 3\n}"),
      ])
  }

  @Test func aTruncatedLastValueIsOneMalformedRecord() {
    let text = "{\n  \"a\": 1\n}\n{\n  \"a\": [1,\n"
    #expect(
      Self.read(text, layout: .values) == [
        .value("in.json:1", raw: "{\n  \"a\": 1\n}"), .malformed("in.json:4", .unexpectedEnd, at: 26),
      ])
  }

  // MARK: - Layout detection

  @Test func detectLayoutFromTheFirstLines() {
    #expect(Self.detect("[{\"a\":1}]") == .array)
    #expect(Self.detect("  \n [\n]") == .array)
    #expect(Self.detect("{\"a\":1}\n{\"a\":2}\n") == .lines)
    #expect(Self.detect("{\"a\":1}") == .lines)
    #expect(Self.detect("{\"a\":1}  \r\n{\"a\":2}") == .lines)
    #expect(Self.detect("{\n  \"a\": 1\n}\n") == .values)
    #expect(Self.detect("{ \"a\": {\n \"b\": 1 } }") == .values)
    #expect(Self.detect("\u{FEFF}{\"a\":1}\n") == .lines)
    #expect(Self.detect("\u{FEFF}\n\n[1]") == .array)
    // A broken first line of NDJSON stays NDJSON; a broken pretty-printed value stays a value.
    #expect(Self.detect("{\"a\":\n{\"b\":1}\n") == .lines)
    #expect(Self.detect("{\"a\":1,,}\n{\"b\":1}\n") == .lines)
    #expect(Self.detect("{\n  \"a\": ,\n}\n") == .values)
    // An envelope whose elements stand one per line is one document, not NDJSON.
    #expect(Self.detect("{\"users\":[\n{\"id\":1},\n{\"id\":2}\n]}\n") == .values)
  }

  @Test func detectLayoutRefusesWhatDoesNotStartLikeJSON() {
    #expect(Self.detect("") == nil)
    #expect(Self.detect(" \n\t") == nil)
    #expect(Self.detect("\u{FEFF}") == nil)
    #expect(Self.detect("\"just a string\"") == nil)
    #expect(Self.detect("42") == nil)
    #expect(Self.detect("time=2025 level=info") == nil)
    #expect(Self.detect("<Event/>") == nil)
  }

  // MARK: - Parallel NDJSON

  @Test func chunkedNDJSONGivesTheSameRecordsAndLinesAsOnePass() throws {
    let (bytes, broken) = Self.largeNDJSON(minimumBytes: 5 << 20)
    #expect(bytes.count > JSONChunking.minimumParallelBytes)
    let whole = Self.read(bytes, layout: .lines)
    // Two threads or more split the input, whatever this machine has.
    let ranges = JSONChunking.lineRanges(InputBytes(path: "large.ndjson", bytes: bytes), threads: 2)
    #expect(ranges.count > 1)
    #expect(ranges.first?.lowerBound == 0)
    #expect(ranges.last?.upperBound == bytes.count)
    for (earlier, later) in zip(ranges, ranges.dropFirst()) {
      #expect(earlier.upperBound == later.lowerBound)
      #expect(bytes[later.lowerBound - 1] == 0x0A, "a chunk must start at a line start")
    }
    var pieced: [Seen] = []
    var firstLine = 1
    for range in ranges {
      pieced += Self.read(bytes, layout: .lines, range: range, firstLine: firstLine)
      firstLine += bytes.withUnsafeBytes { JSONRecordReader.countNewlines($0, range) }
    }
    #expect(pieced.count == whole.count)
    #expect(pieced == whole)
    let malformed = whole.filter { if case .malformed = $0 { return true } else { return false } }
    #expect(broken >= 4)
    #expect(malformed.count == broken)
  }

  /// NDJSON of GitLab-like records with a BOM, blank lines, CRLF endings and a truncated record
  /// every 5,000 lines; returns the bytes and the number of truncated records.
  static func largeNDJSON(minimumBytes: Int) -> (bytes: [UInt8], broken: Int) {
    var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
    bytes.reserveCapacity(minimumBytes + 4096)
    var line = 0
    var broken = 0
    while bytes.count < minimumBytes {
      line += 1
      let record: String
      if line % 5_000 == 0 {
        record = #"{"id":\#(line),"event_name":"member_created","details":{"#
        broken += 1
      } else {
        record = #"{"id":\#(line),"author_id":\#(line % 97),"entity_type":"Group","event_name":"user_logged_in","#
          + #""details":{"with":"standard","target_id":\#(line % 13),"custom_message":"caf\u00e9 \"x\""},"#
          + #""created_at":"2025-02-01T10:15:30.123Z"}"#
      }
      bytes += Array(record.utf8)
      bytes += line % 7 == 0 ? [0x0D, 0x0A] : [0x0A]
      if line % 1_000 == 0 { bytes += [0x20, 0x0A] }
    }
    return (bytes, broken)
  }
}
