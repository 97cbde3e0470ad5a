import IDTrailIngest
import Testing

@Suite struct CSVReaderTests {
  /// Reads every record of `bytes`.
  private func read(_ bytes: [UInt8], maximumRowBytes: Int = CSVReader.defaultMaximumRowBytes) -> [CSVRecord]
  {
    bytes.withUnsafeBytes { Array(CSVReader($0, maximumRowBytes: maximumRowBytes)) }
  }

  private func read(_ text: String, maximumRowBytes: Int = CSVReader.defaultMaximumRowBytes) -> [CSVRecord] {
    read(Array(text.utf8), maximumRowBytes: maximumRowBytes)
  }

  private func row(_ line: Int, _ fields: String...) -> CSVRecord {
    .row(CSVRow(line: line, fields: fields))
  }

  private func malformed(_ line: Int, _ kind: CSVSyntaxError.Kind, field: Int? = nil) -> CSVRecord {
    .malformed(line: line, CSVSyntaxError(kind, field: field))
  }

  // MARK: - Well-formed input

  @Test func readsRowsEndedByLineFeeds() {
    #expect(read("a,b,c\n1,2,3\n") == [row(1, "a", "b", "c"), row(2, "1", "2", "3")])
  }

  @Test func readsRowsEndedByCarriageReturnLineFeeds() {
    #expect(read("a,b\r\n1,2\r\n") == [row(1, "a", "b"), row(2, "1", "2")])
  }

  @Test func readsALastLineWithoutLineEnding() {
    #expect(read("a,b\n1,2") == [row(1, "a", "b"), row(2, "1", "2")])
    #expect(read("a,b\r\n1,2\r") == [row(1, "a", "b"), row(2, "1", "2")])
  }

  @Test func keepsCommasInsideQuotedFields() {
    #expect(read("\"Lee, Dana\",x\n") == [row(1, "Lee, Dana", "x")])
  }

  @Test func readsDoubledQuotesAsOneQuote() {
    #expect(read("\"say \"\"hi\"\"\",\"\"\"\"\n") == [row(1, "say \"hi\"", "\"")])
  }

  @Test func keepsLineBreaksInsideQuotedFieldsAndCountsTheirLines() {
    let records = read("h1,h2\n\"one\ntwo\r\nthree\",x\nnext,row\n")
    #expect(records == [row(1, "h1", "h2"), row(2, "one\ntwo\r\nthree", "x"), row(5, "next", "row")])
  }

  @Test func skipsAByteOrderMarkAtTheStartOnly() {
    #expect(read([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)) == [row(1, "a", "b")])
    #expect(
      read(Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b\n".utf8)) == [row(1, "a"), row(2, "\u{FEFF}b")])
  }

  @Test func readsEmptyFields() {
    #expect(read(",,\n") == [row(1, "", "", "")])
    #expect(read("a,\n") == [row(1, "a", "")])
    #expect(read("\"\",x\n") == [row(1, "", "x")])
  }

  @Test func skipsEmptyLinesButCountsThem() {
    #expect(read("\n\na\r\n\r\n\nb\n\n") == [row(3, "a"), row(6, "b")])
  }

  @Test func readsNothingFromEmptyInputs() {
    #expect(read("").isEmpty)
    #expect(read([0xEF, 0xBB, 0xBF]).isEmpty)
    #expect(read("\n\r\n\n").isEmpty)
  }

  @Test func keepsSpacesAndLoneCarriageReturnsInUnquotedFields() {
    #expect(read(" a , b\rc \n") == [row(1, " a ", " b\rc ")])
  }

  @Test func keepsMultiByteCharacters() {
    #expect(read("Zoë,東京,\"🙂,🙂\"\n") == [row(1, "Zoë", "東京", "🙂,🙂")])
  }

  @Test func keepsFormulaLikeValuesAsText() {
    #expect(
      read("=cmd|' /C calc'!A0,@SUM(1+1),+1,-2\n") == [row(1, "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1", "-2")])
  }

  // MARK: - Malformed rows

  @Test func reportsAStrayQuoteAndGoesOnAtTheNextLine() {
    let records = read("a,b\"c,d\ne,f\n")
    #expect(records == [malformed(1, .strayQuote, field: 2), row(2, "e", "f")])
  }

  @Test func reportsTextAfterAClosingQuoteAndGoesOnAtTheNextLine() {
    let records = read("\"a\"b,c\nd,e\n")
    #expect(records == [malformed(1, .textAfterClosingQuote, field: 1), row(2, "d", "e")])
  }

  @Test func reportsTextAfterAClosingQuoteOnALaterLineOfTheRow() {
    // The row starts on line 1; the bad quote is on line 2, so reading goes on at line 3.
    let records = read("x,\"multi\nline\"oops,y\nnext\n")
    #expect(records == [malformed(1, .textAfterClosingQuote, field: 2), row(3, "next")])
  }

  @Test func reportsAnUnterminatedQuoteAndGoesOnAtTheLineAfterIt() {
    let records = read("a,b\nc,\"never closed\nd,e\nf,g")
    #expect(
      records == [
        row(1, "a", "b"), malformed(2, .unterminatedQuote(openedOnLine: 2), field: 2), row(3, "d", "e"),
        row(4, "f", "g"),
      ])
  }

  @Test func readsTheLinesAfterAnUnterminatedQuoteAsNewRows() {
    // Inside the never-closed field the quotes pair up; read again as rows, they do not.
    let records = read("\"one\nok,\"\"x\"\"\nz")
    #expect(
      records == [
        malformed(1, .unterminatedQuote(openedOnLine: 1), field: 1),
        malformed(2, .textAfterClosingQuote, field: 2), row(3, "z"),
      ])
  }

  @Test func reportsInvalidUTF8AndGoesOn() {
    let bytes = Array("a,b\n".utf8) + [0x78, 0xFF, 0x2C, 0x79, 0x0A] + Array("c,d\n".utf8)
    #expect(read(bytes) == [row(1, "a", "b"), malformed(2, .invalidUTF8), row(3, "c", "d")])
  }

  @Test(arguments: [
    [UInt8]([0xC0, 0xAF]),  // overlong '/'
    [0xED, 0xA0, 0x80],  // UTF-16 surrogate
    [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
    [0xE2, 0x82],  // cut short by the field's end
    [0x80],  // stray continuation byte
  ])
  func rejectsEveryKindOfInvalidUTF8(_ sequence: [UInt8]) {
    let bytes = [0x22] + sequence + Array("\",x\nok\n".utf8)
    #expect(read(bytes) == [malformed(1, .invalidUTF8), row(2, "ok")])
  }

  @Test func reportsRowsLongerThanTheLimitAndGoesOn() {
    let long = String(repeating: "x,", count: 40) + "x"
    let records = read("short\n\(long)\n\"quoted\nlong \(long)\"\nafter\n", maximumRowBytes: 32)
    #expect(
      records == [
        row(1, "short"), malformed(2, .rowTooLong(limit: 32)), malformed(3, .rowTooLong(limit: 32)),
        row(5, "after"),
      ])
  }

  @Test func describesErrorsWithWhereAndWhatToDo() {
    #expect(
      CSVSyntaxError(.unterminatedQuote(openedOnLine: 7), field: 3).description
        == "field 3: the quoted field opened on line 7 is never closed before the end of the input")
    #expect(
      CSVSyntaxError(.strayQuote, field: 2).description
        == "field 2: a quote (\") inside a field that does not start with one; "
        + "quote the whole field and double the quotes inside it (RFC 4180)")
    #expect(
      CSVSyntaxError(.textAfterClosingQuote, field: 1).description
        == "field 1: text after a closing quote; a quoted field must end at a comma or line break, "
        + "and quotes inside it must be doubled (RFC 4180)")
    #expect(
      CSVSyntaxError(.invalidUTF8).description == "the row is not valid UTF-8; re-export the file as UTF-8")
    #expect(
      CSVSyntaxError(.rowTooLong(limit: 10)).description
        == "the row is longer than 10 bytes, more than any export writes; the file is damaged")
  }

  // MARK: - Header

  @Test func findsColumnsByTrimmedCaseSensitiveName() {
    let header = CSVHeader([" ID", "Action\t", "action", "ID"])
    #expect(header.names == ["ID", "Action", "action", "ID"])
    #expect(header.count == 4)
    #expect(header.index(of: "ID") == 0)
    #expect(header.index(of: " Action ") == 1)
    #expect(header.index(of: "action") == 2)
    #expect(header.index(of: "ACTION") == nil)
    #expect(header.index(of: "Missing") == nil)
  }

  @Test func readsValuesByColumnName() {
    let header = CSVHeader(["ID", "Author Name", "Action"])
    let full = CSVRow(line: 2, fields: ["7", "Jane", "Blocked user"])
    let short = CSVRow(line: 3, fields: ["8"])
    #expect(header.value("Action", in: full) == "Blocked user")
    #expect(header.value("Author Name", in: short) == nil)
    #expect(header.value("ID", in: short) == "8")
    #expect(header.value("Nope", in: full) == nil)
  }

  // MARK: - Any bytes at all

  @Test func roundTripsQuotedFields() {
    var random = CSVSplitMix64(seed: 42)
    let alphabet: [String] = ["a", "Z", " ", ",", "\"", "\n", "\r\n", "é", "🙂", "="]
    for _ in 0..<500 {
      let rows = (0..<Int.random(in: 1...4, using: &random)).map { _ in
        (0..<Int.random(in: 1...5, using: &random)).map { _ in
          (0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? ""
          }
          .joined()
        }
      }
      let text = rows.map { fields in
        fields.map { "\"" + $0.replacingQuotes() + "\"" }.joined(separator: ",")
      }.joined(separator: "\r\n")
      let fields = read(text).compactMap { record -> [String]? in
        if case .row(let row) = record { return row.fields }
        return nil
      }
      #expect(fields == rows, "\(text.debugDescription)")
    }
  }

  @Test func neverTrapsOnRandomBytes() {
    var random = CSVSplitMix64(seed: 7)
    let interesting: [UInt8] = [0x2C, 0x22, 0x0D, 0x0A, 0x61, 0xFF, 0xC3, 0xA9, 0xEF, 0xBB, 0xBF, 0x00]
    for round in 0..<3000 {
      let count = Int.random(in: 0...200, using: &random)
      let bytes: [UInt8] = (0..<count).map { _ in
        round % 2 == 0
          ? UInt8.random(in: 0...255, using: &random)
          : interesting.randomElement(using: &random) ?? 0
      }
      let records = read(bytes, maximumRowBytes: 64)
      let lineCount = bytes.count { $0 == 0x0A } + 1
      var previousLine = 0
      for record in records {
        let line: Int
        switch record {
        case .row(let row): line = row.line
        case .malformed(let at, _): line = at
        }
        #expect(line > previousLine && line <= lineCount, "round \(round)")
        previousLine = line
      }
    }
  }
}

extension String {
  fileprivate func replacingQuotes() -> String {
    split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
  }
}

/// A seeded generator (SplitMix64), so that the random tests read the same bytes on every run.
struct CSVSplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
