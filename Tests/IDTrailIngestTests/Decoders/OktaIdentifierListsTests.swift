import IDTrailModel
import Testing

@testable import IDTrailIngest

/// Okta actors' and subjects' identifier lists come from the part's `IdentifierListCache`: users
/// that differ in any one field get their own list, spellings of the same values get equal lists,
/// and equal lists share one array.
@Suite struct OktaIdentifierListsTests {
  /// A `User` entity's JSON members.
  private static func user(id: String = "00u1", login: String = "ann@example.com", name: String = "Ann Lee")
    -> String
  {
    #""id": "\#(id)", "type": "User", "alternateId": "\#(login)", "displayName": "\#(name)""#
  }

  /// An event record numbered `index`, of `type`, with `actor` and `targets` as JSON members.
  private static func record(
    _ index: Int, type: String = "user.session.start", actor: String = user(), targets: [String] = []
  ) -> String {
    let objects = targets.map { "{\($0)}" }.joined(separator: ", ")
    let target = targets.isEmpty ? "" : #", "target": [\#(objects)]"#
    return #"""
      {"uuid": "e-\#(index)", "published": "2026-07-01T00:00:\#(10 + index)Z", "eventType": "\#(type)", \#
      "outcome": {"result": "SUCCESS"}, "actor": {\#(actor)}\#(target)}
      """#
  }

  private func decode(_ records: [String]) -> DecodedInput {
    IdentityProviderFixtures.decode(
      text: records.joined(separator: "\n") + "\n", name: "okta.ndjson", with: OktaSystemLogDecoder())
  }

  private func text(_ list: [Identifier]) -> String { list.map(\.description).joined(separator: ", ") }

  private func key(_ list: [Identifier]) -> IdentifierListKey? { IdentifierListKey(list) }

  private static let ann = "okta.user_id:00u1, email:ann@example.com, display_name:Ann Lee"

  @Test func usersDifferingInOneFieldGetTheirOwnListsAndSpellingsOfOneValueShareOne() throws {
    let input = decode([
      Self.record(1),
      // Same id, another login; another id, same login; another name.
      Self.record(2, actor: Self.user(login: "bob@example.com")),
      Self.record(3, actor: Self.user(id: "00u2")),
      Self.record(4, actor: Self.user(name: "Ann Leigh")),
      // The same values spelt with escapes, or the login in other case: equal lists.
      Self.record(5, actor: Self.user(login: #"ann\u0040example.com"#)),
      Self.record(6, actor: Self.user(id: #"00\u00751"#, name: #"Ann\u0020Lee"#)),
      Self.record(7, actor: Self.user(login: "Ann@Example.COM")),
      // A login that is not an address is no email.
      Self.record(8, actor: Self.user(login: "ann")),
      // An id written as a number is not an id.
      Self.record(9, actor: #""id": 7, "type": "User", "alternateId": "ann@example.com""#),
      Self.record(10),
    ])
    #expect((input.decoded, input.rejectedCount) == (10, 0))
    let events = input.events
    try #require(events.count == 10)
    #expect(
      events.map { text($0.actor.identifiers) } == [
        Self.ann,
        "okta.user_id:00u1, email:bob@example.com, display_name:Ann Lee",
        "okta.user_id:00u2, email:ann@example.com, display_name:Ann Lee",
        "okta.user_id:00u1, email:ann@example.com, display_name:Ann Leigh",
        Self.ann, Self.ann, Self.ann,
        "okta.user_id:00u1, display_name:Ann Lee",
        "email:ann@example.com",
        Self.ann,
      ])
    let first = try #require(key(events[0].actor.identifiers))
    for index in [4, 5, 6, 9] {
      #expect(key(events[index].actor.identifiers) == first, "event \(index + 1)")
    }
    for index in [1, 2, 3, 7, 8] {
      #expect(key(events[index].actor.identifiers) != first, "event \(index + 1)")
    }
    // A sign-in with no target is about the actor: the subject is the actor's list itself.
    for (index, event) in events.enumerated() {
      #expect(key(event.subject) == key(event.actor.identifiers), "event \(index + 1)")
    }
  }

  @Test func targetUsersGetTheirListsAndRepeatsShareTheActorsArray() throws {
    let group = #""id": "00g1", "type": "UserGroup", "displayName": "Developers""#
    let admin = Self.user(id: "00u9", login: "it@example.com", name: "Ida Admin")
    let add = "group.user_membership.add"
    let bo = Self.user(id: "00u2", name: "Bo")
    let input = decode([
      Self.record(1, type: add, actor: admin, targets: [Self.user(), group]),
      Self.record(2, type: add, actor: admin, targets: [Self.user(login: "ann.lee@example.com"), group]),
      Self.record(3, type: add, actor: admin, targets: [group, Self.user()]),
      // The same values with escapes: another key, the same list.
      Self.record(4, type: add, actor: admin, targets: [Self.user(login: #"ann\u0040example.com"#), group]),
      // Two users, in either order.
      Self.record(5, type: add, actor: admin, targets: [Self.user(), bo, group]),
      Self.record(6, type: add, actor: admin, targets: [bo, Self.user(), group]),
      // The user signs in: the subject is the actor, which is the target of the events before.
      Self.record(7),
    ])
    #expect((input.decoded, input.rejectedCount) == (7, 0))
    let events = input.events
    try #require(events.count == 7)
    #expect(
      events.map { text($0.subject) } == [
        Self.ann,
        "okta.user_id:00u1, email:ann.lee@example.com, display_name:Ann Lee",
        Self.ann, Self.ann,
        // Bo shares Ann's login: the address is named once.
        Self.ann + ", okta.user_id:00u2, display_name:Bo",
        "okta.user_id:00u2, email:ann@example.com, display_name:Bo, okta.user_id:00u1, display_name:Ann Lee",
        Self.ann,
      ])
    #expect(events.map { $0.resource?.name } == Array(repeating: "Developers", count: 6) + [nil])
    let ann = try #require(key(events[0].subject))
    for index in [2, 3, 6] {
      #expect(key(events[index].subject) == ann, "event \(index + 1)")
    }
    #expect(key(events[6].actor.identifiers) == ann)
    #expect(key(events[1].subject) != ann)
    #expect(key(events[4].subject) != key(events[5].subject))
    let adminList = try #require(key(events[0].actor.identifiers))
    #expect(events.prefix(6).allSatisfy { key($0.actor.identifiers) == adminList })
  }

  @Test func anAppUsersListDependsOnWhetherTheApplicationIsGitLab() throws {
    func app(_ name: String) -> String { #""id": "0oa1", "type": "AppInstance", "displayName": "\#(name)""# }
    let appUser = #""id": "0ua1", "type": "AppUser", "alternateId": "alee""#
    let mailAppUser = #""id": "0ua2", "type": "AppUser", "alternateId": "ann@example.com""#
    let admin = #""id": "0oaS", "type": "PublicClientApp", "displayName": "Sync""#
    let add = "application.user_membership.add"
    let input = decode([
      Self.record(1, type: add, actor: admin, targets: [appUser, app("GitLab"), Self.user()]),
      Self.record(2, type: add, actor: admin, targets: [appUser, app("Jira"), Self.user()]),
      Self.record(3, type: add, actor: admin, targets: [appUser, app("My GITLAB"), Self.user()]),
      // The app user's address is the user's login: named once.
      Self.record(4, type: add, actor: admin, targets: [mailAppUser, app("Jira"), Self.user()]),
      Self.record(5, type: add, actor: admin, targets: [appUser, app("Jira"), Self.user()]),
    ])
    #expect((input.decoded, input.rejectedCount) == (5, 0))
    let events = input.events
    try #require(events.count == 5)
    #expect(
      events.map { text($0.subject) } == [
        "gitlab.username:alee, " + Self.ann,
        Self.ann,
        "gitlab.username:alee, " + Self.ann,
        "email:ann@example.com, okta.user_id:00u1, display_name:Ann Lee",
        Self.ann,
      ])
    #expect(key(events[0].subject) == key(events[2].subject))
    #expect(key(events[1].subject) == key(events[4].subject))
    #expect(events.allSatisfy { text($0.actor.identifiers) == "display_name:Sync" })
    #expect(events.allSatisfy { $0.actor.kind == .system })
    #expect(key(events[0].actor.identifiers) == key(events[4].actor.identifiers))
  }

  @Test func anEventNamingNoUserIsStillRejected() throws {
    let input = decode([
      Self.record(1, actor: #""id": "0oa1", "type": "PublicClientApp", "displayName": "Sync""#),
      Self.record(2, actor: #""id": "0oa1", "displayName": "Sync""#),
      Self.record(3, type: "user.lifecycle.create", actor: Self.user(), targets: [#""type": "UserGroup""#]),
    ])
    #expect(
      input.rejections.map { "\($0.locator.position): \($0.reason)" } == [
        "line(1): names no user: no User or AppUser target, and the actor is PublicClientApp",
        "line(2): names no user: no User or AppUser target, and the actor is missing",
        "line(3): names no user: no User or AppUser target",
      ])
  }

  @Test func aCacheAtItsBoundStillGivesEveryRecordItsLists() throws {
    var output = DecodedInput(path: "okta.ndjson", format: .oktaSystemLog, byteCount: 0)
    output.tables.identifierListCache = IdentifierListCache(capacity: 1)
    let lines = [
      Self.record(1), Self.record(2, actor: Self.user(id: "00u2")),
      Self.record(3, actor: Self.user(id: "00u2")), Self.record(4),
    ].joined(separator: "\n")
    decodeLines(lines, with: OktaSystemLogDecoder(), into: &output)
    #expect(output.tables.identifierListCache.count == 1)
    let events = output.events
    try #require(events.count == 4)
    let bo = "okta.user_id:00u2, email:ann@example.com, display_name:Ann Lee"
    #expect(events.map { text($0.actor.identifiers) } == [Self.ann, bo, bo, Self.ann])
    #expect(events.map { text($0.subject) } == [Self.ann, bo, bo, Self.ann])
    #expect(key(events[0].actor.identifiers) == key(events[3].actor.identifiers))
    // Past the bound, lists are still shared through the interner.
    #expect(key(events[1].actor.identifiers) == key(events[2].subject))
  }
}
