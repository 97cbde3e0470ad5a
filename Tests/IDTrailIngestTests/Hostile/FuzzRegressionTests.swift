import Foundation
import IDTrailIngest
import IDTrailModel
import IDTrailXML
import Testing

extension HostileInputTests {
  /// Inputs the fuzz targets (`.ci/fuzz`) found breaking a rule, kept so that the rule stays kept.
  @Suite struct FuzzRegressionTests {
    /// Found by the `xml` target (and by `windows.security.xml`, `scim.v1.xml`, `spml.v2.xml` with
    /// UTF-16 variants): a document declaring UTF-7 whose bytes UTF-7 cannot hold. libxml2 raises
    /// the encoding error outside its parser context, so the reader saw no message and no line and
    /// rejected the record at line 0, while libxml2 printed its message to standard error.
    static let declaredUTF7 = Data(
      base64Encoded:
        "PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0iVVRGLTciPz4KPHNvYXA6RW52ZWxvcGUgeG1sbnM6c29hcD0iaHR0cDovL3Nj"
        + "aGVtYXMueG1sc29hcC5vcmcvc29hcC9lbnZlbG9wZS8iPgogIDxzb2FwOkJvZHk+CiAgICA8YmF0Y2hSZXF1ZXN0IHhtbG5zPSJ1"
        + "cm46b2FzaXM6bmFtZXM6dGM6U1BNTDoyOjA6YmF0Y2giIHhtbG5zOnNwbWw9InVybjpvYXNpczpuYW1lczp0YzpTUE1MOjI6MCIK"
        + "ICAgICAgICAgICAgICAgICAgcHJvY2Vzc2luZz0ic2VxdWVudGlhbCIgb25FcnJvcj0icmVzdW1lIj4KICAgICAgPHNwbWw6ZGVs"
        + "ZXRlUmVxdWVzdCByZXF1ZXN0SUQ9ImItMSI+PHNwbWw6cHNvSUQgSUQ9IkNPUlBcb2xkLnVzZXIiLz48L3NwbWw6ZGVsZXRlUmVx"
        + "dWVzdD4KICAgICAgPHNwbWw6bW9kaWZ5UmVxdWVzdCByZXF1ZXN0SUQ9ImItMiI+CiAgICAgICDbw3NwbWw6cHNvSUQgSUQ9IkNP"
        + "UlBca2ltIi8+CiAgICAgICAgPHNwbWw6bW9kaWZpY2F0aW9uIG1vZGlmaWNhdGlvbk1vZGU9InJlcGxhY2UiPgogICAgICAgICAg"
        + "PHNwbWw6ZGF0YT48YWNjb3VudERpc2FibGVkPmZhbHNlPC9hY2NvdW50RGlzYWJsZWQ+PC9zcG1sOmRhdGE+CiAgICAgICAgPC9z"
        + "cG1sOm1vZGlmaWNhdGlvbj4KICAgICAgPC9zcG1sOm1vZGlmeVJlcXVlc3Q+CiAgICA8L2JhdGNoUmVxdWVzdD4KICA8L3NvYXA6"
        + "Qm9keT4KPC9zb2FwOkVudmVsb3BlPgo=")

    /// The same failure, smallest: a backslash, which UTF-7 cannot hold, in the third line.
    static let smallUTF7 =
      "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<Events>\n<Event><System><EventID>4720</EventID></System>"
      + "<EventData><Data Name=\"TargetUserName\">CORP\\old.user</Data></EventData></Event>\n</Events>\n"

    /// UTF-16 with an unpaired surrogate in the second event, on line 3.
    static let unpairedSurrogate: [UInt8] =
      [0xFF, 0xFE] + utf16("<Events>\r\n" + HostileRecords.windowsEvent + "\r\n<Event><System><EventID>")
      + [0x00, 0xD8] + utf16("4726</EventID></System></Event>\r\n</Events>\r\n")

    private static func utf16(_ text: String) -> [UInt8] {
      text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    @Test func anEncodingErrorIsRejectedAtTheLineLibxml2Reached() throws {
      let bytes = [UInt8](try #require(Self.declaredUTF7))
      let decoded = Ingest.decode(InputBytes(path: "fuzz.xml", bytes: bytes))
      #expect(decoded.format == .spmlXML)
      // The SOAP envelope (line 2) is the record the error is in: it carries the messages' time.
      #expect(
        decoded.rejections == [
          Rejection(
            locator: .line(2, in: "fuzz.xml"), reason: "malformed XML (libxml2 at line 6: encoder error)")
        ])
      let small = Ingest.decode(
        InputBytes(path: "small.xml", bytes: Array(Self.smallUTF7.utf8)), forced: WindowsSecurityXMLDecoder())
      #expect(
        small.rejections == [
          Rejection(
            locator: .line(3, in: "small.xml"), reason: "malformed XML (libxml2 at line 3: encoder error)")
        ])
    }

    /// An encoding error has no position of its own: the reader does not resume after it (it
    /// would start again before the bytes that broke, and count a record twice).
    @Test func anEncodingErrorEndsTheReadingWithOneRejection() throws {
      let decoded = Ingest.decode(InputBytes(path: "utf16.xml", bytes: Self.unpairedSurrogate))
      #expect(decoded.format == .windowsSecurityXML)
      #expect(decoded.records == 2 && decoded.decoded == 1 && decoded.rejectedCount == 1)
      #expect(decoded.rejections.map(\.locator) == [.line(3, in: "utf16.xml")])
    }

    @Test func everyReaderRejectionOfTheFoundInputsHasALine() throws {
      let inputs = [
        [UInt8](try #require(Self.declaredUTF7)), Array(Self.smallUTF7.utf8), Self.unpairedSurrogate,
      ]
      let readers = [
        XMLRecordReader(resumeTag: "Event") { $0.name == "Event" },
        XMLRecordReader { $0.depth == 2 },
      ]
      for (index, input) in inputs.enumerated() {
        for reader in readers {
          var lines: [Int] = []
          input.withUnsafeBytes { bytes in
            reader.read(bytes) { result in
              if case .rejected(let error) = result { lines.append(error.line) }
            }
          }
          #expect(
            lines.count == 1 && lines.allSatisfy { $0 >= 1 }, "input \(index): rejected at lines \(lines)")
        }
      }
    }
  }
}
