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
}
