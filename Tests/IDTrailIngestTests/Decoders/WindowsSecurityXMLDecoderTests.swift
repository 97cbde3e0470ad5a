import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

@Suite struct WindowsSecurityXMLDecoderTests {
  private let decoder = WindowsSecurityXMLDecoder()
  private let jdoeSID = Identifier(.adSID, "S-1-5-21-1111111111-2222222222-3333333333-4201")
  private let jdoeAccount = Identifier(.adAccount, "CORP\\jdoe")
  private let hrSync = Actor(
    kind: .person,
    identifiers: [
      Identifier(.adSID, "S-1-5-21-1111111111-2222222222-3333333333-1107"),
      Identifier(.adAccount, "CORP\\svc-hrsync"),
    ].compactMap { $0 })

  @Test func decodesEveryAccountManagementEventOfARootlessExport() throws {
    let input = try XMLDecoderTestSupport.decode(decoder, "wevtutil-rootless.xml")
    #expect(input.format == .windowsSecurityXML)
    #expect((input.records, input.decoded, input.skippedCount, input.rejectedCount) == (14, 12, 2, 0))
    #expect(
      input.skipped == [
        "event ID 4688 is not an account-management event": 1,
        "logon of a built-in, virtual or computer account": 1,
      ])
    #expect(
      input.events.map { "\($0.rawAction) \($0.action.rawValue)" } == [
        "4720 account.create", "4722 account.enable", "4728 group.member.add", "4624 auth.success",
        "4625 auth.failure", "4738 account.disable", "4738 account.update", "4725 account.disable",
        "4729 group.member.remove", "4740 account.lock", "4767 account.unlock", "4726 account.delete",
      ])
    #expect(input.events.map { $0.locator.xmlLineNumber } == [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13])
    #expect(input.events.allSatisfy { $0.stage == .directory && $0.source == .windowsSecurityXML })
  }

  @Test func accountCreatedCarriesIdentifiersActorTimeAndNativeID() throws {
    let created = try #require(
      try XMLDecoderTestSupport.decode(decoder, "wevtutil-rootless.xml").events.first)
    #expect(
      created.subject
        == [
          jdoeSID, jdoeAccount, Identifier(.upn, "jdoe@corp.example.com"),
          Identifier(.displayName, "Jane Doe"),
        ]
        .compactMap { $0 })
    #expect(created.actor == hrSync)
    #expect(created.originalTime == "2024-06-30T09:00:00.1234567Z")
    #expect(created.time == Timestamp(secondsSinceEpoch: 1_719_738_000, nanoseconds: 123_456_700))
    #expect(created.nativeID == "windows-security:dc02.corp.example.com:9812230")
    #expect(created.outcome == .success)
    #expect(created.channel == .unknown)
    #expect(created.resource == nil)
  }

  @Test func accountChangedWithTheDisabledBitIsADisable() throws {
    let events = try XMLDecoderTestSupport.decode(decoder, "wevtutil-rootless.xml").events
    let disabled = try #require(events.first { $0.nativeID?.hasSuffix(":9812236") == true })
    #expect(disabled.action == .accountDisable)
    #expect(disabled.subject == [jdoeSID, jdoeAccount].compactMap { $0 })
    #expect(disabled.time == Timestamp(secondsSinceEpoch: 1_719_769_198, nanoseconds: 412_903_700))
    let changed = try #require(events.first { $0.nativeID?.hasSuffix(":9812237") == true })
    #expect(changed.action == .accountUpdate)
    #expect(changed.subject.contains(Identifier(.displayName, "Jane Q. Doe")!))
  }

  @Test func groupMembershipNamesTheMemberAsSubjectAndTheGroupAsResource() throws {
    let events = try XMLDecoderTestSupport.decode(decoder, "wevtutil-rootless.xml").events
    let added = try #require(events.first { $0.rawAction == "4728" })
    #expect(added.action == .groupMemberAdd)
    #expect(added.subject == [jdoeSID].compactMap { $0 })
    #expect(added.resource == Resource(kind: .directoryGroup, name: "CORP\\GitLab-Developers"))
    #expect(added.actor == hrSync)
    let removed = try #require(events.first { $0.rawAction == "4729" })
    #expect(removed.action == .groupMemberRemove)
    #expect(removed.resource == Resource(kind: .directoryGroup, name: "CORP\\GitLab-Developers"))
  }

  @Test func logonsNameTheAccountThatSignedIn() throws {
    let events = try XMLDecoderTestSupport.decode(decoder, "wevtutil-rootless.xml").events
    let logon = try #require(events.first { $0.rawAction == "4624" })
    #expect(logon.action == .authSuccess)
    #expect(logon.subject == [jdoeSID, jdoeAccount].compactMap { $0 })
    #expect(logon.actor.kind == .system)
    #expect(logon.channel == .systemJob)
    let failed = try #require(events.first { $0.rawAction == "4625" })
    #expect(failed.action == .authFailure)
    #expect(failed.subject == [jdoeAccount].compactMap { $0 })
    #expect(failed.actor == .unknown)
    #expect(
      failed.outcome == .failure("logon failed (status 0xc000006d, sub-status 0xc000006a, reason %%2313)"))
  }

  @Test func lockoutTakesTheDomainFromTheSubjectNotTheCallerComputer() throws {
    let events = try XMLDecoderTestSupport.decode(decoder, "wevtutil-rootless.xml").events
    let locked = try #require(events.first { $0.rawAction == "4740" })
    #expect(
      locked.subject
        == [
          Identifier(.adSID, "S-1-5-21-1111111111-2222222222-3333333333-4300"),
          Identifier(.adAccount, "CORP\\kim"),
        ]
        .compactMap { $0 })
    #expect(locked.actor.kind == .system)
  }

  @Test func readsUTF16LittleEndianWithAnEventsRoot() throws {
    let input = try XMLDecoderTestSupport.decode(decoder, "powershell-utf16le-bom.xml")
    #expect((input.records, input.decoded) == (2, 2))
    #expect(input.events.map(\.action) == [.accountCreate, .accountDelete])
    #expect(input.events.map { $0.locator.xmlLineNumber } == [3, 4])
    #expect(input.events.first?.subject.contains(Identifier(.adAccount, "CORP\\josé")!) == true)
  }

  @Test func rejectsAMalformedEventAndReadsTheOnesAfterIt() throws {
    let input = try XMLDecoderTestSupport.decode(decoder, "malformed-middle.xml")
    #expect((input.records, input.decoded, input.rejectedCount) == (3, 2, 1))
    #expect(
      input.xmlRejectionLines == [
        "2: malformed XML (libxml2 at line 2: Opening and ending tag mismatch: EventRecordID line 2 and EventRecordId)"
      ])
    #expect(
      input.events.map(\.nativeID) == [
        "windows-security:dc02.corp.example.com:700", "windows-security:dc02.corp.example.com:702",
      ])
  }

  @Test func truncatedExportKeepsTheEventsBeforeTheCut() throws {
    let input = try XMLDecoderTestSupport.decode(decoder, "truncated.xml")
    #expect((input.records, input.decoded, input.rejectedCount) == (3, 2, 1))
    #expect(
      input.xmlRejectionLines == [
        "3: malformed XML (libxml2 at line 3: Opening and ending tag mismatch: Data line 3 and the end of the input)"
      ])
  }

  @Test func readsTheEventViewerCopyAndRenderingInfo() throws {
    let copied = try XMLDecoderTestSupport.decode(decoder, "msdocs-event-4732-event-viewer-copy.xml")
    #expect((copied.records, copied.decoded) == (1, 1))
    let added = try #require(copied.events.first)
    #expect(added.action == .groupMemberAdd)
    #expect(
      added.subject == [Identifier(.adSID, "S-1-5-21-3457937927-2839227994-823803824-500")].compactMap { $0 })
    #expect(added.resource == Resource(kind: .directoryGroup, name: "CONTOSO\\AccountOperators"))
    let rendered = try XMLDecoderTestSupport.decode(decoder, "otel-rendering-info-4624.xml")
    #expect(rendered.skipped == ["logon of a built-in, virtual or computer account": 1])
    let logon = try XMLDecoderTestSupport.decode(decoder, "msdocs-event-4624.xml")
    #expect(
      logon.events.map(\.subject) == [
        [
          Identifier(.adSID, "S-1-5-21-1377283216-344919071-3415362939-500"),
          Identifier(.adAccount, "WIN-GG82ULGC9GO\\Administrator"),
        ]
        .compactMap { $0 }
      ])
  }

  @Test func skipsEventsOfOtherProvidersAndRejectsEventsWithoutTime() {
    let ns = "http://schemas.microsoft.com/win/2004/08/events/event"
    let text = """
      <Event xmlns="\(ns)"><System><Provider Name="Service Control Manager"/><EventID>4720</EventID>\
      <TimeCreated SystemTime="2024-01-01T00:00:00Z"/></System></Event>
      <Event xmlns="\(ns)"><System><Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>4725</EventID>\
      </System><EventData><Data Name="TargetSid">S-1-5-21-1-2-3-4</Data></EventData></Event>
      <Event xmlns="\(ns)"><System><EventID>x</EventID></System></Event>
      """
    let input = XMLDecoderTestSupport.decode(decoder, text: text)
    #expect(
      input.skipped == [
        "event ID 4720 from provider 'Service Control Manager' is not a Security audit event": 1
      ])
    #expect(
      input.xmlRejectionLines == [
        "2: event 4725 has no TimeCreated SystemTime", "3: EventID 'x' is not a number",
      ])
  }

  @Test func rejectsAnElementThatIsNoEventWhereEventsAreExpected() {
    let ns = "http://schemas.microsoft.com/win/2004/08/events/event"
    let event = """
      <Event xmlns="\(ns)"><System><Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>4725</EventID>\
      <TimeCreated SystemTime="2024-01-01T00:00:00Z"/></System><EventData>\
      <Data Name="TargetSid">S-1-5-21-1-2-3-4</Data><Data Name="TargetUserName">jdoe</Data>\
      <Data Name="TargetDomainName">CORP</Data></EventData></Event>
      """
    let rootless = XMLDecoderTestSupport.decode(
      decoder, text: event + "\n<Evnt xmlns=\"\(ns)\"><System><EventID>4726</EventID></System></Evnt>\n" + event)
    #expect((rootless.records, rootless.decoded, rootless.rejectedCount) == (3, 2, 1))
    #expect(
      rootless.xmlRejectionLines == [
        "2: a <Evnt> element where <Event> records were expected; it and everything in it were not read"
      ])
    let rooted = XMLDecoderTestSupport.decode(
      decoder, text: "<Events>\n" + event + "\n<Note>exported by hand</Note>\n" + event + "\n</Events>")
    #expect((rooted.records, rooted.decoded, rooted.rejectedCount) == (3, 2, 1))
    #expect(
      rooted.xmlRejectionLines == [
        "3: a <Note> element where <Event> records were expected; it and everything in it were not read"
      ])
  }

  @Test func decodesALargeExportInPartsLikeInOne() throws {
    let events = try String(
      contentsOfFile: XMLDecoderTestSupport.path(.windowsSecurityXML, "wevtutil-rootless.xml"),
      encoding: .utf8)
    var text = ""
    while text.utf8.count < 5 << 20 { text += events }
    let input = XMLDecoderTestSupport.decode(decoder, text: text)
    let copies = text.utf8.count / events.utf8.count
    #expect((input.records, input.decoded, input.rejectedCount) == (14 * copies, 12 * copies, 0))
    #expect(
      input.events.map { $0.locator.xmlLineNumber ?? 0 }
        == (0..<copies).flatMap { copy in
          [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13].map { $0 + 14 * copy }
        })
  }
}
