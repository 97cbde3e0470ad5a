import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

extension HostileInputTests {
  /// Files cut in the middle of a record, as a partial download or a full disk leaves them: what
  /// comes before the cut is read as in the whole file, the cut record is one rejection.
  @Suite struct CutInputTests {
    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    private static func fixture(_ path: String) throws -> [UInt8] {
      [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + path)))
    }

    /// Decodes `bytes` with `decoder` as an input named `name`.
    private static func decode(_ bytes: [UInt8], _ name: String, forced decoder: (any FormatDecoder)? = nil)
      -> DecodedInput
    {
      Ingest.decode(InputBytes(path: name, bytes: bytes), forced: decoder)
    }

    @Test func anNDJSONLogCutInItsLastLineKeepsTheLinesBefore() throws {
      let lines = (0..<4).map {
        HostileRecords.auditJSONLine.replacingOccurrences(of: "90500", with: String(90500 + $0))
      }
      let whole = Array(lines.joined(separator: "\n").utf8) + [0x0A]
      let cut = Array(whole.prefix(whole.count - 100))
      let full = Self.decode(whole, "audit_json.log")
      let partial = Self.decode(cut, "audit_json.log")
      #expect(full.decoded == 4 && partial.decoded == 3)
      #expect(partial.events == Array(full.events.prefix(3)))
      #expect(
        partial.rejections == [
          Rejection(
            locator: .line(4, in: "audit_json.log"),
            reason:
              "malformed JSON: the JSON ends in the middle of a value (truncated record?) at byte \(cut.count)"
          )
        ])
    }

    @Test func aJSONArrayPageCutInAnElementKeepsTheElementsBefore() throws {
      let whole = try Self.fixture("gitlab.audit.api/current_page.json")
      let full = Self.decode(whole, "page.json", forced: GitLabAuditAPIDecoder())
      let cut = Array(whole.prefix(whole.count * 6 / 10))
      let partial = Self.decode(cut, "page.json", forced: GitLabAuditAPIDecoder())
      #expect(partial.rejectedCount == 1)
      #expect(partial.decoded > 0 && partial.decoded < full.decoded)
      #expect(partial.events == Array(full.events.prefix(partial.events.count)))
      let rejection = try #require(partial.rejections.first)
      #expect(
        rejection.reason
          == "malformed JSON: the JSON ends in the middle of a value (truncated record?) at byte \(cut.count)"
      )
      guard case .record(let index, _) = rejection.locator.position else {
        Issue.record("an array element is located by index, got \(rejection.locator)")
        return
      }
      #expect(index == partial.records)
    }

    @Test func aCSVExportCutInAQuotedFieldRejectsTheCutRow() throws {
      let text =
        HostileRecords.auditCSVHeader + "\n" + HostileRecords.auditCSVRow + "\n"
        + HostileRecords.auditCSVRow.replacingOccurrences(of: "Sam Dev", with: "\"Sam, the Dev\"")
      let inQuote = try #require(text.range(of: "Sam, the")).upperBound
      let decoded = Self.decode(Array(text[..<inQuote].utf8), "audit.csv")
      #expect(decoded.format == .gitlabAuditCSV)
      #expect(decoded.records == 2 && decoded.decoded == 1)
      #expect(
        decoded.rejections == [
          Rejection(
            locator: .line(3, in: "audit.csv"),
            reason:
              "malformed CSV: field 9: the quoted field opened on line 3 is never closed before the end of "
              + "the input")
        ])
    }

    @Test func anXMLExportCutInAnEventKeepsTheEventsBefore() throws {
      let text =
        "<Events>\n"
        + [HostileRecords.windowsEvent, HostileRecords.windowsEvent, HostileRecords.windowsEvent]
        .joined(separator: "\n")
      let cut = Array(text.utf8.prefix(text.utf8.count - 50))
      let decoded = Self.decode(cut, "security.xml")
      #expect(decoded.format == .windowsSecurityXML)
      #expect(decoded.records == 3 && decoded.decoded == 2)
      #expect(decoded.rejections.map(\.locator) == [.line(4, in: "security.xml")])
      #expect(decoded.rejections.first?.reason.hasPrefix("malformed XML (libxml2 at line 4: ") == true)
    }

    /// Every fixture cut at sixteen places: each record is still counted once, and a prefix never
    /// yields more than the whole file did.
    @Test func everyFixtureCutAnywhereIsAccountedAndYieldsNoMore() throws {
      let files = try FileManager.default.subpathsOfDirectory(atPath: Self.fixtures).sorted()
        .filter { !$0.hasSuffix(".md") && !$0.contains("/.") }
        .filter {
          (try? FileManager.default.attributesOfItem(atPath: Self.fixtures + "/" + $0)[.type]
            as? FileAttributeType) == .typeRegular
        }
      #expect(files.count > 60)
      for file in files {
        let whole = try Self.fixture(file)
        let format = file.split(separator: "/").first.flatMap { FormatID(rawValue: String($0)) }
        let decoder = try format.map { format throws(UnknownFormatError) in
          try DecoderRegistry.decoder(for: format)
        }
        let full = Self.decode(whole, file, forced: decoder)
        for eighth in 1..<16 {
          let prefix = Array(whole.prefix(whole.count * eighth / 16))
          let partial = Self.decode(prefix, file, forced: decoder)
          #expect(
            partial.records == partial.decoded + partial.skippedCount + partial.rejectedCount,
            "\(file) at \(eighth)/16")
          #expect(partial.decoded <= full.decoded, "\(file) cut at \(eighth)/16 decodes more than the whole")
          #expect(partial.events.count <= full.events.count, "\(file) cut at \(eighth)/16")
        }
      }
    }
  }
}
