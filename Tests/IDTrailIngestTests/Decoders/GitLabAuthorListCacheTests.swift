import IDTrailModel
import Testing

@testable import IDTrailIngest

/// `IdentifierListCache` on its own: keys match byte for byte, fields cannot run together, and the
/// cache stays within its bounds.
@Suite struct IdentifierListCacheTests {
  private static let ann = [Identifier(.displayName, "Ann")].compactMap { $0 }
  private static let bob = [Identifier(.displayName, "Bob")].compactMap { $0 }

  /// Composes the key of `fields` (tag and text each) and asks for its list.
  private func lookUp(_ fields: [(UInt8, String)], in cache: inout IdentifierListCache) -> [Identifier]? {
    cache.beginKey()
    for (tag, text) in fields {
      var text = text
      text.withUTF8 { cache.appendField(tag: tag, UnsafeRawBufferPointer($0)) }
    }
    return cache.cachedList()
  }

  private func sameStorage(_ lhs: [Identifier]?, _ rhs: [Identifier]) -> Bool {
    guard let lhs else { return false }
    return IdentifierListKey(lhs) == IdentifierListKey(rhs)
  }

  @Test func aHitNeedsTheSameBytesTagsAndFieldBoundaries() {
    var cache = IdentifierListCache()
    #expect(lookUp([(2, "7"), (2, "Ann")], in: &cache) == nil)
    cache.store(Self.ann)
    #expect(sameStorage(lookUp([(2, "7"), (2, "Ann")], in: &cache), Self.ann))
    // One byte, a letter's case, the tag, or where one field ends and the next starts.
    #expect(lookUp([(2, "7"), (2, "Anm")], in: &cache) == nil)
    #expect(lookUp([(2, "7"), (2, "ann")], in: &cache) == nil)
    #expect(lookUp([(2, "7"), (0x12, "Ann")], in: &cache) == nil)
    #expect(lookUp([(2, "7A"), (2, "nn")], in: &cache) == nil)
    #expect(lookUp([(2, "Ann"), (2, "7")], in: &cache) == nil)
    #expect(lookUp([(2, "7"), (2, "Ann"), (0xFF, "")], in: &cache) == nil)
    #expect(cache.count == 1)
  }

  @Test func storeWithoutAMissKeepsNothing() {
    var cache = IdentifierListCache()
    _ = lookUp([(2, "a")], in: &cache)
    cache.store(Self.ann)
    // The key was stored and found: storing again for the same lookup does nothing.
    #expect(sameStorage(lookUp([(2, "a")], in: &cache), Self.ann))
    cache.store(Self.bob)
    #expect(sameStorage(lookUp([(2, "a")], in: &cache), Self.ann))
    #expect(cache.count == 1)
  }

  @Test func manyKeysAreAllFoundAfterTheTableGrows() {
    var cache = IdentifierListCache()
    var lists: [[Identifier]] = []
    for index in 0..<3000 {
      let list = [Identifier(.gitlabUserID, String(index))].compactMap { $0 }
      lists.append(list)
      #expect(lookUp([(3, String(index))], in: &cache) == nil)
      cache.store(list)
    }
    #expect(cache.count == 3000)
    for index in 0..<3000 {
      #expect(sameStorage(lookUp([(3, String(index))], in: &cache), lists[index]))
    }
  }

  @Test func aFullCacheStartsOverWithTheNewList() {
    var cache = IdentifierListCache(capacity: 2)
    for (key, list) in [("a", Self.ann), ("b", Self.bob), ("c", Self.bob)] {
      _ = lookUp([(2, key)], in: &cache)
      cache.store(list)
    }
    #expect(cache.count == 1)
    #expect(lookUp([(2, "a")], in: &cache) == nil)
    #expect(lookUp([(2, "b")], in: &cache) == nil)
    #expect(sameStorage(lookUp([(2, "c")], in: &cache), Self.bob))
    // And fills up again from there.
    _ = lookUp([(2, "a")], in: &cache)
    cache.store(Self.ann)
    #expect(cache.count == 2)
    #expect(sameStorage(lookUp([(2, "a")], in: &cache), Self.ann))
    #expect(sameStorage(lookUp([(2, "c")], in: &cache), Self.bob))
  }

  @Test func keyBytesAreBoundedToo() {
    // Each key here is 1 tag + 4 length + 10 bytes = 15 bytes: room for two in 30.
    var cache = IdentifierListCache(byteCapacity: 30)
    for key in ["aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"] {
      _ = lookUp([(2, key)], in: &cache)
      cache.store(Self.ann)
    }
    #expect(cache.count == 1)
    #expect(lookUp([(2, "aaaaaaaaaa")], in: &cache) == nil)
    #expect(sameStorage(lookUp([(2, "cccccccccc")], in: &cache), Self.ann))
    // A key longer than the whole bound is never kept.
    _ = lookUp([(2, String(repeating: "d", count: 40))], in: &cache)
    cache.store(Self.bob)
    #expect(cache.count == 1)
    #expect(lookUp([(2, String(repeating: "d", count: 40))], in: &cache) == nil)
  }
}

/// Person authors' identifier lists come from the part's `IdentifierListCache` when events are
/// kept: records that differ in any byte of the author's fields get their own list, equal lists
/// share storage, and what the events say is what building each list afresh says.
@Suite struct GitLabAuthorListCacheTests {
  /// A streamed sign-in by user 7 whose author members are `author`, about `target`.
  private static func line(
    id: Int, author: String, target: String = #""target_id": 7, "target_details": "Ann Author""#,
    details: String = ""
  ) -> String {
    #"""
    {"id": "\#(id)", "author_id": 7, \#(author), "entity_id": 9, "entity_type": "User", \#
    "event_type": "authenticated_with_group_saml", "details": {"with": "group_saml"\#(details)}, \#
    "target_type": "User", \#(target), "created_at": "2025-01-01T00:00:0\#(id % 10)Z"}
    """#
  }

  private static let annWithEmail = #""author_name": "Ann Author", "author_email": "Ann@Example.com""#
  private static let annIDs = "gitlab.user_id:7, display_name:Ann Author, email:ann@example.com"

  private func decode(_ lines: [String]) -> DecodedInput {
    GitLabAuditFixtures.decode(
      text: lines.joined(separator: "\n") + "\n", name: "s.ndjson", with: GitLabAuditStreamDecoder())
  }

  private func actorText(_ event: IdentityEvent) -> String {
    event.actor.identifiers.map(\.description).joined(separator: ", ")
  }

  private func subjectText(_ event: IdentityEvent) -> String {
    event.subject.map(\.description).joined(separator: ", ")
  }

  private func key(_ list: [Identifier]) -> IdentifierListKey? { IdentifierListKey(list) }

  @Test func authorsDifferingInCaseInOneByteOrInOrderGetTheirOwnLists() throws {
    let input = decode([
      Self.line(id: 1, author: Self.annWithEmail),
      // The email differs only in case: it folds to the same identifier.
      Self.line(id: 2, author: #""author_name": "Ann Author", "author_email": "ann@example.com""#),
      // The name differs only in case: display names do not fold.
      Self.line(id: 3, author: #""author_name": "ann author", "author_email": "Ann@Example.com""#),
      // One byte.
      Self.line(id: 4, author: #""author_name": "Ann Authos", "author_email": "Ann@Example.com""#),
      // The same values in another order, or the name in `details`.
      Self.line(id: 5, author: #""author_email": "Ann@Example.com", "author_name": "Ann Author""#),
      Self.line(
        id: 6, author: #""author_email": "Ann@Example.com""#, details: #", "author_name": "Ann Author""#),
      // The name escaped.
      Self.line(id: 7, author: #""author_name": "Ann \u0041uthor", "author_email": "Ann@Example.com""#),
      // No email.
      Self.line(id: 8, author: #""author_name": "Ann Author""#),
      // A repeat of the first, later in the part.
      Self.line(id: 9, author: Self.annWithEmail),
    ])
    #expect(input.decoded == 9)
    let events = input.events
    try #require(events.count == 9)
    #expect(
      events.map(actorText) == [
        Self.annIDs, Self.annIDs,
        "gitlab.user_id:7, display_name:ann author, email:ann@example.com",
        "gitlab.user_id:7, display_name:Ann Authos, email:ann@example.com",
        Self.annIDs, Self.annIDs, Self.annIDs,
        "gitlab.user_id:7, display_name:Ann Author",
        Self.annIDs,
      ])
    // Equal lists share one array, whether the cache or the interner found it.
    let first = try #require(key(events[0].actor.identifiers))
    for index in [1, 4, 5, 6, 8] {
      #expect(key(events[index].actor.identifiers) == first, "event \(index + 1)")
    }
    for index in [2, 3, 7] {
      #expect(key(events[index].actor.identifiers) != first, "event \(index + 1)")
    }
    // The target is the author, named as the author's list names them: the subject is that list.
    for (index, event) in events.enumerated() where index != 2 && index != 3 {
      #expect(key(event.subject) == key(event.actor.identifiers), "event \(index + 1)")
    }
    #expect(subjectText(events[2]) == "gitlab.user_id:7, display_name:Ann Author, display_name:ann author, email:ann@example.com")
    #expect(subjectText(events[3]) == "gitlab.user_id:7, display_name:Ann Author, display_name:Ann Authos, email:ann@example.com")
  }

  @Test func aTargetThatIsNotTheAuthorAsTheListNamesThemGetsItsOwnSubject() throws {
    let input = decode([
      Self.line(id: 1, author: Self.annWithEmail, target: #""target_id": 9, "target_details": "Ann Author""#),
      Self.line(id: 2, author: Self.annWithEmail, target: #""target_id": "07", "target_details": "Ann Author""#),
      Self.line(id: 3, author: Self.annWithEmail, target: #""target_id": 7, "target_details": "Tom Target""#),
      Self.line(id: 4, author: Self.annWithEmail, target: #""target_id": 7"#),
    ])
    let events = input.events
    try #require(events.count == 4)
    #expect(
      events.map(subjectText) == [
        "gitlab.user_id:9, display_name:Ann Author",
        Self.annIDs,
        "gitlab.user_id:7, display_name:Tom Target, display_name:Ann Author, email:ann@example.com",
        Self.annIDs,
      ])
    #expect(key(events[1].subject) == key(events[1].actor.identifiers))
    #expect(key(events[3].subject) == key(events[3].actor.identifiers))
  }

  @Test func theSignedInUserCountsOnlyWhenItIsTheAuthor() throws {
    func logLine(_ id: Int, meta: String) -> String {
      #"""
      {"severity": "INFO", "time": "2025-01-01T00:00:01Z", "id": \#(id), "author_id": 7, \#
      "author_name": "Ann Author", "entity_id": 9, "entity_type": "User", \#
      "created_at": "2025-01-01T00:00:00Z", "with": "standard", \#(meta)}
      """#
    }
    let input = GitLabAuditFixtures.decode(
      text: [
        logLine(1, meta: #""meta.user": "ann", "meta.user_id": 7"#),
        logLine(2, meta: #""meta.user": "ann", "meta.user_id": 8"#),
        logLine(3, meta: #""meta.user": "anne", "meta.user_id": 7"#),
        logLine(4, meta: #""meta.user": "ann", "meta.user_id": 7"#),
      ].joined(separator: "\n"), name: "audit_json.log", with: GitLabAuditJSONLogDecoder())
    #expect(
      input.events.map(actorText) == [
        "gitlab.user_id:7, display_name:Ann Author, gitlab.username:ann",
        "gitlab.user_id:7, display_name:Ann Author",
        "gitlab.user_id:7, display_name:Ann Author, gitlab.username:anne",
        "gitlab.user_id:7, display_name:Ann Author, gitlab.username:ann",
      ])
  }

  @Test func aCacheAtItsBoundStillGivesEveryRecordItsAuthor() throws {
    var output = DecodedInput(path: "s.ndjson", format: .gitlabAuditStream, byteCount: 0)
    output.tables.identifierListCache = IdentifierListCache(capacity: 1)
    let text = [
      Self.line(id: 1, author: Self.annWithEmail),
      Self.line(id: 2, author: #""author_name": "Bob Other""#),
      Self.line(id: 3, author: #""author_name": "Bob Other""#),
      Self.line(id: 4, author: Self.annWithEmail),
    ].joined(separator: "\n")
    decodeLines(text, with: GitLabAuditStreamDecoder(), into: &output)
    #expect(output.tables.identifierListCache.count == 1)
    let events = output.events
    try #require(events.count == 4)
    #expect(
      events.map(actorText) == [
        Self.annIDs, "gitlab.user_id:7, display_name:Bob Other", "gitlab.user_id:7, display_name:Bob Other",
        Self.annIDs,
      ])
    #expect(key(events[0].actor.identifiers) == key(events[3].actor.identifiers))
    // Past the bound, lists are still shared through the interner.
    #expect(key(events[1].actor.identifiers) == key(events[2].actor.identifiers))
  }
}
