import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

extension HostileInputTests {
  /// A 200 MB single line and 100,000 nested brackets: read in linear time and bounded memory, and
  /// rejected where a limit applies.
  ///
  /// Memory: the input is memory-mapped, so reading a 200 MB file adds up to 200 MB of resident
  /// file pages; each bound allows that and one copy of the largest value (`PeakMemory.limit` adds
  /// room for other suites). Measured growth (debug build, Linux): 200 MB for the cut line, 0 for
  /// the line of text, 399 MB for the well-formed line, 199 MB for the CSV row, 200 MB for the XML
  /// value, 0 for each nesting case.
  @Suite struct LargeInputTests {
    static let lineBytes = 200 << 20

    @Test func a200MBLineCutInAValueIsRejectedAsTruncated() throws {
      let workspace = try HostileWorkspace()
      let file = try workspace.write(
        "cut.log", prefix: HostileRecords.auditJSONLineBeforeMessage, repeating: UInt8(ascii: "A"),
        count: Self.lineBytes, suffix: "")
      let (decoded, growth) = try PeakMemory.measure { try workspace.decode(file) }
      #expect(decoded.format == nil)
      #expect(decoded.records == 1)
      #expect(decoded.rejections.map(\.locator) == [.line(1, in: file)])
      let size = HostileRecords.auditJSONLineBeforeMessage.utf8.count + Self.lineBytes
      #expect(
        decoded.rejections.map(\.reason) == [
          "starts like JSON, but the record at \(file):1 is not valid JSON: the JSON ends in the middle of a "
            + "value (truncated record?) at byte \(size)"
        ])
      if let growth { #expect(growth < PeakMemory.limit(needing: 200), "peak grew by \(growth >> 20) MB") }
    }

    @Test func a200MBLineOfTextIsNotRecognised() throws {
      let workspace = try HostileWorkspace()
      let file = try workspace.write(
        "text.log", prefix: "", repeating: UInt8(ascii: "x"), count: Self.lineBytes, suffix: "\n")
      let (decoded, growth) = try PeakMemory.measure { try workspace.decode(file) }
      #expect(decoded.format == nil)
      #expect(
        decoded.rejections.map(\.reason) == [
          "no format recognises this content; 'idtrail inspect --list-formats' lists them, and --format forces one"
        ])
      // Only the first 4 KiB are looked at.
      if let growth { #expect(growth < PeakMemory.limit(needing: 0), "peak grew by \(growth >> 20) MB") }
    }

    /// DESIGN §9 counts a 100 MB line among the rejections, but the JSON reader has no record-size
    /// limit: a well-formed 200 MB audit line is read, in linear time and bounded memory.
    @Test func aWellFormed200MBAuditLineIsReadInBoundedMemory() throws {
      let workspace = try HostileWorkspace()
      let file = try workspace.write(
        "audit_json.log", prefix: HostileRecords.auditJSONLineBeforeMessage, repeating: UInt8(ascii: "A"),
        count: Self.lineBytes, suffix: "\"}\n")
      let (decoded, growth) = try PeakMemory.measure { try workspace.decode(file) }
      #expect(decoded.format == .gitlabAuditJSONLog)
      #expect(decoded.records == 1 && decoded.decoded == 1)
      #expect(decoded.events.map(\.action) == [.membershipAdd])
      if let growth {
        #expect(growth < PeakMemory.limit(needing: 2 * 200), "peak grew by \(growth >> 20) MB")
      }
    }

    @Test func a200MBCSVRowIsRejectedAsTooLong() throws {
      let workspace = try HostileWorkspace()
      let file = try workspace.write(
        "audit.csv", prefix: HostileRecords.auditCSVHeader + "\n" + HostileRecords.auditCSVRow + "\n1002,\"",
        repeating: UInt8(ascii: "A"), count: Self.lineBytes,
        suffix: "\",x\n" + HostileRecords.auditCSVRow + "\n")
      let (decoded, growth) = try PeakMemory.measure { try workspace.decode(file) }
      #expect(decoded.format == .gitlabAuditCSV)
      #expect(decoded.records == 3 && decoded.decoded == 2)
      #expect(
        decoded.rejections == [
          Rejection(
            locator: .line(3, in: file),
            reason:
              "malformed CSV: the row is longer than 1048576 bytes, more than any export writes; the file is "
              + "damaged")
        ])
      if let growth { #expect(growth < PeakMemory.limit(needing: 200), "peak grew by \(growth >> 20) MB") }
    }

    @Test func a200MBXMLValueIsRejectedAndTheNextEventRead() throws {
      let workspace = try HostileWorkspace()
      let huge = HostileRecords.windowsEvent.replacingOccurrences(of: ">rita<", with: ">")
      let cut = try #require(huge.range(of: #"<Data Name="TargetUserName">"#)?.upperBound)
      let file = try workspace.write(
        "security.xml", prefix: "<Events>\n" + String(huge[..<cut]), repeating: UInt8(ascii: "A"),
        count: Self.lineBytes,
        suffix: String(huge[cut...]) + "\n" + HostileRecords.windowsEvent + "\n</Events>\n")
      let (decoded, growth) = try PeakMemory.measure { try workspace.decode(file) }
      #expect(decoded.format == .windowsSecurityXML)
      #expect(decoded.records == 2 && decoded.decoded == 1)
      #expect(
        decoded.rejections == [
          Rejection(
            locator: .line(2, in: file),
            reason:
              "a text or attribute value is longer than 1048576 bytes; idtrail stops there to bound memory")
        ])
      if let growth { #expect(growth < PeakMemory.limit(needing: 200), "peak grew by \(growth >> 20) MB") }
    }

    // MARK: - 100,000 nested brackets

    static let depth = 100_000

    @Test(arguments: [("[", "]"), ("{\"a\":", "}")])
    func hundredThousandNestedJSONValuesAreRejectedAsTooDeep(open: String, close: String) throws {
      let nested =
        String(repeating: open, count: Self.depth) + "1" + String(repeating: close, count: Self.depth)
      let text =
        HostileRecords.auditJSONLine + "\n{\"details\":" + nested + "}\n"
        + HostileRecords.auditJSONLine.replacingOccurrences(of: "90500", with: "90501") + "\n"
      let workspace = try HostileWorkspace()
      let file = try workspace.write("audit_json.log", text: text)
      let (decoded, growth) = try PeakMemory.measure { try workspace.decode(file) }
      #expect(decoded.format == .gitlabAuditJSONLog)
      #expect(decoded.records == 3 && decoded.decoded == 2)
      // The record's object is level 1, so the 128th bracket opens level 129.
      let offset =
        HostileRecords.auditJSONLine.utf8.count + 1 + "{\"details\":".utf8.count + 127 * open.utf8.count
      #expect(
        decoded.rejections == [
          Rejection(
            locator: .line(2, in: file),
            reason: "malformed JSON: nested deeper than the limit of 128 levels at byte \(offset)")
        ])
      if let growth { #expect(growth < PeakMemory.limit(needing: 0), "peak grew by \(growth >> 20) MB") }
    }

    @Test func hundredThousandOpenBracketsAsAnArrayAreOneRejection() throws {
      let workspace = try HostileWorkspace()
      let file = try workspace.write("page.json", text: String(repeating: "[", count: Self.depth))
      let decoded = try workspace.decode(file)
      #expect(decoded.format == nil)
      #expect(decoded.records == 1 && decoded.rejectedCount == 1)
      #expect(
        decoded.rejections.first?.reason
          == "starts like JSON, but the record at \(file):#1@1 is not valid JSON: nested deeper than the limit of "
          + "128 levels at byte 129")
    }

    @Test func hundredThousandNestedXMLElementsAreRejectedAsTooDeep() throws {
      let nested = String(repeating: "<a>", count: Self.depth) + String(repeating: "</a>", count: Self.depth)
      let text =
        "<Events>\n" + HostileRecords.windowsEvent + "\n<Event>" + nested + "</Event>\n"
        + HostileRecords.windowsEvent + "\n</Events>\n"
      let workspace = try HostileWorkspace()
      let file = try workspace.write("security.xml", text: text)
      let (decoded, growth) = try PeakMemory.measure { try workspace.decode(file) }
      #expect(decoded.format == .windowsSecurityXML)
      #expect(decoded.records == 3 && decoded.decoded == 2)
      #expect(
        decoded.rejections == [
          Rejection(
            locator: .line(3, in: file),
            reason: "elements are nested more than 64 deep; idtrail stops there to bound memory")
        ])
      if let growth { #expect(growth < PeakMemory.limit(needing: 0), "peak grew by \(growth >> 20) MB") }
    }
  }
}
