import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

extension HostileInputTests {
  /// Bytes that are not the UTF-8 text a format promises: invalid sequences in every field of a
  /// GitLab audit record, NUL bytes, byte order marks, UTF-16, CRLF and lone CR line endings.
  @Suite struct EncodingTests {
    /// Invalid UTF-8: a stray continuation byte, a lead byte cut short, an overlong `/`, a UTF-16
    /// surrogate, a code point past U+10FFFF, and bytes UTF-8 never uses.
    static let invalidSequences: [[UInt8]] = [
      [0x80], [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFE],
      [0xFF],
    ]

    /// Three audit lines, the middle one `middle`: the other two must be read as ever.
    private static func auditLog(middle: [UInt8]) -> [UInt8] {
      Array(HostileRecords.auditJSONLine.replacingOccurrences(of: "90500", with: "90499").utf8) + [0x0A]
        + middle + [0x0A]
        + Array(HostileRecords.auditJSONLine.replacingOccurrences(of: "90500", with: "90501").utf8)
        + [0x0A]
    }

    /// The offsets of the first byte of every string's content (keys and values) in `record`.
    private static func stringContentStarts(_ record: [UInt8]) -> [Int] {
      var starts: [Int] = []
      var inString = false
      for (offset, byte) in record.enumerated() where byte == UInt8(ascii: "\"") {
        if !inString { starts.append(offset + 1) }
        inString.toggle()
      }
      return starts
    }

    @Test func invalidUTF8InEveryStringOfAnAuditRecordRejectsThatRecordOnly() throws {
      let record = Array(HostileRecords.auditJSONLine.utf8)
      let lineStart = HostileRecords.auditJSONLine.utf8.count + 1
      let starts = Self.stringContentStarts(record)
      #expect(starts.count == 31, "18 keys and 13 string values")
      for start in starts {
        for sequence in Self.invalidSequences {
          var middle = record
          middle.insert(contentsOf: sequence, at: start)
          let decoded = Ingest.decode(
            InputBytes(path: "audit_json.log", bytes: Self.auditLog(middle: middle)))
          #expect(decoded.format == .gitlabAuditJSONLog)
          #expect(decoded.records == 3 && decoded.decoded == 2, "\(sequence) at \(start)")
          #expect(
            decoded.rejections == [
              Rejection(
                locator: .line(2, in: "audit_json.log"),
                reason: "malformed JSON: invalid UTF-8 at byte \(lineStart + start)")
            ], "\(sequence) at \(start)")
        }
      }
    }

    @Test func invalidUTF8BeforeEveryValueOfAnAuditRecordRejectsThatRecordOnly() throws {
      let record = Array(HostileRecords.auditJSONLine.utf8)
      let lineStart = HostileRecords.auditJSONLine.utf8.count + 1
      let valueStarts = record.indices.filter {
        record[$0] == UInt8(ascii: ":") && record[$0 - 1] == UInt8(ascii: "\"")
      }
      .map { $0 + 1 }
      #expect(valueStarts.count == 18)
      for start in valueStarts {
        var middle = record
        middle.insert(0xFF, at: start)
        let decoded = Ingest.decode(InputBytes(path: "audit_json.log", bytes: Self.auditLog(middle: middle)))
        #expect(decoded.records == 3 && decoded.decoded == 2)
        #expect(
          decoded.rejections.map(\.reason) == [
            "malformed JSON: unexpected byte 0xFF where a JSON value or separator should be at byte \(lineStart + start)"
          ])
      }
    }

    @Test func invalidUTF8InEveryFieldOfAnAuditCSVRowRejectsThatRowOnly() throws {
      let fields = HostileRecords.auditCSVRow.split(separator: ",", omittingEmptySubsequences: false).map(
        String.init)
      #expect(fields.count == 12)
      for index in fields.indices {
        for sequence in Self.invalidSequences {
          var bad = fields.map { Array($0.utf8) }
          bad[index].insert(contentsOf: sequence, at: bad[index].count / 2)
          let text =
            Array((HostileRecords.auditCSVHeader + "\n" + HostileRecords.auditCSVRow + "\n").utf8)
            + Array(bad.joined(separator: [UInt8(ascii: ",")])) + [0x0A]
            + Array(HostileRecords.auditCSVRow.replacingOccurrences(of: "1001", with: "1003").utf8) + [0x0A]
          let decoded = Ingest.decode(InputBytes(path: "audit.csv", bytes: text))
          #expect(decoded.format == .gitlabAuditCSV)
          #expect(decoded.records == 3 && decoded.decoded == 2, "\(sequence) in field \(index + 1)")
          #expect(
            decoded.rejections == [
              Rejection(
                locator: .line(3, in: "audit.csv"),
                reason: "malformed CSV: the row is not valid UTF-8; re-export the file as UTF-8")
            ], "\(sequence) in field \(index + 1)")
        }
      }
    }

    // MARK: - NUL bytes

    @Test func aNULInsideAStringIsAnUnescapedControlCharacter() throws {
      let record = HostileRecords.auditJSONLine.replacingOccurrences(
        of: "Jane Owner", with: "Jane \u{0} Owner")
      let decoded = Ingest.decode(
        InputBytes(path: "audit_json.log", bytes: Self.auditLog(middle: Array(record.utf8))))
      let offset =
        HostileRecords.auditJSONLine.utf8.count + 1
        + HostileRecords.auditJSONLine.utf8.distance(
          from: HostileRecords.auditJSONLine.utf8.startIndex,
          to: try #require(HostileRecords.auditJSONLine.range(of: "Jane Owner")).lowerBound) + 5
      #expect(decoded.records == 3 && decoded.decoded == 2)
      #expect(
        decoded.rejections.map(\.reason) == [
          "malformed JSON: unescaped control character inside a string at byte \(offset)"
        ])
    }

    @Test func NULPaddingAfterTheLastRecordIsOneRejection() throws {
      // What a log file holds after a crash cut its last write: blocks of NUL bytes.
      var bytes = Self.auditLog(middle: Array(HostileRecords.auditJSONLine.utf8))
      let padding = bytes.count
      bytes += [UInt8](repeating: 0, count: 8192)
      let decoded = Ingest.decode(InputBytes(path: "audit_json.log", bytes: bytes))
      #expect(decoded.records == 4 && decoded.decoded == 3)
      #expect(
        decoded.rejections == [
          Rejection(
            locator: .line(4, in: "audit_json.log"),
            reason:
              "malformed JSON: unexpected byte 0x00 where a JSON value or separator should be at byte \(padding)"
          )
        ])
    }

    @Test func aFileOfNULsLooksBinary() throws {
      let workspace = try HostileWorkspace()
      let file = try workspace.write("sparse.log", [])
      #expect(truncate(file, 1 << 20) == 0)
      let decoded = try workspace.decode(file)
      #expect(decoded.format == nil)
      #expect(
        decoded.rejections == [
          Rejection(
            locator: .line(1, in: file),
            reason: "the input looks binary (it holds NUL bytes); no format reads it")
        ])
    }

    @Test func aNULInsideXMLIsMalformed() throws {
      let event = HostileRecords.windowsEvent.replacingOccurrences(of: ">rita<", with: ">ri\u{0}ta<")
      let text =
        "<Events>\n" + HostileRecords.windowsEvent + "\n" + event + "\n" + HostileRecords.windowsEvent
        + "\n</Events>\n"
      let decoded = Ingest.decode(InputBytes(path: "security.xml", bytes: Array(text.utf8)))
      #expect(decoded.format == .windowsSecurityXML)
      #expect(decoded.records == 3 && decoded.decoded == 2)
      #expect(decoded.rejections.map(\.locator) == [.line(3, in: "security.xml")])
      #expect(decoded.rejections.first?.reason.hasPrefix("malformed XML (libxml2 at line 3: ") == true)
    }

    /// A NUL is valid UTF-8, and the CSV reader keeps fields as written: the row is read with the
    /// NUL in its author's name.
    @Test func aNULInsideACSVFieldIsKeptInTheField() throws {
      let row = HostileRecords.auditCSVRow.replacingOccurrences(of: "Jane Owner", with: "Jane\u{0}Owner")
      let text = HostileRecords.auditCSVHeader + "\n" + row + "\n"
      let decoded = Ingest.decode(InputBytes(path: "audit.csv", bytes: Array(text.utf8)))
      #expect(decoded.records == 1 && decoded.decoded == 1)
      #expect(decoded.events.first?.actor.identifiers.map(\.value).contains("Jane\u{0}Owner") == true)
    }

    // MARK: - Byte order marks and UTF-16

    @Test func aUTF8ByteOrderMarkChangesNothing() throws {
      let plain = Self.auditLog(middle: Array(HostileRecords.auditJSONLine.utf8))
      let csv = Array((HostileRecords.auditCSVHeader + "\n" + HostileRecords.auditCSVRow + "\n").utf8)
      let xml = Array(("<Events>\n" + HostileRecords.windowsEvent + "\n</Events>\n").utf8)
      for (name, bytes) in [("audit_json.log", plain), ("audit.csv", csv), ("security.xml", xml)] {
        let without = Ingest.decode(InputBytes(path: name, bytes: bytes))
        let with = Ingest.decode(InputBytes(path: name, bytes: [0xEF, 0xBB, 0xBF] + bytes))
        #expect(without.format != nil && with.format == without.format, "\(name)")
        #expect(with.decoded == without.decoded && with.rejectedCount == 0, "\(name)")
        #expect(with.events == without.events, "\(name)")
      }
    }

    @Test func aByteOrderMarkInTheMiddleRejectsTheLineItStarts() throws {
      // `cat a.json b.json` where b.json starts with a byte order mark.
      let first = Array(HostileRecords.auditJSONLine.utf8) + [0x0A]
      let bytes =
        first + [0xEF, 0xBB, 0xBF]
        + Array(HostileRecords.auditJSONLine.replacingOccurrences(of: "90500", with: "90501").utf8) + [0x0A]
      let decoded = Ingest.decode(InputBytes(path: "audit_json.log", bytes: bytes))
      #expect(decoded.records == 2 && decoded.decoded == 1)
      #expect(
        decoded.rejections == [
          Rejection(
            locator: .line(2, in: "audit_json.log"),
            reason:
              "malformed JSON: unexpected byte 0xEF where a JSON value or separator should be at byte \(first.count)"
          )
        ])
    }

    @Test(arguments: [("UTF-16LE", [UInt8]([0xFF, 0xFE])), ("UTF-16BE", [0xFE, 0xFF])])
    func utf16JSONAndCSVAreRejectedWithWhatToDo(encoding: String, mark: [UInt8]) throws {
      let json = HostileRecords.auditJSONLine + "\n"
      let csv = HostileRecords.auditCSVHeader + "\n" + HostileRecords.auditCSVRow + "\n"
      for (name, text) in [("audit_json.log", json), ("audit.csv", csv)] {
        let units =
          encoding == "UTF-16LE"
          ? text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
          : text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let decoded = Ingest.decode(InputBytes(path: name, bytes: mark + units))
        #expect(decoded.format == nil)
        #expect(
          decoded.rejections == [
            Rejection(
              locator: .line(1, in: name),
              reason:
                "the input is UTF-16 text (it starts with a UTF-16 byte order mark); only XML formats read "
                + "UTF-16: convert it to UTF-8 first, e.g. with 'iconv -f UTF-16 -t UTF-8'")
          ], "\(encoding) \(name)")
      }
    }

    @Test func utf16XMLReadsLikeUTF8() throws {
      let text =
        "<Events>\r\n" + HostileRecords.windowsEvent + "\r\n" + HostileRecords.windowsEvent
        + "\r\n</Events>\r\n"
      let utf8 = Ingest.decode(InputBytes(path: "security.xml", bytes: Array(text.utf8)))
      let utf16 = Ingest.decode(
        InputBytes(
          path: "security.xml",
          bytes: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
      #expect(utf8.format == .windowsSecurityXML && utf16.format == .windowsSecurityXML)
      #expect(utf8.decoded == 2 && utf16.decoded == 2)
      #expect(utf16.events == utf8.events)
    }

    // MARK: - Line endings

    @Test func crlfLineEndingsChangeNothing() throws {
      let lf = Self.auditLog(
        middle: Array(HostileRecords.auditJSONLine.replacingOccurrences(of: "Jane", with: "Jana").utf8))
      let csv = Array((HostileRecords.auditCSVHeader + "\n" + HostileRecords.auditCSVRow + "\n").utf8)
      let xml = Array(
        ("<Events>\n" + HostileRecords.windowsEvent + "\n" + HostileRecords.windowsEvent + "\n</Events>\n")
          .utf8)
      for (name, bytes) in [("audit_json.log", lf), ("audit.csv", csv), ("security.xml", xml)] {
        let crlf = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        let unix = Ingest.decode(InputBytes(path: name, bytes: bytes))
        let windows = Ingest.decode(InputBytes(path: name, bytes: crlf))
        #expect(unix.format != nil && windows.format == unix.format, "\(name)")
        #expect(windows.records == unix.records && windows.decoded == unix.decoded, "\(name)")
        #expect(windows.events == unix.events, "\(name)")
      }
    }

    @Test func loneCRLineEndingsMakeOneLineThatIsRejected() throws {
      // Classic Mac OS line endings: to idtrail the whole file is one line holding three values.
      let lf = Self.auditLog(middle: Array(HostileRecords.auditJSONLine.utf8))
      let cr = lf.map { $0 == 0x0A ? 0x0D : $0 }
      let decoded = Ingest.decode(InputBytes(path: "audit_json.log", bytes: cr))
      #expect(decoded.format == nil)
      #expect(decoded.records == 1 && decoded.rejectedCount == 1)
      #expect(
        decoded.rejections.first?.reason
          == "starts like JSON, but the record at audit_json.log:1 is not valid JSON: unexpected bytes after the end "
          + "of the JSON value at byte \(HostileRecords.auditJSONLine.utf8.count + 1)")
    }
  }
}
