import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

@Suite struct XMLSniffingTests {
  private func sniff(_ bytes: [UInt8]) -> FormatID? {
    bytes.withUnsafeBytes { FormatSniffer.decoder(for: $0, among: DecoderRegistry.all)?.format }
  }

  private func sniff(_ text: String) -> FormatID? { sniff(Array(text.utf8)) }

  @Test(arguments: [
    ("wevtutil-rootless.xml", FormatID.windowsSecurityXML),
    ("powershell-utf16le-bom.xml", FormatID.windowsSecurityXML),
    ("msdocs-event-4732-event-viewer-copy.xml", FormatID.windowsSecurityXML),
    ("msdocs-event-4624.xml", FormatID.windowsSecurityXML),
  ])
  func recognisesWindowsFixtures(name: String, format: FormatID) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: XMLDecoderTestSupport.path(format, name))))
    #expect(sniff(bytes) == format)
  }

  @Test(arguments: [
    ("user-deactivated.xml", FormatID.scimV1XML), ("list-response.xml", FormatID.scimV1XML),
    ("error.xml", FormatID.scimV1XML), ("requests-and-responses.xml", FormatID.spmlXML),
    ("soap-batch.xml", FormatID.spmlXML),
  ])
  func recognisesSCIMAndSPMLFixtures(name: String, format: FormatID) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: XMLDecoderTestSupport.path(format, name))))
    #expect(sniff(bytes) == format)
  }

  @Test func doesNotClaimJSONOrOtherXML() {
    #expect(sniff("{\"schemas\":[\"urn:scim:schemas:core:1.0\"],\"id\":\"1\"}") == nil)
    #expect(sniff("<rss version=\"2.0\"><channel/></rss>") == nil)
    #expect(sniff("<Event><System/></Event>") == nil)
  }
}
