import Foundation
import Testing

@testable import IDTrailXML

/// What a reading yielded, in order, in a form tests can compare.
private enum Item: Equatable, CustomStringConvertible {
  case record(name: String, line: Int)
  case rejected(XMLReadError)

  var description: String {
    switch self {
    case .record(let name, let line): return "record \(name)@\(line)"
    case .rejected(let error): return "rejected@\(error.line): \(error)"
    }
  }
}

private let eventReader = XMLRecordReader(resumeTag: "Event") { $0.name == "Event" }

private func read(_ bytes: [UInt8], with reader: XMLRecordReader = eventReader) -> ([Item], [XMLRecord]) {
  var items: [Item] = []
  var records: [XMLRecord] = []
  bytes.withUnsafeBytes { buffer in
    reader.read(buffer) { result in
      switch result {
      case .record(let record):
        items.append(.record(name: record.root.name, line: record.line))
        records.append(record)
      case .rejected(let error):
        items.append(.rejected(error))
      }
    }
  }
  return (items, records)
}

private func read(_ text: String, with reader: XMLRecordReader = eventReader) -> ([Item], [XMLRecord]) {
  read(Array(text.utf8), with: reader)
}

private func event(_ id: Int, user: String = "jdoe") -> String {
  "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><EventID>\(id)</EventID>"
    + "<TimeCreated SystemTime=\"2024-06-30T17:39:58.4129037Z\"/></System><EventData>"
    + "<Data Name=\"TargetUserName\">\(user)</Data></EventData></Event>"
}

@Suite struct XMLRecordReaderTests {
  @Test func readsARootlessRunOfEvents() throws {
    let (items, records) = read(event(4725) + "\n" + event(4726, user: "kim") + "\n")
    #expect(items == [.record(name: "Event", line: 1), .record(name: "Event", line: 2)])
    let second = try #require(records.last).root
    #expect(second.namespace == "http://schemas.microsoft.com/win/2004/08/events/event")
    #expect(second.child("System")?.childText("EventID") == "4726")
    #expect(
      second.child("System")?.child("TimeCreated")?.attribute("SystemTime") == "2024-06-30T17:39:58.4129037Z")
    let data = try #require(second.child("EventData")?.child("Data"))
    #expect(data.attribute("Name") == "TargetUserName")
    #expect(data.text == "kim")
    #expect(data.attributes == [XMLAttribute(name: "Name", namespace: nil, value: "TargetUserName")])
  }

  @Test func readsEventsUnderARootWithADeclaration() {
    let text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Events>\n" + event(4720) + "\n" + event(4722)
      + "\n</Events>\n"
    let (items, _) = read(text)
    #expect(items == [.record(name: "Event", line: 3), .record(name: "Event", line: 4)])
  }

  @Test func readsCRLFLinesAndKeepsLineNumbers() throws {
    let text =
      "<Events>\r\n<Event>\r\n  <System>\r\n    <EventID>4740</EventID>\r\n  </System>\r\n</Event>\r\n"
      + "<Event>\r\n  <Data Name=\"A\">x\r\ny</Data>\r\n</Event>\r\n</Events>\r\n"
    let (items, records) = read(text)
    #expect(items == [.record(name: "Event", line: 2), .record(name: "Event", line: 7)])
    #expect(records[0].root.child("System")?.line == 3)
    #expect(records[0].root.text == "")
    #expect(records[1].root.child("Data")?.text == "x\ny")
  }

  @Test func readsUTF16LittleEndianWithABOM() throws {
    let text =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n" + event(4720, user: "josé") + "\r\n" + event(4722)
      + "\r\n"
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let (items, records) = read(bytes)
    #expect(items == [.record(name: "Event", line: 2), .record(name: "Event", line: 3)])
    #expect(records.first?.root.child("EventData")?.childText("Data") == "josé")
  }

  @Test func readsUTF8WithABOM() {
    let (items, _) = read([0xEF, 0xBB, 0xBF] + Array(event(4720).utf8))
    #expect(items == [.record(name: "Event", line: 1)])
  }

  @Test func acceptsTheEventViewerCopyWithDashes() throws {
    let text = "- <Event>\n- <System>\n <EventID>4720</EventID> \n </System>\n </Event>\n"
    let (items, records) = read(text)
    #expect(items == [.record(name: "Event", line: 1)])
    #expect(records.first?.root.child("System")?.childText("EventID") == "4720")
  }

  @Test func rejectsTenThousandDeepNestingQuickly() {
    let text = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
    let start = ContinuousClock.now
    let (items, _) = read(text, with: XMLRecordReader { $0.name == "Event" })
    #expect(ContinuousClock.now - start < .seconds(1))
    #expect(items == [.rejected(XMLReadError(.tooDeep(limit: 64), line: 1))])
  }

  @Test func rejectsARecordNestedTooDeepAndReadsTheNext() {
    let deep =
      "<Event>" + String(repeating: "<a>", count: 70) + String(repeating: "</a>", count: 70) + "</Event>"
    let (items, _) = read(deep + "\n" + event(4720))
    #expect(
      items == [.rejected(XMLReadError(.tooDeep(limit: 64), line: 1)), .record(name: "Event", line: 2)])
  }

  @Test func rejectsARecordWithTooLongATextAndReadsTheNext() {
    var reader = eventReader
    reader.limits.maximumTextBytes = 40
    let long = event(4720, user: String(repeating: "x", count: 41))
    let (items, _) = read(long + "\n" + event(4722, user: String(repeating: "y", count: 40)), with: reader)
    #expect(
      items == [.rejected(XMLReadError(.textTooLong(limit: 40), line: 1)), .record(name: "Event", line: 2)])
  }

  @Test func rejectsAnAttributeValueOverTheTextLimit() {
    var reader = eventReader
    reader.limits.maximumTextBytes = 8
    let (items, _) = read("<Event a=\"123456789\"/>\n<Event a=\"12345678\"/>", with: reader)
    #expect(
      items == [.rejected(XMLReadError(.textTooLong(limit: 8), line: 1)), .record(name: "Event", line: 2)])
  }

  @Test func rejectsBillionLaughsBeforeParsing() {
    var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
    for level in 1...9 {
      let previous = level == 1 ? "lol" : "lol\(level - 1)"
      text += " <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
    }
    text += "]>\n<Event>&lol9;</Event>\n"
    let start = ContinuousClock.now
    let (items, _) = read(text)
    #expect(ContinuousClock.now - start < .seconds(1))
    #expect(items == [.rejected(XMLReadError(.declaresEntities, line: 2))])
  }

  @Test func rejectsAnExternalSystemEntityBeforeParsing() throws {
    let secret = try SecretFile("idtrail-xxe-secret-4711")
    let text = "<!DOCTYPE Event [<!ENTITY xxe SYSTEM \"file://\(secret.path)\">]>\n<Event>&xxe;</Event>"
    let (items, records) = read(text)
    #expect(items == [.rejected(XMLReadError(.declaresEntities, line: 1))])
    #expect(records.isEmpty)
  }

  /// STYLE.md Part B item 4: with XML_PARSE_NONET and without XML_PARSE_NOENT, libxml2 itself neither
  /// fetches nor expands an external SYSTEM entity, even when the reader's own refusal is off: the
  /// reader gives libxml2 no entity look-up, so the reference is an undeclared entity.
  @Test func libxml2AloneDoesNotExpandASystemEntity() throws {
    let secret = try SecretFile("idtrail-xxe-secret-4712")
    var reader = eventReader
    reader.refusesEntityDeclarations = false
    let text =
      "<!DOCTYPE Events [<!ENTITY xxe SYSTEM \"file://\(secret.path)\">]>\n<Events>\n"
      + "<Event><Data>&xxe;</Data></Event>\n<Event><Data>plain</Data></Event>\n</Events>"
    let (items, records) = read(text, with: reader)
    #expect(
      items == [
        .rejected(
          XMLReadError(.malformed(message: "Entity 'xxe' not defined", errorLine: 3), line: 3)),
        .record(name: "Event", line: 4),
      ])
    #expect(records.allSatisfy { !String(describing: $0.root.children.map(\.text)).contains(secret.content) })
  }

  @Test func doesNotFetchAnExternalDTD() throws {
    let secret = try SecretFile("idtrail-dtd-secret-4713")
    let dtd = try SecretFile("<!ENTITY leak SYSTEM \"file://\(secret.path)\">", name: "external.dtd")
    let text = "<!DOCTYPE Event SYSTEM \"file://\(dtd.path)\">\n<Event><Data>&leak;</Data></Event>\n"
    let (items, records) = read(text)
    #expect(records.isEmpty)
    // Had the DTD been loaded, &leak; would be declared (and, with substitution, the secret read).
    #expect(items == [.rejected(XMLReadError(.entityReference(name: "leak"), line: 2))])
    #expect(!items.description.contains(secret.content))
  }

  @Test func truncatedDocumentKeepsTheRecordsBeforeTheCut() {
    let whole = event(4720) + "\n" + event(4722) + "\n" + event(4725)
    let cut = String(whole.prefix(whole.utf8.count - 40))
    let (items, _) = read(cut)
    #expect(items.count == 3)
    #expect(Array(items.prefix(2)) == [.record(name: "Event", line: 1), .record(name: "Event", line: 2)])
    guard case .rejected(let error) = items.last, case .malformed(_, let errorLine) = error.kind else {
      Issue.record("expected a malformed-XML rejection, got \(items)")
      return
    }
    #expect(error.line == 3)
    #expect(errorLine == 3)
  }

  @Test func malformedRecordInTheMiddleIsRejectedAndReadingGoesOn() {
    let broken =
      "<Event><System><EventID>4722</EventID></System><EventData><Data Name=\"X\">a</Dta></EventData></Event>"
    let (items, _) = read(event(4720) + "\n" + broken + "\n" + event(4725) + "\n" + event(4726))
    #expect(items.count == 4)
    #expect(items[0] == .record(name: "Event", line: 1))
    guard case .rejected(let error) = items[1] else {
      Issue.record("expected a rejection, got \(items)")
      return
    }
    #expect(error.line == 2)
    #expect(error.description.contains("Opening and ending tag mismatch: Data line 2 and Dta"))
    #expect(Array(items[2...]) == [.record(name: "Event", line: 3), .record(name: "Event", line: 4)])
  }

  @Test func shortRecordsBeforeAMalformedOneAreNotLostToReadAhead() {
    let small = (1...5).map { "<Event><EventID>\($0)</EventID></Event>" }
    let text =
      small.joined(separator: "\n") + "\n<Event><EventID>6</Event>\n<Event><EventID>7</EventID></Event>\n"
    let (items, _) = read(text)
    #expect(items.count == 7)
    #expect(items.prefix(5) == (1...5).map { .record(name: "Event", line: $0) }[...])
    #expect(items.last == .record(name: "Event", line: 7))
  }

  @Test func withoutAResumeTagTheFirstMalformedXMLEndsTheReading() {
    let reader = XMLRecordReader { $0.name == "Event" }
    let padding = "<!--" + String(repeating: " ", count: 5000) + "-->\n"
    let (items, _) = read(event(1) + "\n" + padding + "<Event><x></Event>\n" + event(3), with: reader)
    #expect(
      items == [
        .record(name: "Event", line: 1),
        .rejected(
          XMLReadError(
            .malformed(message: "Opening and ending tag mismatch: x line 3 and Event", errorLine: 3), line: 3)
        ),
      ])
  }

  @Test func partsReadInOrderYieldWhatTheWholeReadYields() throws {
    var text = "<Events>\n"
    for index in 0..<2000 {
      text += index == 1234 ? "<Event><Broken></Event>\n" : event(4720 + index % 10, user: "u\(index)") + "\n"
    }
    text += "</Events>\n"
    let bytes = Array(text.utf8)
    let (whole, _) = read(bytes)
    var pieces: [Item] = []
    var partCount = 0
    bytes.withUnsafeBytes { buffer in
      let parts = eventReader.parts(of: buffer, count: 7)
      partCount = parts.count
      for part in parts {
        eventReader.read(buffer, part: part) { result in
          switch result {
          case .record(let record): pieces.append(.record(name: record.root.name, line: record.line))
          case .rejected(let error): pieces.append(.rejected(error))
          }
        }
      }
    }
    #expect(partCount == 7)
    #expect(whole.count == 2000)
    #expect(pieces == whole)
    if whole.count == 2000 {
      #expect(
        whole[1234]
          == .rejected(
            XMLReadError(
              .malformed(
                message: "Opening and ending tag mismatch: Broken line 1236 and Event", errorLine: 1236),
              line: 1236)))
    }

  }

  /// libxml2 copies a namespace URI per declaration and frees it with its element, so a later URI
  /// can land at the same address: namespaces must be told apart by text, not by pointer.
  @Test func namespacesDeclaredPerRecordAreToldApartByText() {
    let reader = XMLRecordReader { $0.namespace == "urn:example:records" }
    var text = ""
    for index in 0..<600 {
      let namespace = index % 3 == 0 ? "urn:example:other" : "urn:example:records"
      text += "<m xmlns=\"\(namespace)\" n=\"\(index)\"><v>\(index)</v></m>\n"
    }
    var seen: [String] = []
    Array(text.utf8).withUnsafeBytes { buffer in
      reader.read(buffer) { result in
        if case .record(let record) = result {
          seen.append((record.root.namespace ?? "-") + " " + (record.root.attribute("n") ?? "-"))
        }
      }
    }
    #expect(seen == (0..<600).filter { $0 % 3 != 0 }.map { "urn:example:records \($0)" })
  }

  @Test func linesStayExactPastSixtyFiveThousand() {
    let text = String(repeating: "<Event><EventID>4624</EventID></Event>\n", count: 70_000)
    var lines: [Int] = []
    Array(text.utf8).withUnsafeBytes { buffer in
      eventReader.read(buffer) { if case .record(let record) = $0 { lines.append(record.line) } }
    }
    #expect(lines.count == 70_000)
    #expect(lines.last == 70_000)
    #expect(lines == Array(1...70_000))
  }

  @Test func selectsRecordsByStartTag() {
    let reader = XMLRecordReader { $0.name == "error" && $0.parent == "errors" }
    let text = "<Response><errors><error><description>no</description></error><error/></errors></Response>"
    let (items, records) = read(text, with: reader)
    #expect(items == [.record(name: "error", line: 1), .record(name: "error", line: 1)])
    #expect(records.first?.root.childText("Description", ignoringCase: true) == "no")
  }
}

/// A file in a fresh temporary folder, removed when the test ends.
private final class SecretFile {
  let path: String
  let content: String

  init(_ content: String, name: String = "secret.txt") throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("idtrail-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try content.write(to: url, atomically: true, encoding: .utf8)
    self.path = url.path
    self.content = content
  }

  deinit {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
  }
}

@Suite struct XMLRecordValueTests {
  @Test func attributeAndTextEntitiesAreDecoded() throws {
    let reader = XMLRecordReader { $0.name == "e" }
    let text = "<e k='a &amp; b &lt; &#38; &#x41; &quot;' empty=''>x &amp; y &lt; z<![CDATA[ <raw> ]]></e>"
    var records: [XMLRecord] = []
    Array(text.utf8).withUnsafeBytes { buffer in
      reader.read(buffer) { if case .record(let record) = $0 { records.append(record) } }
    }
    let element = try #require(records.first).root
    #expect(element.attribute("k") == "a & b < & A \"")
    #expect(element.attribute("empty") == "")
    #expect(element.text == "x & y < z <raw> ")
  }
}
