import IDTrailModel
import Testing

@testable import IDTrailIngest

/// Windows Security accounts' identifier lists come from the part's `IdentifierListCache`: accounts
/// that differ in any one value get their own list, and equal lists share one array whichever
/// fields of whichever event they were read from.
@Suite struct WindowsIdentifierListsTests {
  private static let sid = "S-1-5-21-1111111111-2222222222-3333333333-4201"
  private static let adminSID = "S-1-5-21-1111111111-2222222222-3333333333-1107"

  /// A Security event numbered `index` with `data` as its `EventData` (name, value).
  private static func event(_ index: Int, id: Int, _ data: [(String, String)]) -> String {
    let fields = data.map { #"<Data Name="\#($0.0)">\#($0.1)</Data>"# }.joined()
    return #"""
      <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>\#
      <Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>\#(id)</EventID>\#
      <Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime="2024-06-30T09:00:\#(10 + index)Z"/>\#
      <EventRecordID>\#(index)</EventRecordID><Computer>dc</Computer></System>\#
      <EventData>\#(fields)</EventData></Event>
      """#
  }

  /// An event of `id` whose target is `target` (TargetSid, TargetDomainName, TargetUserName) and
  /// whose subject is the administrator.
  private static func targeted(
    _ index: Int, id: Int = 4722, sid: String = sid, domain: String = "CORP", name: String = "jdoe",
    extra: [(String, String)] = []
  ) -> String {
    event(
      index, id: id,
      [
        ("TargetUserName", name), ("TargetDomainName", domain), ("TargetSid", sid),
        ("SubjectUserSid", adminSID), ("SubjectUserName", "admin"), ("SubjectDomainName", "CORP"),
      ] + extra)
  }

  private func decode(_ events: [String]) -> DecodedInput {
    XMLDecoderTestSupport.decode(WindowsSecurityXMLDecoder(), text: events.joined(separator: "\n") + "\n")
  }

  private func text(_ list: [Identifier]) -> String { list.map(\.description).joined(separator: ", ") }

  private func key(_ list: [Identifier]) -> IdentifierListKey? { IdentifierListKey(list) }

  private static let jdoe = "ad.sid:\(sid), ad.account:corp\\jdoe"

  @Test func accountsDifferingInOneValueGetTheirOwnListsAndEqualListsShareOne() throws {
    let input = decode([
      Self.targeted(1),
      Self.targeted(2, domain: "LAB"),
      Self.targeted(3, name: "jdoe2"),
      Self.targeted(4, sid: Self.adminSID),
      // Other case folds to the same account; an entity spells the same name.
      Self.targeted(5, domain: "corp", name: "JDoe"),
      Self.targeted(6, name: "j&#100;oe"),
      // No domain, or no SID (the NULL SID is none).
      Self.targeted(7, domain: "-"),
      Self.targeted(8, sid: "S-1-0-0"),
      // A created account names its UPN and display name too; a changed one without them does not.
      Self.targeted(
        9, id: 4720, extra: [("UserPrincipalName", "JDoe@corp.example.com"), ("DisplayName", "Jane Doe")]),
      Self.targeted(10, id: 4738, extra: [("UserPrincipalName", "-"), ("DisplayName", "-")]),
      Self.targeted(11),
    ])
    #expect((input.decoded, input.rejectedCount) == (11, 0))
    let events = input.events
    try #require(events.count == 11)
    #expect(
      events.map { text($0.subject) } == [
        Self.jdoe,
        "ad.sid:\(Self.sid), ad.account:lab\\jdoe",
        "ad.sid:\(Self.sid), ad.account:corp\\jdoe2",
        "ad.sid:\(Self.adminSID), ad.account:corp\\jdoe",
        Self.jdoe, Self.jdoe,
        "ad.sid:\(Self.sid), ad.account:jdoe",
        "ad.account:corp\\jdoe",
        Self.jdoe + ", upn:jdoe@corp.example.com, display_name:Jane Doe",
        Self.jdoe, Self.jdoe,
      ])
    let first = try #require(key(events[0].subject))
    for index in [4, 5, 9, 10] {
      #expect(key(events[index].subject) == first, "event \(index + 1)")
    }
    for index in [1, 2, 3, 6, 7, 8] {
      #expect(key(events[index].subject) != first, "event \(index + 1)")
    }
    // Every event's actor is the administrator: one array.
    let admin = "ad.sid:\(Self.adminSID), ad.account:corp\\admin"
    #expect(events.allSatisfy { text($0.actor.identifiers) == admin })
    #expect(Set(events.compactMap { key($0.actor.identifiers) }).count == 1)
    // Event 4's target is the administrator's SID under another name: not the actor's list.
    #expect(key(events[3].subject) != key(events[3].actor.identifiers))
  }

  @Test func theSameAccountReadFromOtherFieldsSharesItsList() throws {
    let input = decode([
      Self.targeted(1),
      // A logon names the account in TargetUserSid; a lockout takes the domain from the subject.
      Self.event(
        2, id: 4624,
        [
          ("TargetUserSid", Self.sid), ("TargetUserName", "jdoe"), ("TargetDomainName", "CORP"),
          ("LogonType", "3"),
        ]),
      Self.event(
        3, id: 4740,
        [
          ("TargetUserName", "jdoe"), ("TargetDomainName", "WS-1042"), ("TargetSid", Self.sid),
          ("SubjectUserSid", "S-1-5-18"), ("SubjectUserName", "DC$"), ("SubjectDomainName", "CORP"),
        ]),
      // The member of a group is named by SID alone, as is an actor with only a SID.
      Self.event(
        4, id: 4728,
        [
          ("MemberSid", Self.sid), ("TargetUserName", "Developers"), ("TargetDomainName", "CORP"),
          ("SubjectUserSid", Self.sid),
        ]),
      // jdoe acts on someone else.
      Self.event(
        5, id: 4725,
        [
          ("TargetUserName", "other"), ("TargetDomainName", "CORP"), ("SubjectUserSid", Self.sid),
          ("SubjectUserName", "jdoe"), ("SubjectDomainName", "CORP"),
        ]),
    ])
    #expect((input.decoded, input.rejectedCount) == (5, 0))
    let events = input.events
    try #require(events.count == 5)
    #expect(
      events.map { text($0.subject) } == [
        Self.jdoe, Self.jdoe, Self.jdoe, "ad.sid:\(Self.sid)", "ad.account:corp\\other",
      ])
    #expect(
      events.map { "\($0.actor.kind) " + text($0.actor.identifiers) } == [
        "person ad.sid:\(Self.adminSID), ad.account:corp\\admin", "unknown ",
        "system ad.sid:S-1-5-18, ad.account:corp\\dc$",
        "person ad.sid:\(Self.sid)", "person " + Self.jdoe,
      ])
    let jdoe = try #require(key(events[0].subject))
    #expect(key(events[1].subject) == jdoe)
    #expect(key(events[2].subject) == jdoe)
    #expect(key(events[4].actor.identifiers) == jdoe)
    #expect(key(events[3].subject) == key(events[3].actor.identifiers))
  }
}
