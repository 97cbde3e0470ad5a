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

  /// Whether values of this kind are case-folded (emails, UPNs, `DOMAIN\name`).
  public var isCaseFolded: Bool {
    switch self {
    case .email, .upn, .googleEmail, .adAccount: true
    default: false
    }
  }
}

/// A typed identifier, normalised on creation (emails and UPNs are case-folded, whitespace trimmed).
public struct Identifier: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  public var kind: IdentifierKind
  public var value: String

  /// Creates an identifier, or nil when `value` is empty after trimming.
  public init?(_ kind: IdentifierKind, _ value: String) {
    self.kind = kind
    let folds = kind.isCaseFolded
    if let value = Self.normalisedASCII(value, folding: folds) {
      self.value = value
      return
    }
    var trimmed = Substring(value)
    while let first = trimmed.first, first.isWhitespace { trimmed.removeFirst() }
    while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
    guard !trimmed.isEmpty else { return nil }
    self.value = folds ? trimmed.lowercased() : String(trimmed)
  }

  /// `value` itself when it needs no change: it starts and ends with an ASCII byte that is not
  /// whitespace (so there is nothing to trim) and, when `folding`, has only ASCII bytes and no
  /// capitals; an all-ASCII value with capitals lowered byte by byte (what `lowercased()` gives
  /// for ASCII, without its Unicode tables). Nil when the general path must decide.
  ///
  /// A last byte that is ASCII and not a line feed begins its own `Character` (or ends one opened
  /// by a prepended mark, which is not whitespace either), so `Character.isWhitespace` could not
  /// trim it.
  private static func normalisedASCII(_ value: String, folding: Bool) -> String? {
    let bytes = value.utf8
    guard let first = bytes.first, let last = bytes.last, isPlainASCII(first), isPlainASCII(last) else {
      return nil
    }
    guard folding else { return value }
    let capitals = UInt8(ascii: "A")...UInt8(ascii: "Z")
    return bytes.withContiguousStorageIfAvailable { buffer -> String? in
      guard buffer.allSatisfy({ $0 < 0x80 }) else { return nil }
      guard buffer.contains(where: capitals.contains) else { return value }
      return String(unsafeUninitializedCapacity: buffer.count) { lowered in
        for (index, byte) in buffer.enumerated() {
          lowered[index] = capitals.contains(byte) ? byte | 0x20 : byte
        }
        return buffer.count
      }
    } ?? nil
  }

  /// Whether `byte` is ASCII and not Unicode white space (tab, line feed, vertical tab, form feed,
  /// carriage return, space).
  @inline(__always)
  private static func isPlainASCII(_ byte: UInt8) -> Bool {
    byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte)
  }

  public var description: String { "\(kind.rawValue):\(value)" }

  public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
    (lhs.kind, lhs.value) < (rhs.kind, rhs.value)
  }
}
