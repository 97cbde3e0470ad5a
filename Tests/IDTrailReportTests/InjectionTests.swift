import Foundation
import IDTrailReport
import IDTrailXML
import Testing

/// Hostile names, summaries and locators through every renderer: nothing they hold can run, link,
/// break the file's structure or reach a terminal as a control character.
@Suite struct InjectionTests {
  private func files(_ renderer: any ReportRenderer) throws -> [String: String] {
    Dictionary(
      uniqueKeysWithValues: try renderer.render(HostileReport.report, context: RenderContext()).map {
        ($0.name, $0.contents)
      })
  }

  private func single(_ renderer: any ReportRenderer) throws -> String {
    try #require(try files(renderer).values.first)
  }

  /// No control character, escape sequence or bidirectional override survives.
  private func expectNoForbiddenScalars(
    _ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for scalar in HostileReport.forbiddenScalars {
      #expect(
        !text.unicodeScalars.contains(scalar),
        "\(name) holds U+\(String(scalar.value, radix: 16, uppercase: true))",
        sourceLocation: sourceLocation)
    }
  }

  // MARK: - HTML

  @Test func htmlEscapesEveryHostileText() throws {
    let html = try single(HTMLRenderer())
    // The page's own script is the only one, and no hostile markup survives as markup.
    let scripts = html.components(separatedBy: "<script").count - 1
    #expect(scripts == 1)
    let active = ["<script>alert", "<img", "<failure", "href=\"http", "src=\"http"].filter {
      html.contains($0)
    }
    #expect(active.isEmpty)
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("=HYPERLINK(&quot;http://x&quot;)"))
    #expect(html.contains("]]&gt;&lt;/failure&gt;"))
    // Attribute values stay closed: an escaped quote cannot end `data-control="…"`.
    #expect(
      html.contains(
        "data-control=\"ctl =HYPERLINK(&quot;http://x&quot;) &lt;script&gt;alert(1)&lt;/script&gt;\""))
    expectNoForbiddenScalars(html, "report.html")
  }

  @Test func htmlFoldsLongTextsWithoutLosingThem() throws {
    let html = try single(HTMLRenderer())
    #expect(
      html.contains(
        "<details class=\"more\"><summary>more</summary>&lt;script&gt;alert(1)&lt;/script&gt;; =HYPERLINK("))
  }

  // MARK: - CSV

  @Test func csvCellsAreQuotedAndGuarded() throws {
    for (name, text) in try files(CSVRenderer()) {
      let rows = try CSVTestReader.rows(text)
      let header = try #require(rows.first, "\(name) is empty")
      for (index, row) in rows.enumerated() {
        #expect(
          row.count == header.count,
          "\(name) row \(index + 1) has \(row.count) cells, the header \(header.count)")
        for cell in row {
          let first = cell.unicodeScalars.first { $0 != " " }
          #expect(
            first.map { !"=+-@\t\r".unicodeScalars.contains($0) } ?? true,
            "\(name): formula cell \(cell.debugDescription)")
        }
      }
      expectNoForbiddenScalars(text, name)
    }
    let people = try #require(try files(CSVRenderer())["people.csv"])
    let cells = try CSVTestReader.rows(people).flatMap { $0 }
    #expect(cells.contains("'=HYPERLINK(\"http://x\")"))
    #expect(cells.contains("<script>alert(1)</script>"))
    #expect(cells.contains("one\ntwo\r\nthree\u{FFFD}nul\u{FFFD}[31mred\u{FFFD}c1\u{FFFD}rlo\tend"))
  }

  // MARK: - Markdown

  @Test func markdownTablesKeepTheirShapeAndNothingRenders() throws {
    let markdown = try single(MarkdownRenderer())
    var columns: Int?
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      guard line.hasPrefix("|") else {
        columns = nil
        continue
      }
      let count = Self.unescapedPipes(line)
      if let columns {
        #expect(count == columns, "table row breaks its table: \(line)")
      } else {
        columns = count
      }
    }
    // Only the renderer's own tags; every `<` from the report is an entity.
    var rest = markdown
    for tag in ["<br>", "<code>", "</code>", "<details>", "</details>", "<summary>", "</summary>"] {
      rest = rest.replacingOccurrences(of: tag, with: "")
    }
    #expect(!rest.contains("<"), "report.md holds raw markup")
    #expect(markdown.firstMatch(of: /[^\\]\]\(/) == nil, "report.md holds a link")
    let active = ["![", "[e]", "**d**", " @all", " #1", " !2", " ~3", "`c`"].filter { markdown.contains($0) }
    #expect(active.isEmpty)
    #expect(
      markdown.contains(
        "a\\|b \\`c\\` \\*\\*d\\*\\* \\[e\\](http://x) \\!\\[f\\](http://x/p.png) \\@all \\#1 \\!2 \\~3"))
    expectNoForbiddenScalars(markdown, "report.md")
  }

  /// Pipes that end a cell: those not escaped by an odd run of backslashes.
  private static func unescapedPipes(_ line: String) -> Int {
    var count = 0
    var backslashes = 0
    for character in line {
      if character == "|" && backslashes % 2 == 0 { count += 1 }
      backslashes = character == "\\" ? backslashes + 1 : 0
    }
    return count
  }

  // MARK: - JUnit

  @Test func junitIsValidAgainstTheSchemaAndKeepsTheTextInert() throws {
    let xml = try single(JUnitRenderer())
    try XMLSchemaValidation.validate(xml, against: try JUnitSchema.text(), documentName: "junit.xml")
    #expect(!xml.contains(HostileReport.xmlEnd))
    #expect(!xml.contains("<script"))
    #expect(xml.contains("]]&gt;&lt;/failure&gt;"))
    #expect(xml.contains("&#13;"), "a carriage return is kept as a reference")
    expectNoForbiddenScalars(xml, "junit.xml")
  }

  // MARK: - JSON

  @Test func jsonIsValidAndCarriesTheTextsExactly() throws {
    let text = try single(JSONRenderer())
    _ = try JSONSerialization.jsonObject(with: Data(text.utf8))
    let decoded = try JSONDecoder().decode(Report.self, from: Data(text.utf8))
    #expect(decoded == HostileReport.report)
    #expect(!text.unicodeScalars.contains("\u{0}"))
    #expect(!text.unicodeScalars.contains("\u{1B}"))
  }

  @Test func codeQualityIsValidJSONWithTheRequiredKeys() throws {
    let text = try single(CodeQualityRenderer())
    let issues = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    #expect(issues.count == HostileReport.report.findings.count)
    try CodeQualityKeys.check(issues)
    #expect(
      issues.compactMap { $0["description"] as? String }.contains { $0.hasSuffix(HostileReport.controls) })
  }

  // MARK: - OpenMetrics

  @Test func metricsLinesFollowTheOpenMetricsGrammar() throws {
    let text = try single(MetricsRenderer())
    let sample =
      /[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")*\})? -?[0-9]+(\.[0-9]+)?/
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.last == "# EOF")
    for line in lines where !line.hasPrefix("# ") {
      #expect(line.wholeMatch(of: sample) != nil, "not an OpenMetrics sample: \(line.debugDescription)")
    }
    #expect(
      text.contains(
        "idtrail_findings{control=\"ctl =HYPERLINK(\\\"http://x\\\") <script>alert(1)</script>\"} 2\n"))
    expectNoForbiddenScalars(text, "metrics.txt")
    #expect(!text.unicodeScalars.contains("\r"))
  }
}

/// The JUnit schema committed under `Tests/Schemas`.
enum JUnitSchema {
  static func text() throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Schemas/junit.xsd")
    return try String(contentsOf: url, encoding: .utf8)
  }
}

/// GitLab's Code Quality report: the keys every issue must have.
enum CodeQualityKeys {
  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  static let severities: Set<String> = ["info", "minor", "major", "critical", "blocker"]

  /// Throws for the first issue that lacks a required key or has one of the wrong type; checks
  /// that fingerprints are unique (GitLab merges issues that share one).
  static func check(_ issues: [[String: Any]]) throws {
    var fingerprints: Set<String> = []
    for (index, issue) in issues.enumerated() {
      func fail(_ what: String) -> Missing { Missing(description: "issue \(index): \(what)") }
      guard let description = issue["description"] as? String, !description.isEmpty else {
        throw fail("no description")
      }
      guard let check = issue["check_name"] as? String, !check.isEmpty else { throw fail("no check_name") }
      guard let fingerprint = issue["fingerprint"] as? String, !fingerprint.isEmpty else {
        throw fail("no fingerprint")
      }
      guard fingerprints.insert(fingerprint).inserted else {
        throw fail("fingerprint \(fingerprint) repeats")
      }
      guard let severity = issue["severity"] as? String, severities.contains(severity) else {
        throw fail("bad severity")
      }
      guard let location = issue["location"] as? [String: Any], let path = location["path"] as? String,
        !path.isEmpty
      else { throw fail("no location.path") }
      guard let lines = location["lines"] as? [String: Any], let begin = lines["begin"] as? Int, begin >= 1
      else { throw fail("no location.lines.begin") }
    }
  }
}

/// Reads CSV as RFC 4180 writes it, for checking the renderer's files.
enum CSVTestReader {
  struct Malformed: Error, CustomStringConvertible {
    var description: String
  }

  static func rows(_ text: String) throws -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var cell = ""
    var quoted = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let scalar = pending {
      pending = scalars.next()
      if quoted {
        if scalar == "\"" {
          if pending == "\"" {
            cell.unicodeScalars.append("\"")
            pending = scalars.next()
          } else {
            quoted = false
          }
        } else {
          cell.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"" where cell.isEmpty: quoted = true
      case "\"": throw Malformed(description: "a quote inside an unquoted cell: \(cell)")
      case ",":
        row.append(cell)
        cell = ""
      case "\r":
        guard pending == "\n" else { throw Malformed(description: "a bare carriage return after \(cell)") }
        pending = scalars.next()
        row.append(cell)
        rows.append(row)
        (row, cell) = ([], "")
      case "\n": throw Malformed(description: "a bare line feed after \(cell)")
      default: cell.unicodeScalars.append(scalar)
      }
    }
    guard !quoted else { throw Malformed(description: "an unterminated quoted cell") }
    guard row.isEmpty && cell.isEmpty else { throw Malformed(description: "the last line lacks CRLF") }
    return rows
  }
}
