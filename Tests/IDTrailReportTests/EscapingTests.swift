import IDTrailReport
import Testing

@Suite struct EscapingTests {
  @Test(arguments: [
    ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
    ("a & b \"c\"", "a &amp; b &quot;c&quot;"),
    ("plain", "plain"),
  ])
  func html(input: String, expected: String) {
    #expect(Escaping.html(input) == expected)
  }

  @Test(arguments: [
    ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
    ("+1", "'+1"),
    ("-2", "'-2"),
    ("@cmd", "'@cmd"),
    ("\tx", "'\tx"),
    ("a,b", "\"a,b\""),
    ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("two\nlines", "\"two\nlines\""),
    ("=a,b", "\"'=a,b\""),
    ("ok", "ok"),
  ])
  func csvCell(input: String, expected: String) {
    #expect(Escaping.csvCell(input) == expected)
  }

  @Test func xmlReplacesForbiddenControlCharacters() {
    #expect(Escaping.xml("a\u{01}b<c>") == "a\u{FFFD}b&lt;c&gt;")
  }

  @Test func markdownCellNeutralisesPipesAndMarkup() {
    #expect(Escaping.markdownCell("a|b <i>\nc") == "a\\|b &lt;i&gt; c")
  }
}
