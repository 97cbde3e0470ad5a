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
    if let ascii = text.utf8.withContiguousStorageIfAvailable({ isASCIIEmailAddress($0) }), let ascii {
      return ascii
    }
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

  /// The same test on the bytes of an all-ASCII address, where no Unicode property is needed; nil
  /// when `bytes` hold anything beyond ASCII.
  private static func isASCIIEmailAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0,
      !bytes[(at + 1)...].contains(UInt8(ascii: "@"))
    else { return false }
    // ASCII white space in Unicode's sense: tab to carriage return, and space.
    guard !bytes[..<at].contains(where: { $0 == 0x20 || (0x09...0x0D).contains($0) }) else { return false }
    var labels = 0
    var labelLength = 0
    for byte in bytes[(at + 1)...] {
      switch byte {
      case UInt8(ascii: "."):
        guard labelLength > 0 else { return false }
        labels += 1
        labelLength = 0
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
        labelLength += 1
      default:
        return false
      }
    }
    return labelLength > 0 && labels >= 1
  }

  /// `[email]` when `text` is an email address, otherwise nothing.
  static func emailIdentifiers(_ text: String?) -> [Identifier] {
    emailIdentifier(text).map { [$0] } ?? []
  }

  /// `text` as an `email` identifier when it is an address.
  static func emailIdentifier(_ text: String?) -> Identifier? {
    guard let text, isEmailAddress(text) else { return nil }
    return Identifier(.email, text)
  }

  /// `identifiers` without repeats, in the order they first appear.
  ///
  /// A record names a handful of identifiers, so each is compared with those kept before it; a set
  /// hashed every value of every event (0.6 s of CPU at 5 million Okta events). A long list (a
  /// record made to hold thousands) still goes through a set.
  static func uniqued(_ identifiers: [Identifier]) -> [Identifier] {
    guard identifiers.count > 1 else { return identifiers }
    guard identifiers.count <= 16 else {
      var seen: Set<Identifier> = []
      return identifiers.filter { seen.insert($0).inserted }
    }
    var kept: [Identifier] = []
    kept.reserveCapacity(identifiers.count)
    for identifier in identifiers where !kept.contains(identifier) {
      kept.append(identifier)
    }
    return kept
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
