extension GitLabAuditRecord {
  /// Fills a record from one row of the admin-area CSV export, so that `GitLabAuditNormalizer`
  /// reads it like the legacy JSON rows.
  ///
  /// The export has no `details` hash: its `Action` column is `Audit::Details.humanize(details)`,
  /// which `readActionText(_:)` turns back into the details keys it was made from. Empty cells
  /// count as absent.
  init(csvRow row: CSVRow, layout: GitLabAuditCSVLayout) {
    func value(_ column: GitLabAuditCSVColumn) -> String? {
      guard let text = layout.value(column, in: row), !text.isEmpty else { return nil }
      return text
    }
    id = value(.id)
    createdAt = value(.createdAt)
    authorID = value(.authorID).flatMap { Int($0) }
    authorName = value(.authorName)
    authorEmail = value(.authorEmail)
    entityID = value(.entityID)
    entityType = value(.entityType)
    entityPath = value(.entityPath)
    targetID = value(.targetID)
    targetType = value(.targetType)
    targetDetails = value(.targetDetails)
    if let action = value(.action) {
      readActionText(action)
    }
  }

  /// Sets the details keys that `Audit::Details.humanize` turned into `text`, undoing its steps in
  /// its own order (`ee/lib/audit/details.rb`; formats-gitlab.md §1.3):
  ///
  /// | Action text | becomes |
  /// |---|---|
  /// | `Signed in with STANDARD authentication` | `with: standard` (auth.success) |
  /// | `… via system job. Reason: R` | `system_event: true`, `reason: R`, then the rest is read |
  /// | `… (by ADMIN)` | `impersonated_by: ADMIN`, then the rest is read |
  /// | `Added user access as ROLE` | `add: user_access`, `as: ROLE` (membership.add) |
  /// | `Removed user access` | `remove: user_access` (membership.remove) |
  /// | `Failed to login with LABEL authentication` | `failed_login: LABEL` (auth.failure) |
  /// | `Changed access level from A to B[ with expiry …]` | `change: access_level`, `from`, `to` |
  /// | `Changed admin status from false to true` (and other `change` subjects) | `change`, `from`, `to` |
  /// | a message in `GitLabAuditRecord.messageEventNames` | `custom_message` and that `event_name` |
  /// | anything else | `custom_message` (activity by a person, otherwise skipped) |
  mutating func readActionText(_ text: String) {
    // Byte slices: the patterns are ASCII, and matching them as bytes keeps a 100,000-row export
    // from spending its time in `Character` comparisons.
    let whole = Array(text.utf8)
    if let method = Self.infix(of: whole[...], after: "Signed in with ", before: " authentication") {
      signInMethod = method.lowercased()
      return
    }
    var action = whole[...]
    if let marker = Self.firstRange(of: " via system job. Reason: ", in: action) {
      systemEvent = true
      reason = Self.string(action[marker.upperBound...])
      action = action[..<marker.lowerBound]
    } else if action.last == UInt8(ascii: ")"), let marker = Self.lastRange(of: " (by ", in: action) {
      impersonatedBy = Self.string(action[marker.upperBound..<(action.endIndex - 1)])
      action = action[..<marker.lowerBound]
    }

    if action.elementsEqual("Added user access".utf8) {
      add = "user_access"
    } else if action.starts(with: "Added user access as ".utf8) {
      add = "user_access"
      role = Self.string(action.dropFirst("Added user access as ".utf8.count))
    } else if action.elementsEqual("Removed user access".utf8) {
      remove = "user_access"
    } else if let label = Self.infix(of: action, after: "Failed to login with ", before: " authentication") {
      failedLogin = label
    } else if !readChange(action) {
      customMessage = Self.string(action)
      eventName = Self.eventName(forMessage: action, entityType: entityType)
    }
  }

  /// What `Changed …` says about the `change` subjects the normalizer knows; false for any other text.
  private mutating func readChange(_ action: ArraySlice<UInt8>) -> Bool {
    for (subject, key) in Self.changeSubjects {
      let prefix = "Changed " + subject
      guard action.starts(with: prefix.utf8) else { continue }
      var rest = action.dropFirst(prefix.utf8.count)
      if key == "access_level", let expiry = Self.firstRange(of: " with expiry ", in: rest) {
        rest = rest[..<expiry.lowerBound]
      }
      let fromMarker = " from ".utf8
      let toMarker = " to ".utf8
      guard rest.isEmpty || rest.starts(with: fromMarker) || rest.starts(with: toMarker) else { continue }
      change = key
      if rest.starts(with: fromMarker) {
        rest = rest.dropFirst(fromMarker.count)
        if let separator = Self.firstRange(of: " to ", in: rest) {
          from = Self.string(rest[..<separator.lowerBound])
          to = Self.string(rest[separator.upperBound...])
        } else {
          from = Self.string(rest)
        }
      } else if rest.starts(with: toMarker) {
        to = Self.string(rest.dropFirst(toMarker.count))
      }
      return true
    }
    return false
  }

  /// The words `humanize` writes after `Changed` (the `change` value with `_` shown as a space),
  /// and the `change` value they stand for.
  private static let changeSubjects: [(String, String)] = [
    ("access level", "access_level"),
    ("admin status", "admin status"),
    ("auditor status", "auditor status"),
    ("email address", "email address"),
    ("username", "username"),
    ("name", "name"),
    ("password", "password"),
  ]

  /// The typed event behind a fixed `custom_message`, read from GitLab's services. `Banned user`
  /// and `Unbanned user` are instance bans only with a `User` entity (a group's ban of a member
  /// writes the same text).
  private static let messageEventNames:
    [(message: String, isPrefix: Bool, entityType: String?, event: String)] = [
      ("Blocked user", false, nil, "user_blocked"),
      ("Unblocked user", false, nil, "unblock_user"),
      ("Banned user", false, "User", "ban_user"),
      ("Unbanned user", false, "User", "unban_user"),
      ("Deactivated user", false, nil, "user_deactivate"),
      ("Activated user", false, nil, "user_activate"),
      ("User was provisioned by SCIM", false, nil, "user_provisioned_by_scim"),
      ("Created personal access token with id ", true, nil, "personal_access_token_created"),
      ("Attempted to create personal access token", true, nil, "personal_access_token_created"),
      ("Revoked personal access token with id ", true, nil, "personal_access_token_revoked"),
      ("Instance administrator started impersonation of ", true, nil, "user_impersonation"),
      ("Instance administrator stopped impersonation of ", true, nil, "user_impersonation"),
      ("Disabled two-factor authentication", false, nil, "user_disable_two_factor"),
      ("Disabled One-time password authenticator", false, nil, "user_disable_two_factor"),
      ("Deleted WebAuthn device", false, nil, "user_disable_two_factor"),
      ("Registered One-time password authenticator", false, nil, "user_enable_two_factor"),
      ("Registered WebAuthn device", false, nil, "user_enable_two_factor"),
    ]

  private static func eventName(forMessage message: ArraySlice<UInt8>, entityType: String?) -> String? {
    messageEventNames.first { entry in
      (entry.isPrefix ? message.starts(with: entry.message.utf8) : message.elementsEqual(entry.message.utf8))
        && (entry.entityType == nil || entry.entityType == entityType)
    }?.event
  }

  /// The text between `prefix` and `suffix` when `text` is exactly `prefix + something + suffix`.
  private static func infix(
    of text: ArraySlice<UInt8>, after prefix: String, before suffix: String
  ) -> String? {
    guard text.count > prefix.utf8.count + suffix.utf8.count, text.starts(with: prefix.utf8),
      text.reversed().starts(with: suffix.utf8.reversed())
    else { return nil }
    return string(text.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count))
  }

  /// Where `needle` first occurs in `text`.
  private static func firstRange(of needle: String, in text: ArraySlice<UInt8>) -> Range<Int>? {
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, text.count >= pattern.count else { return nil }
    for start in text.startIndex...(text.endIndex - pattern.count)
    where text[start] == pattern[0] && text[start..<(start + pattern.count)].elementsEqual(pattern) {
      return start..<(start + pattern.count)
    }
    return nil
  }

  /// Where `needle` last occurs in `text`.
  private static func lastRange(of needle: String, in text: ArraySlice<UInt8>) -> Range<Int>? {
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, text.count >= pattern.count else { return nil }
    for start in (text.startIndex...(text.endIndex - pattern.count)).reversed()
    where text[start] == pattern[0] && text[start..<(start + pattern.count)].elementsEqual(pattern) {
      return start..<(start + pattern.count)
    }
    return nil
  }

  private static func string(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}
