import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// Every file under `../shared/corpus/windows_xml`, with the accounting each must get. The corpus is
/// part of the workplace, not of the repository: without it the suite is skipped.
@Suite(
  .enabled(
    if: XMLDecoderTestSupport.corpusIsPresent, "../shared/corpus is absent (a clone outside the workplace)"))
struct WindowsSecurityXMLCorpusTests {
  /// File, then records, decoded, skipped, rejected, and the actions of the events.
  static let expected: [(String, Int, Int, Int, Int, [Action])] = [
    ("elastic-beats-winlogbeat/ec3and4_system_2events_singlequote.xml", 2, 0, 2, 0, []),
    ("ms-windows-itpro-docs/event-1102_audit_log_cleared_ie-rendered.xml.txt", 1, 0, 1, 0, []),
    ("ms-windows-itpro-docs/event-4624_logon_success.xml", 1, 1, 0, 0, [.authSuccess]),
    ("ms-windows-itpro-docs/event-4625_logon_failure_ie-rendered.xml.txt", 1, 1, 0, 0, [.authFailure]),
    ("ms-windows-itpro-docs/event-4672_special_privileges_ie-rendered.xml.txt", 1, 0, 1, 0, []),
    ("ms-windows-itpro-docs/event-4688_process_created_ie-rendered.xml.txt", 1, 0, 1, 0, []),
    (
      "ms-windows-itpro-docs/event-4720_user_account_created_ie-rendered.xml.txt", 1, 1, 0, 0,
      [.accountCreate]
    ),
    (
      "ms-windows-itpro-docs/event-4732_member_added_local_group_ie-rendered.xml.txt", 1, 1, 0, 0,
      [.groupMemberAdd]
    ),
    ("ms-windows-itpro-docs/event-4740_account_locked_out_ie-rendered.xml.txt", 1, 1, 0, 0, [.accountLock]),
    ("ms-windows-itpro-docs/event-4768_kerberos_tgt_requested_ie-rendered.xml.txt", 1, 0, 1, 0, []),
    (
      "ms-windows-itpro-docs/event-4776_ntlm_credential_validation_failure_ie-rendered.xml.txt", 1, 0, 1, 0,
      []
    ),
    ("omerbenamram-evtx_snapshots/capi2_53_entity-ref.xml", 1, 0, 1, 0, []),
    ("omerbenamram-evtx_snapshots/capi2_80_userdata.xml", 1, 0, 1, 0, []),
    ("omerbenamram-evtx_snapshots/security_4608_from-security.evtx.xml", 1, 0, 1, 0, []),
    ("omerbenamram-evtx_snapshots/security_4624_trailing-spaces_from-security.evtx.xml", 1, 0, 1, 0, []),
    ("omerbenamram-evtx_snapshots/security_4688_from-2-system-Security-dirty.evtx.xml", 1, 0, 1, 0, []),
    ("omerbenamram-evtx_snapshots/system_6009_from-system.evtx.xml", 1, 0, 1, 0, []),
    ("otel-collector-contrib/xmlRenderingInfoSecurity_4624.xml", 1, 0, 1, 0, []),
    ("otel-collector-contrib/xmlRenderingInfoSystem_scm_7036.xml", 1, 0, 1, 0, []),
    ("otel-collector-contrib/xmlSampleUserData_security_1102_logcleared.xml", 1, 0, 1, 0, []),
    ("otel-collector-contrib/xmlSample_application_16384.xml", 1, 0, 1, 0, []),
    ("otel-collector-contrib/xmlWithAnonymousEventDataEntries_vss_8194.xml", 1, 0, 1, 0, []),
    ("otel-collector-contrib/xmlWithCorrelation_security_4624.xml", 1, 0, 0, 1, []),
    ("splunk-attack_data/T1003.006_impacket_windows-security-xml.log", 3, 0, 3, 0, []),
  ]

  @Test func everyCorpusFileIsListed() throws {
    let folder = XMLDecoderTestSupport.corpus.appendingPathComponent("windows_xml")
    let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter {
      var isFolder: ObjCBool = false
      let exists = FileManager.default.fileExists(
        atPath: folder.appendingPathComponent($0).path, isDirectory: &isFolder)
      return exists && !isFolder.boolValue
    }
    #expect(files.sorted() == Self.expected.map(\.0).sorted())
  }

  @Test(arguments: Self.expected.indices)
  func corpusFileIsSniffedAndAccounted(index: Int) throws {
    let (name, records, decoded, skipped, rejected, actions) = Self.expected[index]
    let path = XMLDecoderTestSupport.corpus.appendingPathComponent("windows_xml").appendingPathComponent(name)
      .path
    let input = Ingest.decode(try InputBytes.open(path))
    #expect(input.format == .windowsSecurityXML, "\(name)")
    #expect(
      (input.records, input.decoded, input.skippedCount, input.rejectedCount) == (
        records, decoded, skipped, rejected
      ), "\(name)")
    #expect(input.events.map(\.action) == actions, "\(name)")
  }

  @Test func theCorpusRejectionSaysWhy() throws {
    let path = XMLDecoderTestSupport.corpus.appendingPathComponent(
      "windows_xml/otel-collector-contrib/xmlWithCorrelation_security_4624.xml"
    ).path
    let input = Ingest.decode(try InputBytes.open(path))
    #expect(
      input.xmlRejectionLines == ["1: event 4624 names no account (no SID and no user name in EventData)"])
  }

  @Test func theEntityReferenceSampleKeepsItsPredefinedEntities() throws {
    let path = XMLDecoderTestSupport.corpus.appendingPathComponent(
      "windows_xml/omerbenamram-evtx_snapshots/capi2_53_entity-ref.xml"
    ).path
    let input = Ingest.decode(try InputBytes.open(path))
    #expect(input.skipped == ["event ID 53 is not an account-management event": 1])
  }
}
