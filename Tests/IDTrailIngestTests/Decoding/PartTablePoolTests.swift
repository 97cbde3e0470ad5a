import IDTrailModel
import Testing

@testable import IDTrailIngest

/// The parts of an input hand their tables on: a part starts with what the parts before it filled,
/// keeps none of it once it is done, and every set of tables shares one array per identifier list.
@Suite struct PartTablePoolTests {
  private static let ann = [Identifier(.email, "ann@example.com"), Identifier(.displayName, "Ann")]
    .compactMap { $0 }

  /// Looks up the list cached under the one-field key `text` in `part`'s tables.
  private static func cached(_ text: String, in part: inout DecodedInput) -> [Identifier]? {
    part.tables.identifierListCache.beginKey()
    var text = text
    text.withUTF8 { part.tables.identifierListCache.appendField(tag: 2, UnsafeRawBufferPointer($0)) }
    return part.tables.identifierListCache.cachedList()
  }

  @Test func aPartStartsWithTheTablesTheLastPartFilled() throws {
    let pool = PartTablePool()
    var first = DecodedInput(path: "in.ndjson", format: nil, byteCount: 0)
    first.tables = pool.take()
    #expect(Self.cached("ann", in: &first) == nil)
    let shared = first.tables.identifierLists.shared(Self.ann)
    first.tables.identifierListCache.store(shared)
    pool.giveBack(first.takeTables())
    // The finished part keeps no tables.
    #expect(first.tables.identifierListCache.count == 0)

    var second = DecodedInput(path: "in.ndjson", format: nil, byteCount: 0)
    second.tables = pool.take()
    let found = try #require(Self.cached("ann", in: &second))
    #expect(IdentifierListKey(found) == IdentifierListKey(shared))
  }

  @Test func partsReadAtOnceGetTheirOwnTablesAndShareListsThroughTheRegistry() {
    let pool = PartTablePool()
    var first = DecodedInput(path: "in.ndjson", format: nil, byteCount: 0)
    var second = DecodedInput(path: "in.ndjson", format: nil, byteCount: 0)
    first.tables = pool.take()
    second.tables = pool.take()
    let fromFirst = first.tables.identifierLists.shared(Self.ann)
    first.tables.identifierListCache.beginKey()
    _ = first.tables.identifierListCache.cachedList()
    first.tables.identifierListCache.store(fromFirst)
    #expect(second.tables.identifierListCache.count == 0)
    // A list built afresh (its own storage) by the other part comes back as the first part's array.
    let afresh = Self.ann.map { $0 }
    #expect(IdentifierListKey(afresh) != IdentifierListKey(fromFirst))
    let fromSecond = second.tables.identifierLists.shared(afresh)
    #expect(IdentifierListKey(fromSecond) == IdentifierListKey(fromFirst))
  }
}
