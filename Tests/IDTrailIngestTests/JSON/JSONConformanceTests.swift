import IDTrailModel
import Testing

@testable import IDTrailIngest

/// One input for the JSON reader and what it must make of it.
struct JSONConformanceCase: Sendable, CustomTestStringConvertible {
  enum Expected: Sendable, Equatable {
    /// Valid JSON whose top-level value is of this kind.
    case accept(JSONKind)
    /// Invalid JSON, with the problem and the byte offset the reader reports.
    case reject(JSONSyntaxError.Problem, at: Int)
  }

  let name: String
  let bytes: [UInt8]
  let expected: Expected

  var testDescription: String { name }

  static func ok(_ name: String, _ text: String, _ kind: JSONKind) -> Self {
    Self(name: name, bytes: Array(text.utf8), expected: .accept(kind))
  }

  static func ok(_ name: String, _ bytes: [UInt8], _ kind: JSONKind) -> Self {
    Self(name: name, bytes: bytes, expected: .accept(kind))
  }

  static func bad(
    _ name: String, _ text: String, _ problem: JSONSyntaxError.Problem, at offset: Int
  ) -> Self {
    Self(name: name, bytes: Array(text.utf8), expected: .reject(problem, at: offset))
  }

  static func bad(
    _ name: String, _ bytes: [UInt8], _ problem: JSONSyntaxError.Problem, at offset: Int
  ) -> Self {
    Self(name: name, bytes: bytes, expected: .reject(problem, at: offset))
  }
}

/// RFC 8259 accept/reject cases run through `JSONRecordReader`, each a single-line input that must
/// give exactly one record.
@Suite struct JSONConformanceTests {
  private static let quote = UInt8(ascii: "\"")
  private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// A string literal whose content is `content`, as raw bytes.
  private static func string(_ content: [UInt8]) -> [UInt8] { [quote] + content + [quote] }

  private static func nested(_ depth: Int) -> String {
    String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
  }

  private static func nestedObjects(_ depth: Int) -> String {
    String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
  }

  static let cases: [JSONConformanceCase] = [
    // Escapes.
    .ok("every two-character escape", #""\"\\\/\b\f\n\r\t""#, .string),
    .ok("unicode escape, upper-case hex", #""\u00E9\u20AC""#, .string),
    .ok("unicode escape, lower-case hex", #""\u00e9\u20ac""#, .string),
    .ok("escaped NUL", #""\u0000""#, .string),
    .ok("surrogate pair", #""\uD83D\uDE00""#, .string),
    .ok("surrogate pair, lower-case hex", #""\ud834\udd1e""#, .string),
    .ok("highest surrogate pair (U+10FFFF)", #""\uDBFF\uDFFF""#, .string),
    .bad("unknown escape \\x", #""\x""#, .invalidEscape, at: 1),
    .bad("unknown escape \\a", #""\a""#, .invalidEscape, at: 1),
    .bad("upper-case \\U escape", #""\U0041""#, .invalidEscape, at: 1),
    .bad("escaped single quote", #""\'""#, .invalidEscape, at: 1),
    .bad("non-hex digit in \\u", #""\u00G1""#, .invalidUnicodeEscape, at: 3),
    .bad("\\u with two digits at the end of input", #""\u12""#, .invalidUnicodeEscape, at: 3),
    .bad("\\u with two digits inside an array", #"["\u12"]"#, .invalidUnicodeEscape, at: 4),
    .bad("backslash at the end of input", #""\"#, .unexpectedEnd, at: 1),
    .bad("lone high surrogate at the end of a string", #""\uD800""#, .unpairedSurrogate, at: 1),
    .bad("lone high surrogate before text", #""\uD800abcdefgh""#, .unpairedSurrogate, at: 1),
    .bad("lone low surrogate", #""\uDC00""#, .unpairedSurrogate, at: 1),
    .bad("high surrogate twice", #""\uD800\uD800""#, .unpairedSurrogate, at: 1),
    .bad("high surrogate then a plain \\u", #""\uD800\u0041""#, .unpairedSurrogate, at: 1),
    .bad("low surrogate before high", #""\uDE00\uD83D""#, .unpairedSurrogate, at: 1),
    .bad("high surrogate then bad hex", #""\uD800\uZZZZ""#, .invalidUnicodeEscape, at: 9),
    // Raw control characters.
    .bad("raw tab in a string", string([0x61, 0x09, 0x62]), .controlCharacterInString, at: 2),
    .bad("raw NUL in a string", string([0x00]), .controlCharacterInString, at: 1),
    .bad("raw 0x1F in a string", string([0x41, 0x1F]), .controlCharacterInString, at: 2),
    .bad("raw carriage return in a string", string([0x61, 0x0D, 0x62]), .controlCharacterInString, at: 2),
    .bad(
      "control byte after eight clean bytes", string(Array("abcdefghij".utf8) + [0x01]),
      .controlCharacterInString, at: 11),
    .ok("raw DEL is allowed", string([0x7F]), .string),
    // UTF-8.
    .ok("two-, three- and four-byte UTF-8", #""é€😀""#, .string),
    .ok("U+FFFF and U+E000", string([0xEF, 0xBF, 0xBF, 0xEE, 0x80, 0x80]), .string),
    .ok("U+10FFFF, the highest code point", string([0xF4, 0x8F, 0xBF, 0xBF]), .string),
    .bad("overlong two-byte form (C0 AF)", string([0xC0, 0xAF]), .invalidUTF8, at: 1),
    .bad("overlong two-byte form (C1 BF)", string([0xC1, 0xBF]), .invalidUTF8, at: 1),
    .bad("overlong three-byte form (E0 80 AF)", string([0xE0, 0x80, 0xAF]), .invalidUTF8, at: 1),
    .bad("overlong four-byte form (F0 80 80 AF)", string([0xF0, 0x80, 0x80, 0xAF]), .invalidUTF8, at: 1),
    .bad("UTF-16 high surrogate encoded in UTF-8", string([0xED, 0xA0, 0x80]), .invalidUTF8, at: 1),
    .bad("UTF-16 low surrogate encoded in UTF-8", string([0x61, 0xED, 0xBF, 0xBF]), .invalidUTF8, at: 2),
    .bad("code point above U+10FFFF (F4 90)", string([0xF4, 0x90, 0x80, 0x80]), .invalidUTF8, at: 1),
    .bad("lead byte F5", string([0xF5, 0x80, 0x80, 0x80]), .invalidUTF8, at: 1),
    .bad("byte FF", string([0xFF]), .invalidUTF8, at: 1),
    .bad("stray continuation byte", string([0x61, 0x80]), .invalidUTF8, at: 2),
    .bad("three-byte sequence cut by the quote", string([0xE2, 0x82]), .invalidUTF8, at: 1),
    .bad("four-byte sequence cut by the end of input", [quote, 0xF0, 0x9F, 0x98], .invalidUTF8, at: 1),
    .bad("UTF-8 outside a string", [0x5B, 0xC3, 0xA9, 0x5D], .unexpectedByte(0xC3), at: 1),
    // Numbers.
    .ok("negative zero", "-0", .number),
    .ok("fraction with negative exponent", "0.5e-3", .number),
    .ok("upper-case exponent with plus", "1E+10", .number),
    .ok("negative fraction with exponent", "-1.25E3", .number),
    .ok("huge exponent", "1e999999", .number),
    .ok("integer beyond 64 bits", "12345678901234567890123", .number),
    .bad("leading zero", "01", .invalidNumber, at: 0),
    .bad("negative leading zero", "-01", .invalidNumber, at: 0),
    .bad("double zero", "00", .invalidNumber, at: 0),
    .bad("trailing dot", "1.", .invalidNumber, at: 0),
    .bad("leading dot", ".5", .unexpectedByte(UInt8(ascii: ".")), at: 0),
    .bad("leading plus", "+1", .unexpectedByte(UInt8(ascii: "+")), at: 0),
    .bad("exponent without digits", "1e", .invalidNumber, at: 0),
    .bad("exponent sign without digits", "1e+", .invalidNumber, at: 0),
    .bad("minus alone", "-", .invalidNumber, at: 0),
    .bad("minus alone in an array", "[1,-]", .invalidNumber, at: 3),
    .bad("minus before a letter", "-a", .invalidNumber, at: 0),
    .bad("number running into letters", "12abc", .invalidNumber, at: 0),
    .bad("two decimal points", "1.5.3", .invalidNumber, at: 0),
    .bad("hexadecimal", "0x10", .invalidNumber, at: 0),
    .bad("Infinity", "Infinity", .unexpectedByte(UInt8(ascii: "I")), at: 0),
    .bad("NaN", "[NaN]", .unexpectedByte(UInt8(ascii: "N")), at: 1),
    // Literals.
    .ok("true", "true", .true),
    .ok("false", "false", .false),
    .ok("null", "null", .null),
    .bad("truncated true", "tru", .invalidLiteral, at: 0),
    .bad("truncated null", "[nul]", .invalidLiteral, at: 1),
    .bad("misspelt false", "[fals]", .invalidLiteral, at: 1),
    .bad("null with an extra l", "nulll", .invalidLiteral, at: 0),
    .bad("two literals run together", "[truefalse]", .invalidLiteral, at: 1),
    .bad("capitalised True", "True", .unexpectedByte(UInt8(ascii: "T")), at: 0),
    // Structure.
    .ok("empty object", "{}", .object),
    .ok("empty array", "[]", .array),
    .ok("empty containers with inner whitespace", "{ \t}", .object),
    .ok("nested arrays and objects", #"[1,[2,{"a":[3,{}]}],[]]"#, .array),
    .ok("duplicate keys", #"{"a":1,"a":2}"#, .object),
    .ok("all four whitespace bytes around a value", " \t\r{ \"a\" \t: \r1 }\t \r", .object),
    .bad("trailing comma in an array", "[1,]", .unexpectedByte(UInt8(ascii: "]")), at: 3),
    .bad("trailing comma in an object", #"{"a":1,}"#, .unexpectedByte(UInt8(ascii: "}")), at: 7),
    .bad("leading comma in an array", "[,1]", .unexpectedByte(UInt8(ascii: ",")), at: 1),
    .bad("missing colon", #"{"a" 1}"#, .unexpectedByte(UInt8(ascii: "1")), at: 5),
    .bad("unquoted key", "{a:1}", .unexpectedByte(UInt8(ascii: "a")), at: 1),
    .bad("single-quoted key", "{'a':1}", .unexpectedByte(UInt8(ascii: "'")), at: 1),
    .bad("missing comma between members", #"{"a":1 "b":2}"#, .unexpectedByte(Self.quote), at: 7),
    .bad("missing comma between elements", "[1 2]", .unexpectedByte(UInt8(ascii: "2")), at: 3),
    .bad("member without a value", #"{"a":}"#, .unexpectedByte(UInt8(ascii: "}")), at: 5),
    .bad("unclosed array", "[", .unexpectedEnd, at: 1),
    .bad("unclosed object after a member", #"{"a":1"#, .unexpectedEnd, at: 6),
    .bad("key without colon at the end", #"{"a""#, .unexpectedEnd, at: 4),
    .bad("unclosed string", #""abc"#, .unexpectedEnd, at: 4),
    .bad("unclosed long string", #""abcdefghijklmnop"#, .unexpectedEnd, at: 17),
    .bad("closing bracket first", "]", .unexpectedByte(UInt8(ascii: "]")), at: 0),
    .bad("mismatched brackets", "[1}", .unexpectedByte(UInt8(ascii: "}")), at: 2),
    .bad("NUL between elements", [0x5B, 0x31, 0x2C, 0x00, 0x5D], .unexpectedByte(0x00), at: 3),
    .bad("form feed is not whitespace", "[1,\u{0C}2]", .unexpectedByte(0x0C), at: 3),
    .bad("no-break space is not whitespace", [0x5B, 0xC2, 0xA0, 0x31, 0x5D], .unexpectedByte(0xC2), at: 1),
    .bad("comment", "[1 /* x */]", .unexpectedByte(UInt8(ascii: "/")), at: 3),
    // Trailing bytes.
    .bad("extra closing bracket", "[1]]", .trailingBytes, at: 3),
    .bad("two values on one line", "{} {}", .trailingBytes, at: 3),
    .bad("letter after an object", "{}x", .trailingBytes, at: 2),
    .bad("number after a string", #""a" 1"#, .trailingBytes, at: 4),
    // Depth (the default limit is 128).
    .ok("arrays nested exactly at the limit", nested(128), .array),
    .bad("arrays nested one over the limit", nested(129), .tooDeep(limit: 128), at: 128),
    .ok("objects nested exactly at the limit", nestedObjects(128), .object),
    .bad("objects nested one over the limit", nestedObjects(129), .tooDeep(limit: 128), at: 640),
    .bad(
      "100,000 open brackets", String(repeating: "[", count: 100_000), .tooDeep(limit: 128), at: 128),
    .bad(
      "100,000 open objects", String(repeating: #"{"a":"#, count: 100_000), .tooDeep(limit: 128),
      at: 640),
    // Byte order marks.
    .ok("BOM before an object", bom + Array("{}".utf8), .object),
    .ok("BOM before whitespace and an array", bom + Array(" [1]".utf8), .array),
    .ok("BOM inside a string is a character", string(bom), .string),
    .bad("BOM after the value", Array("{}".utf8) + bom, .trailingBytes, at: 2),
    .bad("BOM inside an array", [0x5B] + bom + [0x31, 0x5D], .unexpectedByte(0xEF), at: 1),
    .bad("two BOMs", bom + bom + Array("{}".utf8), .unexpectedByte(0xEF), at: 3),
    .bad("UTF-16 BOM", [0xFE, 0xFF, 0x7B, 0x7D], .unexpectedByte(0xFE), at: 0),
  ]

  @Test func tableHasAtLeastSixtyCasesWithDistinctNames() {
    #expect(Self.cases.count >= 60)
    #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
  }

  @Test(arguments: cases)
  func readerDecidesLikeRFC8259(_ testCase: JSONConformanceCase) throws {
    #expect(!testCase.bytes.contains(0x0A), "a conformance input must be one line")
    let records = Self.read(testCase.bytes)
    try #require(records.count == 1, "expected exactly one record, got \(records)")
    #expect(records[0] == testCase.expected)
  }

  @Test func whitespaceOnlyAndBOMOnlyInputsHoldNoRecord() {
    #expect(Self.read([]).isEmpty)
    #expect(Self.read(Array(" \t\r ".utf8)).isEmpty)
    #expect(Self.read(Self.bom).isEmpty)
  }

  @Test func parserReportsTheOffsetPastTheValueAndLeavesTheRest() throws {
    let text = Array(#"  {"a":[1,2]}  tail"#.utf8)
    var parser = JSONParser()
    let end = try text.withUnsafeBytes { try parser.parseValue(in: $0, from: 0, limit: $0.count) }
    #expect(end == 13)
    #expect(parser.tokens.count == 5)
    #expect(parser.tokens.map(\.kind) == [.object, .string, .array, .number, .number])
    #expect(parser.tokens[0].next == 5)
    #expect(parser.tokens[2].next == 5)
  }

  @Test func parserHonoursASmallerDepthLimit() throws {
    var parser = JSONParser(maximumDepth: 2)
    let accepted = Array("[[1]]".utf8)
    let rejected = Array("[[[1]]]".utf8)
    _ = try accepted.withUnsafeBytes { try parser.parseValue(in: $0, from: 0, limit: $0.count) }
    let error = rejected.withUnsafeBytes { bytes in
      #expect(throws: JSONSyntaxError.self) { try parser.parseValue(in: bytes, from: 0, limit: bytes.count) }
    }
    #expect(error == JSONSyntaxError(.tooDeep(limit: 2), at: 2))
  }

  @Test func errorDescriptionsSayWhatAndWhere() {
    #expect(
      JSONSyntaxError(.unexpectedByte(UInt8(ascii: "}")), at: 7).description
        == "unexpected '}' where a JSON value or separator should be at byte 7")
    #expect(
      JSONSyntaxError(.unexpectedByte(0x0C), at: 3).description
        == "unexpected byte 0x0C where a JSON value or separator should be at byte 3")
    #expect(
      JSONSyntaxError(.tooDeep(limit: 128), at: 128).description
        == "nested deeper than the limit of 128 levels at byte 128")
  }

  /// Reads `bytes` as NDJSON and reports each record as an expected outcome.
  static func read(_ bytes: [UInt8]) -> [JSONConformanceCase.Expected] {
    var outcomes: [JSONConformanceCase.Expected] = []
    var reader = JSONRecordReader(path: "case.json")
    bytes.withUnsafeBytes { buffer in
      reader.forEachRecord(in: buffer, range: 0..<buffer.count, layout: .lines) { record in
        switch record {
        case .value(let value, _): outcomes.append(.accept(value.kind))
        case .malformed(_, let error): outcomes.append(.reject(error.problem, at: error.offset))
        }
        return true
      }
    }
    return outcomes
  }
}
