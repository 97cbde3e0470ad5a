import IDTrailModel
import Testing

@testable import IDTrailIngest

/// What the views hand out: decoded strings, numbers, booleans, raw text, member order and lookups.
@Suite struct JSONValueTests {
  /// Parses `text` as one record and runs `body` on its top-level value.
  private func withValue<T>(_ text: String, _ body: (JSONValue) throws -> T) throws -> T {
    var result: Result<T, any Error>?
    var reader = JSONRecordReader(path: "value.json")
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
      let readOnly = UnsafeRawBufferPointer(buffer)
      reader.forEachRecord(in: readOnly, range: 0..<readOnly.count, layout: .values) { record in
        switch record {
        case .value(let value, _): result = Result { try body(value) }
        case .malformed(let locator, let error): Issue.record("\(locator): \(error)")
        }
        return false
      }
    }
    return try #require(result).get()
  }

  @Test func stringDecodesEveryEscape() throws {
    let decoded = try withValue(#""a\"b\\c\/d\be\ff\ng\rh\ti""#) { $0.string }
    #expect(decoded == "a\"b\\c/d\u{08}e\u{0C}f\ng\rh\ti")
  }

  @Test func stringDecodesUnicodeEscapesAndSurrogatePairs() throws {
    #expect(try withValue(#""\u0041\u00e9\u20AC\uD83D\uDE00""#) { $0.string } == "Aé€😀")
    #expect(try withValue(#""\uDBFF\uDFFF""#) { $0.string } == "\u{10FFFF}")
    #expect(try withValue(#""\ud834\udd1e clef""#) { $0.string } == "𝄞 clef")
    #expect(try withValue(#""\u0000""#) { $0.string } == "\u{0}")
    #expect(try withValue(#""\u07FF\u0800""#) { $0.string?.unicodeScalars.map(\.value) } == [0x7FF, 0x800])
  }

  @Test func stringKeepsRawUTF8BesideEscapes() throws {
    #expect(try withValue(#""Müller\tO'Brien 😀\n""#) { $0.string } == "Müller\tO'Brien 😀\n")
    #expect(try withValue(#""plain ascii, no escapes""#) { $0.string } == "plain ascii, no escapes")
    #expect(try withValue(#""""#) { $0.string } == "")
    #expect(try withValue("42") { $0.string } == nil)
  }

  @Test func intReadsPlainDecimalIntegersOnly() throws {
    let doc = #"""
      {"n":42,"neg":-7,"zero":-0,"s":"42","esc":"4\u0032","max":9223372036854775807,
      "over":9223372036854775808,"min":-9223372036854775808,"under":-9223372036854775809,
      "frac":1.0,"exp":1e3,"empty":"","minus":"-","plus":"+5","space":" 12","word":"12a",
      "yes":true,"nil":null}
      """#
    let results = try withValue(doc) { value -> [String: Int?] in
      var ints: [String: Int?] = [:]
      value.object?.forEachMember { key, member in ints[key] = member.int }
      return ints
    }
    #expect(results["n"] == 42)
    #expect(results["neg"] == -7)
    #expect(results["zero"] == 0)
    #expect(results["s"] == 42)
    #expect(results["esc"] == 42)
    #expect(results["max"] == Int.max)
    #expect(results["over"] == .some(nil))
    #expect(results["min"] == Int.min)
    #expect(results["under"] == .some(nil))
    for key in ["frac", "exp", "empty", "minus", "plus", "space", "word", "yes", "nil"] {
      #expect(results[key] == .some(nil), "\(key) must not read as an integer")
    }
  }

  @Test func scalarTextBoolDoubleAndRawText() throws {
    let doc = #"{"s":"a\nb","n":1.50,"t":true,"f":false,"z":null,"o":{"k":[1, 2]},"T":"TRUE","F":"False","x":"yes"}"#
    try withValue(doc) { value in
      let object = try #require(value.object)
      #expect(object["s"]?.scalarText == "a\nb")
      #expect(object["n"]?.scalarText == "1.50")
      #expect(object["t"]?.scalarText == "true")
      #expect(object["f"]?.scalarText == "false")
      #expect(object["z"]?.scalarText == nil)
      #expect(object["o"]?.scalarText == nil)
      #expect(object["t"]?.bool == true)
      #expect(object["f"]?.bool == false)
      #expect(object["T"]?.bool == true)
      #expect(object["F"]?.bool == false)
      #expect(object["x"]?.bool == nil)
      #expect(object["n"]?.bool == nil)
      #expect(object["z"]?.bool == nil)
      #expect(object["n"]?.double == 1.5)
      #expect(object["s"]?.double == nil)
      #expect(object["s"]?.rawText == #""a\nb""#)
      #expect(object["o"]?.rawText == #"{"k":[1, 2]}"#)
      #expect(object["n"]?.rawText == "1.50")
      #expect(object["z"]?.isNull == true)
      #expect(object["s"]?.byteOffset == 5)
      #expect(object["o"]?.object?.byteOffset == 53)
    }
  }

  @Test func doubleReadsNumbersAndNumericStrings() throws {
    try withValue(#"[0.5e-3, "2.5", -0, 1e999, "x", "-1E2", "NaN", "inf", "0x10", " 1", "1 ", "01", true]"#) {
      value in
      let numbers = try #require(value.array).map(\.double)
      #expect(numbers[0] == 0.0005)
      #expect(numbers[1] == 2.5)
      #expect(numbers[2] == 0 && numbers[2]?.sign == .minus)
      #expect(numbers[3] == .infinity)
      #expect(numbers[5] == -100)
      for index in [4, 6, 7, 8, 9, 10, 11, 12] {
        #expect(numbers[index] == nil, "element \(index)")
      }
    }
  }

  @Test func duplicateKeysFirstWinsButEveryMemberIsVisited() throws {
    try withValue(#"{"a":1,"b":2,"a":3}"#) { value in
      let object = try #require(value.object)
      #expect(object["a"]?.int == 1)
      #expect(object.keys == ["a", "b", "a"])
      var seen: [String] = []
      object.forEachMember { key, member in seen.append("\(key)=\(member.rawText)") }
      #expect(seen == ["a=1", "b=2", "a=3"])
    }
  }

  @Test func escapedKeysMatchTheirDecodedName() throws {
    try withValue(#"{"a\u0062":1,"\u00e9t\u00e9":"summer","q\"":2}"#) { value in
      let object = try #require(value.object)
      #expect(object["ab"]?.int == 1)
      #expect(object["été"]?.string == "summer")
      #expect(object["q\""]?.int == 2)
      #expect(object.keys == ["ab", "été", "q\""])
    }
  }

  @Test func lookupsStayInTheirOwnObject() throws {
    let doc = #"{"x":{"a":"inner","deep":{"a":0}},"list":[{"a":9}],"a":"outer"}"#
    try withValue(doc) { value in
      let object = try #require(value.object)
      #expect(object["a"]?.string == "outer")
      #expect(object[path: "x", "a"]?.string == "inner")
      #expect(object[path: "x", "deep", "a"]?.int == 0)
      #expect(object[path: "x", "missing", "a"] == nil)
      #expect(object[path: "a", "b"] == nil)
      #expect(object[path: "list", "a"] == nil)
      #expect(object["missing"] == nil)
      #expect(object.contains("x"))
      #expect(!object.contains("deep"))
    }
  }

  @Test func containsSeesNullMembers() throws {
    try withValue(#"{"gone":null}"#) { value in
      let object = try #require(value.object)
      #expect(object.contains("gone"))
      #expect(object["gone"]?.isNull == true)
    }
  }

  @Test func arraysIterateElementsAndSkipSubtrees() throws {
    try withValue(#"[[1,2],{"a":[3,4]},"s",4,[],{}]"#) { value in
      let array = try #require(value.array)
      #expect(array.count == 6)
      #expect(array.map(\.kind) == [.array, .object, .string, .number, .array, .object])
      #expect(array.map(\.rawText) == ["[1,2]", #"{"a":[3,4]}"#, #""s""#, "4", "[]", "{}"])
      let inner = array.first(where: { $0.kind == .object })?.object?["a"]?.array
      #expect(inner?.map(\.int) == [3, 4])
    }
  }

  @Test func stringEqualsComparesDecodedText() throws {
    try withValue(#"["user_logged_in", "user\u005flogged_in", "user", 5]"#) { value in
      let array = try #require(value.array).map { $0 }
      #expect(array[0].stringEquals("user_logged_in"))
      #expect(array[1].stringEquals("user_logged_in"))
      #expect(!array[2].stringEquals("user_logged_in"))
      #expect(!array[3].stringEquals("5"))
    }
  }

  @Test func kindAndViewsMatch() throws {
    try withValue(#"{"a":[],"b":"s"}"#) { value in
      #expect(value.kind == .object)
      #expect(value.array == nil)
      #expect(value.object?["a"]?.object == nil)
      #expect(value.object?["a"]?.array?.count == 0)
      #expect(value.object?["b"]?.array == nil)
    }
  }
}
