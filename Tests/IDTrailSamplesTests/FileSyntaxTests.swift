import Foundation
import IDTrailModel
import Testing

@testable import IDTrailSamples

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Every generated file is well-formed in its syntax (JSON, NDJSON, CSV, XML), and the planted
/// malformed record sits exactly where the ground truth says.
@Suite struct FileSyntaxTests {
  static let rendered = SampleFixture.rendered

  private static let ndjson: Set<FormatID> = [
    .gitlabAuditStream, .gitlabAuditJSONLog, .gitlabAPILog, .gitlabApplicationLog, .gitlabProductionLog,
  ]

  @Test func jsonDocumentsParse() throws {
    for file in Self.rendered.manifest.files where !Self.ndjson.contains(file.format) {
      guard file.path.hasSuffix(".json") || file.path.hasSuffix(".har") else { continue }
      let bytes = try bytes(of: file)
      #expect(throws: Never.self, "\(file.path)") { _ = try JSONSerialization.jsonObject(with: Data(bytes)) }
      let rejection = try #require(file.rejection)
      #expect(
        bytes[rejection.byteOffset] == UInt8(ascii: "{"), "\(file.path): the locator points at a record")
      #expect(rejection.locator == "\(file.path):#\(rejection.record)@\(rejection.byteOffset)")
    }
  }

  @Test func ndjsonLinesParseExceptThePlantedOne() throws {
    for file in Self.rendered.manifest.files where Self.ndjson.contains(file.format) {
      let lines = String(decoding: try bytes(of: file), as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.last == "")
      var broken: [Int] = []
      for (index, line) in lines.dropLast().enumerated() {
        let parsed = try? JSONSerialization.jsonObject(with: Data(line.utf8))
        if !(parsed is [String: Any]) { broken.append(index + 1) }
      }
      #expect(broken == [file.rejection?.line ?? -1], "\(file.path)")
      #expect(file.records == lines.count - 1)
      #expect(file.rejection?.locator == "\(file.path):\(broken.first ?? 0)")
    }
  }

  @Test func theCSVExportHasThirteenFieldsOnEveryRow() throws {
    let file = try #require(Self.rendered.manifest.files.first { $0.format == .gitlabAuditCSV })
    let rows = Self.csvRows(String(decoding: try bytes(of: file), as: UTF8.self))
    #expect(rows.first == AuditEventRecord.csvHeader)
    #expect(rows.allSatisfy { $0.count == 13 })
    #expect(rows.count == file.records + 1)
    let planted = try #require(file.rejection)
    #expect(rows[planted.line - 1][12].hasPrefix("2026-02-30T"))
    #expect(rows.dropFirst().filter { TimestampParser.parse($0[12]) == nil }.count == 1)
  }

  @Test func xmlIsWellFormed() throws {
    for file in Self.rendered.manifest.files where file.path.hasSuffix(".xml") {
      var text = String(decoding: try bytes(of: file), as: UTF8.self)
      if !text.hasPrefix("<?xml") {
        text = "<capture>" + text + "</capture>"  // Root-less runs of elements (wevtutil, SOAP captures).
      }
      let parser = XMLParser(data: Data(text.utf8))
      #expect(parser.parse(), "\(file.path): \(parser.parserError.map { "\($0)" } ?? "")")
      let rejection = try #require(file.rejection)
      let bytes = try bytes(of: file)
      #expect(bytes[rejection.byteOffset] == UInt8(ascii: "<"))
    }
  }

  @Test func windowsEventsAreSiblingEventElementsWithSevenDigitTicks() throws {
    let file = try #require(Self.rendered.manifest.files.first { $0.format == .windowsSecurityXML })
    let lines = String(decoding: try bytes(of: file), as: UTF8.self).split(separator: "\n")
    #expect(lines.count == file.records)
    #expect(
      lines.allSatisfy {
        $0.hasPrefix("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">")
      })
    let times = lines.compactMap { line -> String? in
      guard let start = line.range(of: "SystemTime=\"") else { return nil }
      return String(line[start.upperBound...].prefix(while: { $0 != "\"" }))
    }
    #expect(times.count == lines.count)
    #expect(times.allSatisfy { $0.count == 30 && $0.hasSuffix("00Z") })
    #expect(times.filter { TimestampParser.parse($0) == nil } == [times[(file.rejection?.line ?? 1) - 1]])
  }

  @Test func secretsInTheHARAreObviouslyFake() throws {
    let file = try #require(Self.rendered.manifest.files.first { $0.format == .scimHAR })
    let text = String(decoding: try bytes(of: file), as: UTF8.self)
    #expect(text.contains("\"Authorization\",\"value\":\"Bearer SAMPLE-SCIM-TOKEN-not-a-secret\""))
  }

  private func bytes(of file: SampleFile) throws -> [UInt8] {
    try #require(Self.rendered.files.first { $0.0 == file.path }?.1)
  }

  /// RFC 4180 rows: quoted fields may hold commas, quotes (doubled) and newlines.
  static func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
      if quoted {
        if character == "\"" {
          if characters.first == "\"" {
            field.append("\"")
            characters.removeFirst()
          } else {
            quoted = false
          }
        } else {
          field.append(character)
        }
      } else if character == "\"" {
        quoted = true
      } else if character == "," {
        row.append(field)
        field = ""
      } else if character == "\n" {
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      } else {
        field.append(character)
      }
    }
    return rows
  }
}
