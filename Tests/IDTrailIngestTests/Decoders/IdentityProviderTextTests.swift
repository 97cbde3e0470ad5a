import IDTrailModel
import Testing

@testable import IDTrailIngest

/// Which strings the identity-provider decoders take for email addresses: the all-ASCII fast path
/// and the Unicode path must agree with the rule (one `@`, a local part without white space, two
/// or more non-empty domain labels of letters, digits and hyphens).
@Suite struct IdentityProviderTextTests {
  @Test(arguments: [
    ("jane.doe@example.org", true),
    ("Jane.Doe+git@Example.ORG", true),
    ("a@b.c", true),
    ("x@sub-1.example.co.uk", true),
    ("jdoe", false),
    ("REDACTED", false),
    ("john.doe@example.org\\", false),
    ("@example.org", false),
    ("jane@", false),
    ("jane@example", false),
    ("jane@example.", false),
    ("jane@.example.org", false),
    ("jane@exa..mple.org", false),
    ("jane@doe@example.org", false),
    ("jane doe@example.org", false),
    ("jane\tdoe@example.org", false),
    ("jane@exa_mple.org", false),
    ("jäne@example.org", true),
    ("jane@exämple.org", true),
    ("jane\u{2003}doe@example.org", false),
    ("jane@exa\u{2003}mple.org", false),
  ])
  func emailShape(text: String, isEmail: Bool) {
    #expect(IdentityProviderText.isEmailAddress(text) == isEmail)
  }

  /// Repeats are dropped and the first of each kept in order, for a record's few identifiers
  /// (compared one by one) and for a long list (through a set).
  @Test(arguments: [3, 40])
  func uniquedKeepsFirstOfEach(distinct: Int) throws {
    let values = try (0..<distinct).map { try #require(Identifier(.email, "user\($0)@example.org")) }
    let okta = try #require(Identifier(.oktaUserID, "00u1"))
    let listed = values + [okta] + values.reversed() + [okta, values[0]]
    #expect(IdentityProviderText.uniqued(listed) == values + [okta])
    #expect(IdentityProviderText.uniqued([okta]) == [okta])
    #expect(IdentityProviderText.uniqued([]) == [])
  }
}
