import IDTrailModel

/// Text rules the identity-provider decoders (Okta, Entra ID, Google Workspace) share when they turn
/// a source's strings into typed identifiers.
///
/// It lives with the Okta decoder because that folder came first; the Entra and Google decoders use
/// it too.
enum IdentityProviderText {
  /// Whether `text` is an email address: one `@`, a local part without whitespace, and a domain of
  /// dot-separated labels made of letters, digits and hyphens.
  ///
  /// Logins, UPNs and app usernames are email-shaped only sometimes; this keeps values such as
  /// `jdoe`, `REDACTED` or `john.doe@example.org\` (a sanitising slip seen in real samples) from
  /// becoming email identifiers.
  static func isEmailAddress(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty else {
      return false
    }
    guard !local.contains(where: { $0.isWhitespace }) else { return false }
    let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2 else { return false }
    return labels.allSatisfy { label in
      !label.isEmpty
        && label.unicodeScalars.allSatisfy { scalar in
          scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
        }
    }
  }

  /// `[email]` when `text` is an email address, otherwise nothing.
  static func emailIdentifiers(_ text: String?) -> [Identifier] {
    guard let text, isEmailAddress(text), let email = Identifier(.email, text) else { return [] }
    return [email]
  }

  /// `identifiers` without repeats, in the order they first appear.
  static func uniqued(_ identifiers: [Identifier]) -> [Identifier] {
    var seen: Set<Identifier> = []
    return identifiers.filter { seen.insert($0).inserted }
  }

  /// Whether `text` is the all-zero GUID that Microsoft sources write where an id is unknown.
  static func isNilGUID(_ text: String) -> Bool {
    text == "00000000-0000-0000-0000-000000000000"
  }

  /// Whether an application name says the application is GitLab.
  static func namesGitLab(_ text: String?) -> Bool {
    text?.lowercased().contains("gitlab") ?? false
  }
}
