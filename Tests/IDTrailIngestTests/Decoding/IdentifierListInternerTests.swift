import IDTrailModel
import Testing

@testable import IDTrailIngest

/// The interner shares one array per distinct list, however many lists an input names.
@Suite struct IdentifierListInternerTests {
  private static func list(_ number: Int) -> [Identifier] {
    [Identifier(.gitlabUserID, String(number)), Identifier(.email, "person\(number)@example.com")]
      .compactMap { $0 }
  }

  @Test func sharesEveryListPastTheFirstTableSize() {
    var interner = IdentifierListInterner()
    let count = 20_000
    let first = (0..<count).map { interner.shared(Self.list($0)) }
    let again = (0..<count).map { interner.shared(Self.list($0)) }
    #expect(again == first)
    let shared = zip(first, again).filter { IdentifierListKey($0) == IdentifierListKey($1) }.count
    #expect(shared == count)
  }

  @Test func partsShareThroughTheRegistry() {
    let registry = IdentifierListRegistry()
    var one = IdentifierListInterner(registry: registry)
    var other = IdentifierListInterner(registry: registry)
    let fromOne = one.shared(Self.list(7))
    let fromOther = other.shared(Self.list(7))
    #expect(IdentifierListKey(fromOne) == IdentifierListKey(fromOther))
    #expect(IdentifierListKey(other.shared(Self.list(8))) != IdentifierListKey(fromOne))
  }

  @Test func anEmptyListIsGivenBack() {
    var interner = IdentifierListInterner()
    #expect(interner.shared([]).isEmpty)
  }
}
