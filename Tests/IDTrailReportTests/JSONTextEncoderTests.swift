import Foundation
import Testing

@testable import IDTrailReport

/// `JSONTextEncoder` writes the bytes `JSONEncoder` writes (pretty printed, sorted keys, slashes
/// unescaped): for whole reports, and for hand-made values that reach each of the writer's quirks.
@Suite struct JSONTextEncoderTests {
  /// The configuration `ReportJSONEncoding` replaces.
  private static func reference<T: Encodable>(_ value: T) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(value))
  }

  /// Both encoders' texts, readable when they differ.
  private static func expectSame<T: Encodable>(
    _ value: T, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let expected = try reference(value)
    let actual = try JSONTextEncoder.encode(value)
    #expect(
      String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self), comment,
      sourceLocation: sourceLocation)
    #expect(actual == expected, comment, sourceLocation: sourceLocation)
  }

  /// What an encoder threw, in words that both encoders' errors can be compared by; nil if it did not.
  private static func thrown(_ encode: () throws -> [UInt8]) -> String? {
    do {
      _ = try encode()
      return nil
    } catch EncodingError.invalidValue(let value, let context) {
      let path = context.codingPath.map { "\($0.stringValue)/\($0.intValue.map(String.init) ?? "-")" }
      return "invalidValue(\(value)) at \(path): \(context.debugDescription)"
    } catch {
      return "\(error)"
    }
  }

  private static func expectSameError<T: Encodable>(
    _ value: T, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let expected = thrown { try reference(value) }
    #expect(expected != nil, "JSONEncoder encoded it", sourceLocation: sourceLocation)
    #expect(thrown { try JSONTextEncoder.encode(value) } == expected, sourceLocation: sourceLocation)
  }

  // MARK: Whole reports

  /// `reports/report.json`, the committed report over the bundled samples.
  private static let samplesReportPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("reports/report.json")

  @Test func theBundledSamplesReportIsByteIdentical() throws {
    let file = try Data(contentsOf: Self.samplesReportPath)
    let report = try JSONDecoder().decode(Report.self, from: file)
    #expect(report.people.count > 10 && report.findings.count > 10 && report.episodes.count > 10)
    try Self.expectSame(report)
    #expect(try JSONTextEncoder.encode(report) + [UInt8(ascii: "\n")] == Array(file))
    #expect(Array(try ReportJSONEncoding.encode(report, sliceSize: 5).joined()) == Array(file))
    #expect(Array(try ReportJSONEncoding.wholeText(of: report).joined()) == Array(file))
  }

  @Test func theSampleAndHostileReportsAreByteIdentical() throws {
    try Self.expectSame(ReportSample.report)
    try Self.expectSame(HostileReport.report)
  }

  @Test func aSliceOneLevelDownIsIndentedAsAMember() throws {
    let people = ReportSample.report.people
    let alone = String(decoding: try Self.reference(people), as: UTF8.self)
    let nested = alone.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .map { $0.offset == 0 || $0.element.isEmpty ? String($0.element) : "  " + $0.element }
      .joined(separator: "\n")
    #expect(String(decoding: try JSONTextEncoder.encode(people, depth: 1), as: UTF8.self) == nested)
  }

  // MARK: Strings

  @Test func everyASCIICodePointIsEscapedAsJSONEncoderDoes() throws {
    for scalar in (0...0x7F).compactMap(Unicode.Scalar.init) {
      try Self.expectSame(["key\(scalar)": "a\(scalar)b"], "U+\(String(scalar.value, radix: 16))")
    }
    try Self.expectSame(String((0...0x7F).compactMap(Unicode.Scalar.init).map(Character.init)))
  }

  @Test(arguments: [
    "", "plain", "a/b</script>", "quote \" backslash \\ solidus /", "\u{2028}line\u{2029}para",
    "emoji 👩‍💻🇫🇷 and é (e\u{301})", "\u{FFFD}\u{FEFF}\u{7F}\u{80}\u{9B}\u{202E}", "\\u0041 \\n \\\"",
    "nul \u{0} esc \u{1B} us \u{1F}", "\t\n\r\u{8}\u{C}", "\r\n", String(repeating: "long ", count: 400),
  ])
  func hostileStrings(text: String) throws {
    try Self.expectSame(text)
    try Self.expectSame([text])
    try Self.expectSame([text: text])
  }

  // MARK: Keys

  @Test func keysSortAsJSONEncoderSortsThem() throws {
    let keys = [
      "a10", "a9", "a1", "a", "A", "B", "b", "_", "_a", "a_b", "aB", "ab", "Z", "z", "", " ", "1", "10",
      "2", "-", "é", "e", "ä", "Ω", "😀", "a\"b", "a\nb", "a/b", "zz", "Zz", "ID", "id", "Id", "iD",
    ]
    try Self.expectSame(Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) }))
    try Self.expectSame([10: "ten", 9: "nine", -1: "minus one", 100: "hundred"])
    try Self.expectSame(MixedCaseKeys())
  }

  @Test func aKeyEncodedTwiceKeepsItsLastValue() throws {
    try Self.expectSame(Repeated(mode: .twice))
    try Self.expectSame(Repeated(mode: .nilThenValue))
    try Self.expectSame(Repeated(mode: .valueThenNil))
    try Self.expectSame(Repeated(mode: .nestedThenValue))
  }

  // MARK: Empty and absent values

  @Test func emptyContainersArePrintedAsJSONEncoderPrintsThem() throws {
    try Self.expectSame([Int]())
    try Self.expectSame([String: Int]())
    try Self.expectSame([[Int]](repeating: [], count: 2))
    try Self.expectSame([[String: [Int]]](repeating: [:], count: 2))
    try Self.expectSame(["a": [String: [Int]](), "b": ["c": []]])
    try Self.expectSame([Nothing(), Nothing()])
    try Self.expectSame(["nothing": Nothing()])
    try Self.expectSame(EmptySingle(kind: .keyed))
    try Self.expectSame([EmptySingle(kind: .single), EmptySingle(kind: .keyed), EmptySingle(kind: .unkeyed)])
  }

  @Test func aTopLevelValueThatEncodesNothingThrows() {
    Self.expectSameError(Nothing())
    Self.expectSameError(EmptySingle(kind: .single))
  }

  @Test func nilIsOmittedByEncodeIfPresentAndWrittenByEncodeNil() throws {
    try Self.expectSame(Optionals(plain: nil, nested: nil, list: nil, explicitNil: true))
    try Self.expectSame(Optionals(plain: 1, nested: .some(nil), list: [nil, 2, nil], explicitNil: false))
    try Self.expectSame(Optionals(plain: 0, nested: .some(.some(3)), list: [], explicitNil: true))
    try Self.expectSame([Int?.none, 1])
    try Self.expectSame(Int?.none)
    try Self.expectSame([String: String?](dictionaryLiteral: ("a", nil), ("b", "x")))
  }

  // MARK: Numbers

  @Test func integersAtTheirExtremes() throws {
    try Self.expectSame(Integers())
    try Self.expectSame([Int.min, -1, 0, 1, Int.max])
    try Self.expectSame([UInt64.max, 0])
    try Self.expectSame(Int128.min)
    try Self.expectSame(UInt128.max)
  }

  @Test(arguments: [
    0.0, -0.0, 1, -1, 1.5, 0.1, 0.2 + 0.1, 100, 1e15, 1e16, 1e17, 123_456_789_012_345_680, 1e21, 1e-4, 1e-5,
    1e-7, 1.5e300, -2.5e-300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, Double.leastNormalMagnitude, 176_440,
    86_400.25, Double.pi,
  ])
  func doubles(value: Double) throws {
    try Self.expectSame(value)
    try Self.expectSame(["v": value])
    try Self.expectSame([value])
    if Float(value).isFinite {
      try Self.expectSame(Floats(double: value, float: Float(value)))
    } else {
      Self.expectSameError(Floats(double: value, float: Float(value)))
    }
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity, -Double.nan])
  func nonFiniteNumbersThrowTheSameError(value: Double) {
    Self.expectSameError(value)
    Self.expectSameError(["v": [value]])
    Self.expectSameError([["w": value]])
    Self.expectSameError(Floats(double: 1, float: Float(value)))
    Self.expectSameError(Floats(double: value, float: 1))
  }

  @Test func booleans() throws {
    try Self.expectSame(true)
    try Self.expectSame([true, false])
    try Self.expectSame(["yes": true, "no": false])
  }

  // MARK: Containers

  @Test func nestedContainersAndSuperEncoders() throws {
    try Self.expectSame(Nested())
    try Self.expectSame([Nested(), Nested()])
    try Self.expectSame(Shape.circle(radius: 2.5))
    try Self.expectSame([Shape.point, .pair(1, 2), .labelled(name: "x/y", tags: ["a", "b"])])
    try Self.expectSame(Derived(base: 1, derived: "d") as Base)
    try Self.expectSame([Derived(base: 2, derived: "e")])
    try Self.expectSame(SuperInArray())
    try Self.expectSame(SingleDelegating(inner: Nested()))
  }

  @Test func foundationValuesUseJSONEncodersDefaultStrategies() throws {
    try Self.expectSame(
      FoundationValues(
        date: Date(timeIntervalSinceReferenceDate: 800_000_000.5), data: Data([0, 1, 2, 250, 255]),
        url: try #require(URL(string: "https://example.com/a b?q=1")), decimal: Decimal(string: "12.3400")))
    try Self.expectSame([Data(), Data("hello/world?".utf8)])
  }

  @Test(arguments: [509, 510, 511, 512, 513])
  func nestingDepthLimit(levels: Int) throws {
    if (try? Self.reference(Deep(levels: levels))) != nil {
      try Self.expectSame(Deep(levels: levels))
    } else {
      Self.expectSameError(Deep(levels: levels))
    }
  }

  @Test func misuseThrowsInsteadOfTrapping() {
    #expect(throws: EncodingError.self) { try JSONTextEncoder.encode(Misuse(kind: .twoContainers)) }
    #expect(throws: EncodingError.self) { try JSONTextEncoder.encode(Misuse(kind: .twoSingleValues)) }
    #expect(throws: EncodingError.self) { try JSONTextEncoder.encode(Misuse(kind: .nestedOverValue)) }
  }
}

// MARK: - Values

private struct MixedCaseKeys: Encodable {
  var zeta = 1
  var Alpha = 2
  var alpha = 3
  var _under = 4
  var item10 = 5
  var item9 = 6
  var item_1 = 7
  var ITEM = 8
}

/// A key written twice in one container.
private struct Repeated: Encodable {
  enum Mode { case twice, nilThenValue, valueThenNil, nestedThenValue }
  enum Key: String, CodingKey { case a, b }
  let mode: Mode

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    try container.encode("first", forKey: .b)
    switch mode {
    case .twice:
      try container.encode(1, forKey: .a)
      try container.encode([2], forKey: .a)
    case .nilThenValue:
      try container.encodeNil(forKey: .a)
      try container.encode("value", forKey: .a)
    case .valueThenNil:
      try container.encode("value", forKey: .a)
      try container.encodeNil(forKey: .a)
    case .nestedThenValue:
      var nested = container.nestedContainer(keyedBy: Key.self, forKey: .a)
      try nested.encode(1, forKey: .b)
      try container.encode(true, forKey: .a)
    }
    try container.encode("second", forKey: .b)
  }
}

/// Asks for no container at all.
private struct Nothing: Encodable {
  func encode(to encoder: any Encoder) throws {}
}

/// Asks for a container and writes nothing into it.
private struct EmptySingle: Encodable {
  let kind: JSONStorage

  func encode(to encoder: any Encoder) throws {
    switch kind {
    case .keyed: _ = encoder.container(keyedBy: Repeated.Key.self)
    case .unkeyed: _ = encoder.unkeyedContainer()
    default: _ = encoder.singleValueContainer()
    }
  }
}

private struct Optionals: Encodable {
  enum Key: String, CodingKey { case plain, nested, list, explicit }
  let plain: Int?
  let nested: Int??
  let list: [Int?]?
  let explicitNil: Bool

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    try container.encodeIfPresent(plain, forKey: .plain)
    try container.encodeIfPresent(nested, forKey: .nested)
    try container.encodeIfPresent(list, forKey: .list)
    if explicitNil { try container.encodeNil(forKey: .explicit) }
  }
}

private struct Integers: Encodable {
  var int = Int.min
  var int8 = Int8.min
  var int16 = Int16.max
  var int32 = Int32.min
  var int64 = Int64.min
  var int64Max = Int64.max
  var uint = UInt.max
  var uint8 = UInt8.max
  var uint16 = UInt16.max
  var uint32 = UInt32.max
  var uint64 = UInt64.max
  var zero = 0
  var int128 = Int128.min
  var uint128 = UInt128.max
  var array: [Int64] = [Int64.min, 0, Int64.max]
}

private struct Floats: Encodable {
  let double: Double
  let float: Float
}

/// Nested containers filled in turns with their parent, as hand-written `encode(to:)` may do.
private struct Nested: Encodable {
  enum Key: String, CodingKey { case outer, list, z, a, deeper }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    var inner = container.nestedContainer(keyedBy: Key.self, forKey: .outer)
    var list = container.nestedUnkeyedContainer(forKey: .list)
    try container.encode("zed", forKey: .z)
    try inner.encode(1, forKey: .z)
    try list.encode("first")
    var deeper = inner.nestedUnkeyedContainer(forKey: .deeper)
    try inner.encode([3, 4], forKey: .a)
    try deeper.encode(Optionals(plain: 5, nested: nil, list: nil, explicitNil: true))
    var element = list.nestedContainer(keyedBy: Key.self)
    try list.encode(2.5)
    try element.encode("in list", forKey: .a)
    _ = list.nestedUnkeyedContainer()
    var again = container.nestedContainer(keyedBy: Key.self, forKey: .outer)
    try again.encode("again", forKey: .list)
    try container.encode(Nothing(), forKey: .a)
  }
}

/// Synthesized `Encodable` of an enum with associated values uses nested containers.
private enum Shape: Encodable {
  case circle(radius: Double)
  case point
  case pair(Int, Int)
  case labelled(name: String, tags: [String])
}

private class Base: Encodable {
  let base: Int
  init(base: Int) { self.base = base }
}

/// A subclass that encodes its superclass through `superEncoder()` and `superEncoder(forKey:)`.
private final class Derived: Base {
  enum Key: String, CodingKey { case derived, parent }
  let derived: String

  init(base: Int, derived: String) {
    self.derived = derived
    super.init(base: base)
  }

  override func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    try container.encode(derived, forKey: .derived)
    try super.encode(to: container.superEncoder())
    try super.encode(to: container.superEncoder(forKey: .parent))
  }
}

private struct SuperInArray: Encodable {
  func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    try container.encode("before")
    try Base(base: 7).encode(to: container.superEncoder())
    try container.encode("after")
    var single = container.superEncoder().singleValueContainer()
    try single.encode("single")
  }
}

/// Hands its encoder to another value, and encodes a value through a single value container.
private struct SingleDelegating: Encodable {
  let inner: Nested

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(inner)
  }
}

private struct FoundationValues: Encodable {
  let date: Date
  let data: Data
  let url: URL
  let decimal: Decimal?
}

/// Arrays nested `levels` deep.
private struct Deep: Encodable {
  let levels: Int

  func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    if levels > 1 { try container.encode(Deep(levels: levels - 1)) }
  }
}

/// Uses of `Encoder` that `JSONEncoder` traps on or merges.
private struct Misuse: Encodable {
  enum Kind { case twoContainers, twoSingleValues, nestedOverValue }
  let kind: Kind

  func encode(to encoder: any Encoder) throws {
    switch kind {
    case .twoContainers:
      var keyed = encoder.container(keyedBy: Repeated.Key.self)
      try keyed.encode(1, forKey: .a)
      var unkeyed = encoder.unkeyedContainer()
      try unkeyed.encode(2)
    case .twoSingleValues:
      var single = encoder.singleValueContainer()
      try single.encode(1)
      try single.encode(2)
    case .nestedOverValue:
      var keyed = encoder.container(keyedBy: Repeated.Key.self)
      try keyed.encode(["b": 1], forKey: .a)
      var nested = keyed.nestedContainer(keyedBy: Repeated.Key.self, forKey: .a)
      try nested.encode(2, forKey: .b)
    }
  }
}
