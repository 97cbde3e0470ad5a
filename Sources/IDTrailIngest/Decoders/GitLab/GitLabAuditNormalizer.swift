import IDTrailModel

/// Turns a `GitLabAuditRecord` into an `IdentityEvent`: the shared half of the REST, streaming,
/// `audit_json.log` and CSV decoders.
enum GitLabAuditNormalizer {
  /// Author ids GitLab uses for authors that are not users (`lib/gitlab/audit/null_author.rb`).
  private static let unauthenticatedOrSystemAuthorID = -1
  private static let deployTokenAuthorID = -2
  private static let deployKeyAuthorID = -3
  private static let indexerAuthorID = -4

  /// Normalises `record` into `output`.
  ///
  /// - Returns: `.decoded` with one event emitted, `.skipped` for events that concern no person,
  ///   or `.rejected` when the record has no usable time.
  static func normalize(
    _ record: GitLabAuditRecord, source: FormatID, at locator: Locator, into output: inout DecodedInput
  ) -> RecordDisposition {
    guard let originalTime = record.createdAt else {
      return .rejected("no created_at (or time) field")
    }
    guard let time = TimestampParser.parse(originalTime) else {
      return .rejected("created_at is not a valid time: '\(originalTime)'")
    }
    let actor = actor(of: record)
    let (rawAction, classified) = classify(record)
    var mapping = classified ?? GitLabAuditEventMapping(action: .activity, subject: .author)
    if classified == nil || mapping.action == .activity {
      guard actor.kind == .person else {
        return .skipped("no identity effect (authored by \(actor.kind.rawValue))")
      }
    }
    var outcome = Outcome.success
    var role: RoleChange?
    switch mapping.rule {
    case .fixed:
      break
    case .failure:
      outcome = .failure(record.customMessage ?? record.failedLogin.map { "failed \($0) sign-in" })
    case .privilegeFlag(let flag):
      let granted = record.to?.lowercased() == "true"
      mapping.action = granted ? .privilegeGrant : .privilegeRevoke
      role = granted ? RoleChange(before: nil, after: flag) : RoleChange(before: flag, after: nil)
    case .impersonation:
      let message = (record.customMessage ?? "").lowercased()
      mapping.action = message.contains("stop") ? .impersonationStop : .impersonationStart
    case .groupTwoFactorRequirement:
      mapping.action = record.to?.lowercased() == "true" ? .mfaEnable : .mfaDisable
    }
    if mapping.action == .credentialCreate,
      record.customMessage?.hasPrefix("Attempted to create") == true
    {
      outcome = .failure(record.customMessage)
    }
    if role == nil {
      role = membershipRole(record, action: mapping.action)
    }
    let event = IdentityEvent(
      time: time, originalTime: originalTime, source: source, stage: .gitlab,
      nativeID: record.id.map { "gitlab-audit:\($0)" }, locator: locator,
      action: mapping.action, rawAction: rawAction,
      subject: subject(of: record, mapping: mapping, actor: actor),
      actor: actor, resource: resource(of: record, action: mapping.action), role: role,
      outcome: outcome, channel: mapping.channel ?? channel(for: actor),
      evidence: .observed)
    output.emit(event)
    return .decoded
  }

  /// The event's name and mapping: by `event_name`, or for legacy rows by their `details` keys in
  /// the order GitLab's `Audit::Details.humanize` checks them.
  static func classify(_ record: GitLabAuditRecord) -> (String, GitLabAuditEventMapping?) {
    if let name = record.eventName {
      return (name, GitLabAuditEventMapping.byEventName[name])
    }
    if let method = record.signInMethod {
      return ("legacy:with:\(method)", .init(action: .authSuccess))
    }
    if let added = record.add {
      let mapping: GitLabAuditEventMapping? =
        added == "user_access" ? .init(action: .membershipAdd) : nil
      return ("legacy:add:\(added)", mapping)
    }
    if let removed = record.remove {
      let mapping: GitLabAuditEventMapping? =
        removed == "user_access" ? .init(action: .membershipRemove) : nil
      return ("legacy:remove:\(removed)", mapping)
    }
    if let label = record.failedLogin {
      return ("legacy:failed_login:\(label)", .init(action: .authFailure, rule: .failure))
    }
    if let change = record.change {
      let mapping: GitLabAuditEventMapping?
      switch change {
      case "access_level": mapping = .init(action: .membershipUpdate)
      case "email address", "username", "name", "password": mapping = .init(action: .accountUpdate)
      case "admin status": mapping = .init(action: .privilegeGrant, rule: .privilegeFlag(role: "admin"))
      case "auditor status": mapping = .init(action: .privilegeGrant, rule: .privilegeFlag(role: "auditor"))
      default: mapping = nil
      }
      return ("legacy:change:\(change)", mapping)
    }
    if let message = record.customMessage {
      switch message {
      case "Started Impersonation":
        return ("legacy:Started Impersonation", .init(action: .impersonationStart, targetDetailsIsUsername: true))
      case "Stopped Impersonation":
        return ("legacy:Stopped Impersonation", .init(action: .impersonationStop, targetDetailsIsUsername: true))
      default:
        return ("legacy:custom_message", nil)
      }
    }
    return ("legacy:unclassified", nil)
  }

  static func actor(of record: GitLabAuditRecord) -> Actor {
    switch record.authorID {
    case deployTokenAuthorID?:
      return Actor(kind: .deployToken, identifiers: [Identifier(.displayName, record.authorName ?? "")].compactMap { $0 })
    case deployKeyAuthorID?:
      return Actor(kind: .deployKey, identifiers: [Identifier(.displayName, record.authorName ?? "")].compactMap { $0 })
    case indexerAuthorID?:
      return .system
    case unauthenticatedOrSystemAuthorID?:
      if record.systemEvent || record.authorName == "(System)" { return .system }
      return Actor(kind: .unauthenticated, identifiers: loginIdentifiers(record.authorName))
    case let id? where id > 0:
      let identifiers = [
        Identifier(.gitlabUserID, String(id)),
        record.authorName.flatMap { Identifier(.displayName, $0) },
        record.authorEmail.flatMap { Identifier(.email, $0) },
      ].compactMap { $0 }
      return Actor(kind: .person, identifiers: identifiers)
    default:
      if record.authorName == "(System)" { return .system }
      return .unknown
    }
  }

  /// What a typed login names: an email when it has an `@`, otherwise a username.
  private static func loginIdentifiers(_ login: String?) -> [Identifier] {
    guard let login else { return [] }
    return [Identifier(login.contains("@") ? .email : .gitlabUsername, login)].compactMap { $0 }
  }

  private static func subject(
    of record: GitLabAuditRecord, mapping: GitLabAuditEventMapping, actor: Actor
  ) -> [Identifier] {
    if mapping.subject == .author {
      return actor.identifiers
    }
    let detailsKind: IdentifierKind = mapping.targetDetailsIsUsername ? .gitlabUsername : .displayName
    if record.targetType == "User", let target = record.targetID, Int(target) != nil {
      return [Identifier(.gitlabUserID, target), record.targetDetails.flatMap { Identifier(detailsKind, $0) }]
        .compactMap { $0 }
    }
    if record.entityType == "User", let entity = record.entityID {
      var identifiers = [Identifier(.gitlabUserID, entity)].compactMap { $0 }
      if record.targetType == "User", let details = record.targetDetails {
        identifiers += [Identifier(detailsKind, details)].compactMap { $0 }
      }
      return identifiers
    }
    if mapping.action == .authFailure {
      return actor.identifiers
    }
    if let details = record.targetDetails, record.targetType == "User" || record.targetType == nil {
      return [Identifier(detailsKind, details)].compactMap { $0 }
    }
    return actor.identifiers
  }

  private static func resource(of record: GitLabAuditRecord, action: Action) -> Resource? {
    if action == .privilegeGrant || action == .privilegeRevoke, record.entityType == "User" {
      return Resource(kind: .gitlabInstance, name: "instance")
    }
    switch record.entityType {
    case "Group", "Project":
      if let path = record.entityPath { return Resource(kind: .gitlabNamespace, name: path) }
      if record.targetType == record.entityType, let path = record.targetDetails, path.contains("/") {
        return Resource(kind: .gitlabNamespace, name: path)
      }
      return record.entityID.map {
        Resource(kind: .gitlabNamespace, name: "\(record.entityType!.lowercased()):\($0)")
      }
    case "Gitlab::Audit::InstanceScope":
      return Resource(kind: .gitlabInstance, name: "instance")
    default:
      return nil
    }
  }

  private static func membershipRole(_ record: GitLabAuditRecord, action: Action) -> RoleChange? {
    switch action {
    case .membershipAdd: return RoleChange(before: nil, after: record.role ?? record.to)
    case .membershipUpdate: return RoleChange(before: record.from, after: record.to ?? record.role)
    case .membershipRemove: return RoleChange(before: record.role, after: nil)
    default: return nil
    }
  }

  private static func channel(for actor: Actor) -> Channel {
    switch actor.kind {
    case .person: return .manualUI
    case .system: return .systemJob
    case .deployToken, .deployKey: return .api
    case .provisioningClient: return .scim
    case .unauthenticated, .unknown: return .unknown
    }
  }
}
