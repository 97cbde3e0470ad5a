extension GitLabAuditRecord {
  /// Fills a record from one row of the admin-area CSV export, so that `GitLabAuditNormalizer`
  /// reads it like the legacy JSON rows.
  ///
  /// The export has no `details` hash: its `Action` column is `Audit::Details.humanize(details)`,
  /// which `readActionText(_:)` turns back into the details keys it was made from. Empty cells
  /// count as absent.
  init(csvRow row: CSVRow, header: CSVHeader) {
    func value(_ column: GitLabAuditCSVColumn) -> String? {
      guard let text = header.value(column.rawValue, in: row), !text.isEmpty else { return nil }
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
  /// | `Changed admin status from false to true` (and the other `change` subjects) | `change`, `from`, `to` |
  /// | a message in `GitLabAuditRecord.messageEventNames` | `custom_message` and that `event_name` |
  /// | anything else | `custom_message` (activity by a person, otherwise skipped) |
  mutating func readActionText(_ text: String) {
    if let method = Self.infix(of: Substring(text), after: "Signed in with ", before: " authentication") {
      signInMethod = method.lowercased()
      return
    }
    var action = Substring(text)
    if let marker = action.firstRange(of: " via system job. Reason: ") {
      systemEvent = true
      reason = String(action[marker.upperBound...])
      action = action[..<marker.lowerBound]
    } else if action.hasSuffix(")"), let marker = action.ranges(of: " (by ").last {
      impersonatedBy = String(action[marker.upperBound..<action.index(before: action.endIndex)])
      action = action[..<marker.lowerBound]
    }

    if action == "Added user access" {
      add = "user_access"
    } else if action.hasPrefix("Added user access as ") {
      add = "user_access"
      role = String(action.dropFirst("Added user access as ".count))
    } else if action == "Removed user access" {
      remove = "user_access"
    } else if let label = Self.infix(of: action, after: "Failed to login with ", before: " authentication") {
      failedLogin = label
    } else if !readChange(action) {
      customMessage = String(action)
      eventName = Self.eventName(forMessage: action, entityType: entityType)
    }
  }

  /// What `Changed …` says about the `change` subjects the normalizer knows; false for any other text.
  private mutating func readChange(_ action: Substring) -> Bool {
    for (subject, key) in Self.changeSubjects {
      let prefix = "Changed " + subject
      guard action.hasPrefix(prefix) else { continue }
      var rest = action.dropFirst(prefix.count)
      if key == "access_level", let expiry = rest.firstRange(of: " with expiry ") {
        rest = rest[..<expiry.lowerBound]
      }
      guard rest.isEmpty || rest.hasPrefix(" from ") || rest.hasPrefix(" to ") else { continue }
      change = key
      if rest.hasPrefix(" from ") {
        rest = rest.dropFirst(" from ".count)
        if let separator = rest.firstRange(of: " to ") {
          from = String(rest[..<separator.lowerBound])
          to = String(rest[separator.upperBound...])
        } else {
          from = String(rest)
        }
      } else if rest.hasPrefix(" to ") {
        to = String(rest.dropFirst(" to ".count))
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
  private static let messageEventNames: [(message: String, isPrefix: Bool, entityType: String?, event: String)] = [
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

  private static func eventName(forMessage message: Substring, entityType: String?) -> String? {
    messageEventNames.first { entry in
      (entry.isPrefix ? message.hasPrefix(entry.message) : message == entry.message)
        && (entry.entityType == nil || entry.entityType == entityType)
    }?.event
  }

  /// The text between `prefix` and `suffix` when `text` is exactly `prefix + something + suffix`.
  private static func infix(of text: Substring, after prefix: String, before suffix: String) -> String? {
    guard text.count > prefix.count + suffix.count, text.hasPrefix(prefix), text.hasSuffix(suffix) else {
      return nil
    }
    return String(text.dropFirst(prefix.count).dropLast(suffix.count))
  }
}
