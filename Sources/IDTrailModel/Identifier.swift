/// The kinds of identifier a person can be known by across systems.
public enum IdentifierKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// An email address, case-folded.
  case email
  case gitlabUserID = "gitlab.user_id"
  case gitlabUsername = "gitlab.username"
  /// GitLab's `extern_uid`: the SCIM `id` GitLab returns, which is the IdP's `externalId`.
  case gitlabExternUID = "gitlab.extern_uid"
  case scimExternalID = "scim.external_id"
  case oktaUserID = "okta.user_id"
  case entraObjectID = "entra.object_id"
  case upn
  case googleEmail = "google.email"
  case adSID = "ad.sid"
  /// `DOMAIN\name`.
  case adAccount = "ad.account"
  /// A person's display name. Weak: it never joins two people on its own.
  case displayName = "display_name"

  public static func < (lhs: IdentifierKind, rhs: IdentifierKind) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  /// Whether two different values of this kind prove two different people.
  public var isStrong: Bool { self != .displayName }
}

/// A typed identifier, normalised on creation (emails and UPNs are case-folded, whitespace trimmed).
public struct Identifier: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  public var kind: IdentifierKind
  public var value: String

  /// Creates an identifier, or nil when `value` is empty after trimming.
  public init?(_ kind: IdentifierKind, _ value: String) {
    var trimmed = Substring(value)
    while let first = trimmed.first, first.isWhitespace { trimmed.removeFirst() }
    while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
    guard !trimmed.isEmpty else { return nil }
    switch kind {
    case .email, .upn, .googleEmail, .adAccount:
      self.value = trimmed.lowercased()
    default:
      self.value = String(trimmed)
    }
    self.kind = kind
  }

  public var description: String { "\(kind.rawValue):\(value)" }

  public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
    (lhs.kind, lhs.value) < (rhs.kind, rhs.value)
  }
}
