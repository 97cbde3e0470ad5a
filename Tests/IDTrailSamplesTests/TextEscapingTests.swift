import Testing

@testable import IDTrailSamples

@Suite struct TextEscapingTests {
  @Test func jsonStringsEscapeQuotesBackslashesAndControls() {
    #expect(JSONText.string("say \"hi\"\\ \n\t\u{01}é").compact == #""say \"hi\"\\ \n\t\u0001é""#)
    #expect(JSONText.object([("b", .int(2)), ("a", .null)]).compact == #"{"b":2,"a":null}"#)
  }

  @Test(arguments: [
    (21, 2, "0.21"), (100, 3, "0.1"), (5, 4, "0.0005"), (12_345, 2, "123.45"), (-7, 1, "-0.7"), (3, 0, "3"),
  ])
  func decimalsAreWrittenWithoutFloats(value: Int, scale: Int, text: String) {
    #expect(JSONText.decimalText(value, scale: scale) == text)
  }

  @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
    #expect(TextEscaping.csv("plain") == "plain")
    #expect(TextEscaping.csv("Fix flaky \"login\" spec") == "\"Fix flaky \"\"login\"\" spec\"")
    #expect(TextEscaping.csv("a, b") == "\"a, b\"")
    #expect(TextEscaping.csv("two\nlines") == "\"two\nlines\"")
  }

  @Test func xmlEscapesMarkupCharacters() {
    #expect(TextEscaping.xml("O'Neill & <Sons> \"Ltd\"") == "O&apos;Neill &amp; &lt;Sons&gt; &quot;Ltd&quot;")
  }

  @Test func prettyJSONKeepsFlatObjectsOnOneLine() {
    let value = JSONText.object([("a", .array([.object([("x", .int(1))])])), ("b", .string("c"))])
    #expect(value.pretty == "{\n  \"a\": [\n    {\"x\":1}\n  ],\n  \"b\": \"c\"\n}\n")
  }

  @Test func theGeneratorIsDeterministicAndUniform() {
    var random = SampleRandom(seed: 42)
    var copy = SampleRandom(seed: 42)
    #expect((0..<5).map { _ in random.next() } == (0..<5).map { _ in copy.next() })
    var counts = [0, 0, 0, 0]
    for _ in 0..<40_000 { counts[random.below(4)] += 1 }
    #expect(counts.allSatisfy { (9_500...10_500).contains($0) })
    #expect(random.uuid().count == 36)
  }
}
