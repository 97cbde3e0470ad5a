import Foundation
import IDTrailIngest
import IDTrailModel
import IDTrailXML
import Testing

extension HostileInputTests {
  /// The XML bombs and external-entity attacks, given to every XML decoder: each is refused before
  /// libxml2 parses it, or parsed without loading anything, and no byte of a local file reaches
  /// what idtrail reports.
  @Suite struct XMLAttackTests {
    /// A document of each XML format: its root and one record, which the attacks are put around.
    static let documents: [(decoder: any FormatDecoder, root: String, record: String)] = [
      (
        WindowsSecurityXMLDecoder(), "Events",
        HostileRecords.windowsEvent
      ),
      (
        SCIMv1XMLDecoder(), #"scim:Response xmlns:scim="urn:scim:schemas:core:1.0""#,
        "<scim:Resources><scim:Resource><scim:id>u-100</scim:id><scim:userName>kim@example.com</scim:userName>"
          + "<scim:active>false</scim:active></scim:Resource></scim:Resources>"
      ),
      (
        SPMLv2XMLDecoder(),
        #"batchRequest xmlns="urn:oasis:names:tc:SPML:2:0:batch" xmlns:spml="urn:oasis:names:tc:SPML:2:0""#,
        #"<spml:deleteRequest requestID="b-1"><spml:psoID ID="CORP\old.user"/></spml:deleteRequest>"#
      ),
    ]

    private static func rootName(_ root: String) -> String {
      String(root.prefix { $0 != " " })
    }

    /// `record` inside `root`, after `head` (a DOCTYPE, or nothing).
    private static func document(head: String, root: String, record: String, insideRecord: String = "")
      -> String
    {
      "<?xml version=\"1.0\"?>\n" + head + "<\(root)>\n" + record + insideRecord + "\n</\(rootName(root))>\n"
    }

    /// Everything an input's reading yielded, as text, to look for leaked bytes in.
    private static func everything(_ decoded: DecodedInput) -> String {
      "\(decoded.events) \(decoded.facts) \(decoded.rejections) \(decoded.skipped)"
    }

    static let refusal =
      "the document declares entities in its DOCTYPE; idtrail does not read documents that declare entities "
      + "(they can expand without bound or read local files); export it again without a DTD"

    @Test func billionLaughsIsRefusedBeforeParsing() throws {
      var doctype = "<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
      for level in 1...9 {
        let previous = level == 1 ? "lol" : "lol\(level - 1)"
        doctype += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
      }
      doctype += "]>\n"
      for (decoder, root, record) in Self.documents {
        let text = Self.document(head: doctype, root: root, record: record, insideRecord: "&lol9;")
        let (decoded, growth) = PeakMemory.measure {
          Ingest.decode(InputBytes(path: "bomb.xml", bytes: Array(text.utf8)), forced: decoder)
        }
        #expect(decoded.records == 1 && decoded.rejectedCount == 1, "\(decoder.format)")
        #expect(decoded.rejections == [Rejection(locator: .line(2, in: "bomb.xml"), reason: Self.refusal)])
        if let growth { #expect(growth < PeakMemory.limit(needing: 0), "peak grew by \(growth >> 20) MB") }
      }
    }

    @Test func aQuadraticBlowupIsRefusedBeforeParsing() throws {
      let doctype = "<!DOCTYPE q [<!ENTITY a \"" + String(repeating: "a", count: 50_000) + "\">]>\n"
      for (decoder, root, record) in Self.documents {
        let text = Self.document(
          head: doctype, root: root, record: record, insideRecord: String(repeating: "&a;", count: 50_000))
        let decoded = Ingest.decode(
          InputBytes(path: "quadratic.xml", bytes: Array(text.utf8)), forced: decoder)
        #expect(
          decoded.rejections == [Rejection(locator: .line(2, in: "quadratic.xml"), reason: Self.refusal)])
      }
    }

    @Test func externalAndParameterEntitiesAreRefusedAndReadNothing() throws {
      let workspace = try HostileWorkspace()
      let canary = "IDTRAIL-XXE-CANARY-5d1e"
      let secret = try workspace.write("secret.txt", text: canary)
      let heads = [
        "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file://\(secret)\">]>\n",
        "<!DOCTYPE x [<!ENTITY % p SYSTEM \"file://\(secret)\"> %p;]>\n",
        "<!DOCTYPE x [<!ENTITY xxe PUBLIC \"-//A//B\" \"http://127.0.0.1:9/x\">]>\n",
      ]
      for head in heads {
        for (decoder, root, record) in Self.documents {
          let text = Self.document(head: head, root: root, record: record, insideRecord: "&xxe;")
          let file = try workspace.write("xxe.xml", text: text)
          let decoded = try workspace.decode(file, forced: decoder)
          #expect(decoded.rejections == [Rejection(locator: .line(2, in: file), reason: Self.refusal)])
          #expect(!Self.everything(decoded).contains(canary))
        }
      }
    }

    @Test func anExternalDTDIsNotLoaded() throws {
      let workspace = try HostileWorkspace()
      let canary = "IDTRAIL-DTD-CANARY-77c3"
      let secret = try workspace.write("secret.txt", text: canary)
      let dtd = try workspace.write("external.dtd", text: "<!ENTITY leak SYSTEM \"file://\(secret)\">")
      for (decoder, root, record) in Self.documents {
        let head = "<!DOCTYPE \(Self.rootName(root)) SYSTEM \"file://\(dtd)\">\n"
        let text = Self.document(head: head, root: root, record: record, insideRecord: "&leak;")
        let start = ContinuousClock.now
        let decoded = Ingest.decode(InputBytes(path: "dtd.xml", bytes: Array(text.utf8)), forced: decoder)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(decoded.rejectedCount >= 1, "\(decoder.format): the undeclared &leak; is refused")
        #expect(!Self.everything(decoded).contains(canary))
      }
    }

    /// Large inputs are split for threads at record start tags; a `<Event` in a comment, a CDATA
    /// section or a processing instruction is text, and a part starting there would read garbage.
    @Test func recordTagsInCommentsAndCDATAAreNoSplitPoints() throws {
      var text = "<?xml version=\"1.0\"?>\n<!-- an <Event> before the first -->\n<Events>\n"
      for index in 0..<400 {
        let hiding = ["<!-- <Event> -->", "<?note <Event> ?>", ""][index % 3]
        let event = HostileRecords.windowsEvent.replacingOccurrences(
          of: ">rita<", with: index % 2 == 0 ? "><![CDATA[<Event> \(index)]]><" : ">user\(index)<")
        text += hiding + event + "\n"
      }
      text += "</Events>\n"
      let reader = WindowsSecurityXMLDecoder().reader
      func read(parts count: Int) -> [String] {
        var seen: [String] = []
        Array(text.utf8).withUnsafeBytes { bytes in
          for part in reader.parts(of: bytes, count: count) {
            reader.read(bytes, part: part) { result in
              switch result {
              case .record(let record): seen.append("\(record.line)")
              case .rejected(let error): seen.append("\(error.line): \(error)")
              }
            }
          }
        }
        return seen
      }
      let whole = read(parts: 1)
      #expect(whole.count == 400 && whole.allSatisfy { !$0.contains(":") })
      for count in [2, 8, 64] {
        #expect(read(parts: count) == whole, "\(count) parts")
      }
    }

    @Test func xIncludeIsNotProcessed() throws {
      let workspace = try HostileWorkspace()
      let canary = "IDTRAIL-XINCLUDE-CANARY-0b9a"
      let secret = try workspace.write("secret.txt", text: canary)
      let include =
        "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://\(secret)\" parse=\"text\"/>"
      for (decoder, root, record) in Self.documents {
        let plain = Self.document(head: "", root: root, record: record)
        let attacked = Self.document(head: "", root: root, record: record, insideRecord: include)
        let before = Ingest.decode(InputBytes(path: "x.xml", bytes: Array(plain.utf8)), forced: decoder)
        let after = Ingest.decode(InputBytes(path: "x.xml", bytes: Array(attacked.utf8)), forced: decoder)
        #expect(after.decoded == before.decoded, "\(decoder.format)")
        // The include element yields nothing: it is passed over or, where a format says what may
        // sit between its records, rejected as an element that is no record.
        let extra = after.rejections.filter { !before.rejections.contains($0) }
        #expect(after.records == before.records + extra.count, "\(decoder.format)")
        #expect(extra.allSatisfy { $0.reason.hasPrefix("a <include> element where") }, "\(decoder.format)")
        #expect(!Self.everything(after).contains(canary), "\(decoder.format)")
      }
    }
  }
}
