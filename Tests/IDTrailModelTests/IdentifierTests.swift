import IDTrailModel
import Testing

/// How identifiers are normalised on creation: case-folded kinds lowered, white space trimmed,
/// empty values refused; the all-ASCII path gives what the general one gives.
@Suite struct IdentifierTests {
  @Test(arguments: [
    (IdentifierKind.email, "jane.doe@example.org", "jane.doe@example.org"),
    (.email, "Jane.Doe@Example.ORG", "jane.doe@example.org"),
    (.adAccount, "ACME\\Sara.Costa", "acme\\sara.costa"),
    (.upn, "  JDoe@Corp.Example.com\t", "jdoe@corp.example.com"),
    (.email, "Jöhn@Example.org", "jöhn@example.org"),
    (.email, "ÉVA@EXAMPLE.ORG", "éva@example.org"),
    (.displayName, "Jane Doe", "Jane Doe"),
    (.displayName, "  Jane Doe \n", "Jane Doe"),
    (.gitlabUsername, "JDoe", "JDoe"),
  ])
  func normalises(kind: IdentifierKind, value: String, expected: String) throws {
    #expect(try #require(Identifier(kind, value)).value == expected)
  }

  @Test func emptyAfterTrimmingIsRefused() {
    #expect(Identifier(.email, "") == nil)
    #expect(Identifier(.email, " \t\n") == nil)
    #expect(Identifier(.displayName, "  ") == nil)
  }

  /// Every printable ASCII character, folded as `lowercased()` folds it.
  @Test func asciiFoldingMatchesLowercased() throws {
    let printable = String(decoding: (0x21...0x7E).map { UInt8($0) }, as: UTF8.self)
    #expect(try #require(Identifier(.email, printable)).value == printable.lowercased())
  }
}
