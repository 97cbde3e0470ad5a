import IDTrailModel

/// Turns a `GitLabAuditRecord` into an `IdentityEvent`: the shared half of the REST, streaming,
/// `audit_json.log` and CSV decoders.
///
/// Field facts are from `formats-gitlab.md` §1–3 and §6.3: typed events are classified by their
/// name (`GitLabAuditEventMapping`), legacy rows by their `details` keys in the order GitLab's
/// `Audit::Details.humanize` checks them.
enum GitLabAuditNormalizer {
  /// Author ids GitLab uses for authors that are not users (`lib/gitlab/audit/null_author.rb`).
  private static let unauthenticatedOrSystemAuthorID = -1
  private static let deployTokenAuthorID = -2
  private static let deployKeyAuthorID = -3
  private static let indexerAuthorID = -4

  /// Normalises `record` into `output`.
  ///
  /// - Parameter idValue: the record's `id` in the JSON it was read from, for records read for
  ///   their disposition only or by `GitLabAuditRecord.read(_:as:into:)` (which leave `record.id`
  ///   unset); nil otherwise.
  /// - Returns: `.decoded` with one event emitted, `.skipped` for events that concern no person,
  ///   or `.rejected` when the record has no usable time.
  static func normalize(
    _ record: GitLabAuditRecord, source: FormatID, at locator: Locator, into output: inout DecodedInput,
    idValue: JSONValue? = nil
  ) -> RecordDisposition {
    let time: Timestamp
    if let parsed = record.createdAtTime {
      time = parsed
    } else {
      guard let originalTime = record.createdAt else {
        return .rejected("no created_at (or time) field; a GitLab audit event always has one")
      }
      guard let parsed = TimestampParser.parse(originalTime) else {
        return .rejected("created_at '\(originalTime)' is not a valid RFC 3339 time")
      }
      time = parsed
    }
    let actorKind = actorKind(of: record)
    // A person's event counts whatever its name says; another author's only when its name (or
    // legacy keys) has an identity effect. So without events to build, a person's event is not
    // classified (and disposition reading leaves its name unread).
    var classification: (rawAction: String, mapping: GitLabAuditEventMapping?)?
    if actorKind != .person {
      let classified = classify(record)
      guard let mapping = classified.mapping, mapping.action != .activity else {
        return .skipped("no identity effect (authored by \(actorKind.rawValue))")
      }
      classification = classified
    }
    guard output.retainsEvents else {
      // The event would be dropped at once: count it by its time and id without building it.
      if let idValue {
        output.tally(eventAt: time, deliveryKey: idValue)
      } else {
        output.tally(eventAt: time, deliveryKey: record.id)
      }
      return .decoded
    }
    let (rawAction, classified) = classification ?? record.classification ?? classify(record)
    let mapping = classified ?? unmappedActivity
    var actor = actor(of: record, kind: actorKind)
    if record.authorIdentifiers == nil || actorKind != .person {
      actor.identifiers = output.tables.identifierLists.shared(actor.identifiers)
    }
    let action = resolvedAction(mapping, record)
    var subject = subject(of: record, mapping: mapping, action: action, actor: actor)
    if !sameStorage(subject, actor.identifiers) {
      subject = output.tables.identifierLists.shared(subject)
    }
    // Records read for events keep the text, or its spelling when it is in UTC.
    let spelling = record.createdAtSpelling ?? TimeSpelling(record.createdAt ?? time.rfc3339, of: time)
    let event = IdentityEvent(
      time: time, spelledAs: spelling, source: source, stage: .gitlab,
      nativeID: idValue.map(nativeID) ?? record.id.map(nativeID), locator: locator,
      action: action, rawAction: rawAction,
      subject: subject, actor: actor, resource: resource(of: record, rule: mapping.rule, action: action),
      role: role(of: record, rule: mapping.rule, action: action),
      outcome: outcome(of: record, rule: mapping.rule, action: action),
      channel: mapping.channel ?? (record.systemEvent ? .systemJob : channel(for: actor)),
      evidence: .observed)
    output.emit(sharedLists: event)
    return .decoded
  }

  /// What a name without a mapping means: activity, about its author.
  private static let unmappedActivity = GitLabAuditEventMapping(action: .activity, subject: .author)

  /// Which of the fields a person's event may do without (`GitLabAuditRecord.DeferrableFields`)
  /// the event of a person's record with a name, mapped as `mapping` (nil: activity about the
  /// author), uses. None for a fixed action other than a membership or credential change, about
  /// its author or no one, on anything but a group or project without a path: the author's class
  /// decides nothing for a person, and every other field `resolvedAction`, `subject`, `resource`,
  /// `role` and `outcome` read is the target's or needed only by the actions and rules excluded.
  static func deferrableFieldsUsed(
    by mapping: GitLabAuditEventMapping?, _ record: GitLabAuditRecord
  ) -> GitLabAuditRecord.DeferrableFields {
    let mapping = mapping ?? unmappedActivity
    switch mapping.action {
    case .membershipAdd, .membershipUpdate, .membershipRemove: return .all
    default: break
    }
    if mapping.rule != .fixed || isCredentialAction(mapping.action) { return .all }
    if mapping.subject == .targetUser { return .targets }
    switch record.entityType {
    case "Group", "Project": return record.entityPath == nil ? .targets : .none
    default: return .none
    }
  }

  /// `gitlab-audit:` and the record's `id`, written once into a string of the right size (an
  /// interpolation grows its string as it goes).
  private static func nativeID(_ id: String) -> String {
    var id = id
    return id.withUTF8 { nativeID(UnsafeRawBufferPointer($0)) }
  }

  /// `nativeID(_:)` of the id at `value` in the input, made from its bytes as written when they are
  /// its text (a number, or a string without escapes): no string is made of the id alone.
  private static func nativeID(_ value: JSONValue) -> String? {
    value.withScalarTextBytes { $0.map(nativeID) }
  }

  private static func nativeID(_ idBytes: UnsafeRawBufferPointer) -> String {
    let prefix: StaticString = "gitlab-audit:"
    return String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + idBytes.count) { buffer in
      let prefixBytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
      let afterPrefix = buffer.initialize(fromContentsOf: prefixBytes)
      return buffer[afterPrefix...].initialize(fromContentsOf: idBytes)
    }
  }

  // MARK: - Classification

  /// The event's raw name and mapping: by `event_name` (or `event_type`), or for legacy rows by
  /// their `details` keys. A nil mapping means the name or keys carry no identity meaning.
  static func classify(
    _ record: GitLabAuditRecord
  ) -> (rawAction: String, mapping: GitLabAuditEventMapping?) {
    guard let name = record.eventName else {
      return classifyLegacy(record)
    }
    if let mapping = GitLabAuditEventNameTable.shared.mapping(for: name) {
      return (name, mapping)
    }
    if name == GitLabAuditRecord.untypedEventName {
      return (name, classifyLegacy(record).1)
    }
    return (name, nil)
  }

  /// Classifies an event without a type by the first `details` key present, in the order of
  /// `Audit::Details.humanize`: `with` first, then `add`, `remove`, `failed_login`, `change`,
  /// `updated_ref` and `custom_message`.
  private static func classifyLegacy(_ record: GitLabAuditRecord) -> (String, GitLabAuditEventMapping?) {
    if let method = record.signInMethod {
      return ("legacy:with:\(method)", .init(action: .authSuccess))
    }
    if let added = record.add {
      return ("legacy:add:\(added)", added == "user_access" ? .init(action: .membershipAdd) : nil)
    }
    if let removed = record.remove {
      return ("legacy:remove:\(removed)", removed == "user_access" ? .init(action: .membershipRemove) : nil)
    }
    if let label = record.failedLogin {
      return ("legacy:failed_login:\(label)", .init(action: .authFailure, rule: .failure))
    }
    if let change = record.change {
      return ("legacy:change:\(change)", legacyChange[change])
    }
    if record.updatedRef != nil {
      return ("legacy:updated_ref", nil)
    }
    if let message = record.customMessage {
      for (prefix, mapping) in legacyMessages where message.hasPrefix(prefix) {
        return ("legacy:custom_message:\(prefix)", mapping)
      }
      return ("legacy:custom_message", nil)
    }
    return ("legacy:unclassified", nil)
  }

  /// Legacy `change` values with an identity meaning (`formats-gitlab.md` §1.3).
  private static let legacyChange: [String: GitLabAuditEventMapping] = [
    "access_level": .init(action: .membershipUpdate),
    "email address": .init(action: .accountUpdate),
    "username": .init(action: .accountUpdate),
    "name": .init(action: .accountUpdate),
    "password": .init(action: .accountUpdate),
    "admin status": .init(action: .privilegeGrant, rule: .privilegeFlag(role: .admin)),
    "auditor status": .init(action: .privilegeGrant, rule: .privilegeFlag(role: .auditor)),
    "require_two_factor_authentication": .init(
      action: .mfaEnable, subject: .none, rule: .groupTwoFactorRequirement),
  ]

  /// Legacy custom messages with an identity meaning, matched by prefix (GitLab may append
  /// ` (by <admin>)` or an id). Impersonation and personal-token rows name the user by username
  /// (`for_user(full_path: user.username)`).
  private static let legacyMessages: [(String, GitLabAuditEventMapping)] = {
    func aboutUsername(_ action: Action) -> GitLabAuditEventMapping {
      GitLabAuditEventMapping(action: action, targetDetailsIsUsername: true)
    }
    return [
      ("Started Impersonation", aboutUsername(.impersonationStart)),
      ("Stopped Impersonation", aboutUsername(.impersonationStop)),
      ("Created personal access token", aboutUsername(.credentialCreate)),
      ("Attempted to create personal access token", aboutUsername(.credentialCreate)),
      ("Revoked personal access token", aboutUsername(.credentialRevoke)),
      ("Attempted to revoke personal access token", aboutUsername(.credentialRevoke)),
    ]
  }()

  /// The action after the mapping's rule has looked at the record's values.
  private static func resolvedAction(_ mapping: GitLabAuditEventMapping, _ record: GitLabAuditRecord)
    -> Action
  {
    switch mapping.rule {
    case .fixed, .failure:
      return mapping.action
    case .privilegeFlag:
      guard let granted = flagGranted(record) else { return .other }
      return granted ? .privilegeGrant : .privilegeRevoke
    case .groupTwoFactorRequirement:
      guard let required = flagGranted(record) else { return .other }
      return required ? .mfaEnable : .mfaDisable
    case .impersonation:
      let message = (record.customMessage ?? "").lowercased()
      if find("stopped impersonation", in: message) != nil { return .impersonationStop }
      if find("started impersonation", in: message) != nil { return .impersonationStart }
      return .other
    }
  }

  /// Whether a boolean setting ends up on: `to`, or the opposite of `from` when `to` is absent;
  /// nil when neither says.
  private static func flagGranted(_ record: GitLabAuditRecord) -> Bool? {
    if let to = record.to.flatMap(booleanValue) { return to }
    return record.from.flatMap(booleanValue).map { !$0 }
  }

  /// `true`/`false` as GitLab writes them (`formatted_details` stringifies; `""` is an unset flag).
  private static func booleanValue(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "1": return true
    case "false", "0", "": return false
    default: return nil
    }
  }

  // MARK: - Who

  /// What kind of author wrote the record, by GitLab's special author ids and `author_class`.
  private static func actorKind(of record: GitLabAuditRecord) -> Actor.Kind {
    switch record.authorID {
    case deployTokenAuthorID?: return .deployToken
    case deployKeyAuthorID?: return .deployKey
    case indexerAuthorID?: return .system
    case unauthenticatedOrSystemAuthorID?:
      if record.systemEvent || record.authorName == "(System)" { return .system }
      // Other null authors with id -1 (a runner token) quote part of a token in their name.
      if let authorClass = record.authorClass, authorClass != "Gitlab::Audit::UnauthenticatedAuthor" {
        return .unknown
      }
      return .unauthenticated
    case let id? where id > 0:
      return .person
    default:
      switch (record.authorName, record.authorClass) {
      case ("(System)"?, _): return .system
      case (_, "DeployToken"?): return .deployToken
      case (_, "DeployKey"?): return .deployKey
      default: return .unknown
      }
    }
  }

  /// The author as an actor of `kind` (from `actorKind(of:)`), with the identifiers the record
  /// gives for it.
  private static func actor(of record: GitLabAuditRecord, kind: Actor.Kind) -> Actor {
    switch kind {
    case .deployToken, .deployKey:
      return Actor(kind: kind, identifiers: displayName(record.authorName))
    case .unauthenticated:
      return Actor(kind: kind, identifiers: loginIdentifiers(record.authorName))
    case .person:
      if let identifiers = record.authorIdentifiers { return Actor(kind: kind, identifiers: identifiers) }
      guard let id = record.authorID else { return Actor(kind: kind) }
      return Actor(
        kind: kind,
        identifiers: personIdentifiers(
          id: id, name: record.authorName, email: record.authorEmail, metaUserID: record.metaUserID,
          metaUsername: record.metaUsername))
    case .system, .unknown, .provisioningClient:
      return Actor(kind: kind)
    }
  }

  /// A person author's identifiers: their user id, then their name, email and (when the line's
  /// signed-in user is the author) username, each once.
  static func personIdentifiers(
    id: Int, name: String?, email: String?, metaUserID: Int?, metaUsername: String?
  ) -> [Identifier] {
    var identifiers: [Identifier] = []
    identifiers.reserveCapacity(4)
    append(Identifier(.gitlabUserID, String(id)), to: &identifiers)
    append(name.flatMap { Identifier(.displayName, $0) }, to: &identifiers)
    append(email.flatMap { Identifier(.email, $0) }, to: &identifiers)
    if metaUserID == id, let metaUsername {
      append(Identifier(.gitlabUsername, metaUsername), to: &identifiers)
    }
    return identifiers
  }

  /// Whether two lists share their storage (and so are equal without being compared).
  private static func sameStorage(_ lhs: [Identifier], _ rhs: [Identifier]) -> Bool {
    lhs.withUnsafeBufferPointer { left in
      rhs.withUnsafeBufferPointer { right in left.baseAddress == right.baseAddress && left.count == right.count }
    }
  }

  private static func displayName(_ name: String?) -> [Identifier] {
    [name.flatMap { Identifier(.displayName, $0) }].compactMap { $0 }
  }

  /// What a typed login names: an email when it has an `@`, otherwise a username. Text with
  /// spaces (`An unauthenticated user`) is no login.
  private static func loginIdentifiers(_ login: String?) -> [Identifier] {
    guard let login, !login.contains(where: \.isWhitespace) else { return [] }
    return [Identifier(login.contains("@") ? .email : .gitlabUsername, login)].compactMap { $0 }
  }

  /// Whom the event is about.
  private static func subject(
    of record: GitLabAuditRecord, mapping: GitLabAuditEventMapping, action: Action, actor: Actor
  ) -> [Identifier] {
    switch mapping.subject {
    case .author: return actor.identifiers
    case .none: return []
    case .targetUser: break
    }
    if action == .authFailure, actor.kind == .unauthenticated {
      // The typed login; when it matched a user, GitLab scopes the event to that user.
      var identifiers = actor.identifiers
      if record.entityType == "User", let entity = record.entityID, let id = Int(entity), id > 0 {
        append(Identifier(.gitlabUserID, String(id)), to: &identifiers)
      }
      return identifiers
    }
    let detailsKind: IdentifierKind = mapping.targetDetailsIsUsername ? .gitlabUsername : .displayName
    let details = record.targetDetails.flatMap { Identifier(detailsKind, $0) }
    if targetsAuthor(record, details: details, rule: mapping.rule, actor: actor) {
      return actor.identifiers
    }
    var identifiers: [Identifier] = []
    if record.targetType == "User", let target = record.targetID, let id = Int(target), id > 0 {
      identifiers = [Identifier(.gitlabUserID, String(id)), details].compactMap { $0 }
    } else if record.entityType == "User", let entity = record.entityID, let id = Int(entity), id > 0 {
      identifiers = [Identifier(.gitlabUserID, String(id))].compactMap { $0 }
      if record.targetType == "User" { append(details, to: &identifiers) }
    } else if record.targetType == "User" || record.targetType == nil {
      append(details, to: &identifiers)
    }
    if mapping.rule == .impersonation, let username = impersonatedUsername(record.customMessage) {
      append(Identifier(.gitlabUsername, username), to: &identifiers)
    }
    if identifiers.isEmpty {
      // Sign-ins and 2FA changes without a user target are about the author themself.
      return isSelfService(action) ? actor.identifiers : []
    }
    // When the subject is the author, what the record says about the author is about the subject.
    if actor.kind == .person, let authorID = actor.identifiers.first(where: { $0.kind == .gitlabUserID }),
      identifiers.contains(authorID)
    {
      for identifier in actor.identifiers { append(identifier, to: &identifiers) }
    }
    return identifiers
  }

  /// Whether the record's target user is its person author, named as the author's list names them
  /// (`details`, the target's details as an identifier, is nil or the list's second identifier):
  /// the subject is then the author's list as it is. The rest of `subject` would build an equal
  /// list: [target id, details], then the author's other identifiers in their order.
  ///
  /// A person's list starts with their user id (`personIdentifiers`, with an id above 0), so a
  /// `target_id` spelled exactly as that id is the author.
  @inline(__always)
  private static func targetsAuthor(
    _ record: GitLabAuditRecord, details: Identifier?, rule: GitLabAuditEventMapping.Rule, actor: Actor
  ) -> Bool {
    guard actor.kind == .person, rule != .impersonation, record.targetType == "User",
      let target = record.targetID, let first = actor.identifiers.first, first.kind == .gitlabUserID,
      first.value == target
    else { return false }
    guard let details else { return true }
    return actor.identifiers.count > 1 && actor.identifiers[1] == details
  }

  /// Whether a person does `action` to themself: the subject is the author when no user is
  /// targeted.
  private static func isSelfService(_ action: Action) -> Bool {
    switch action {
    case .authSuccess, .authFailure, .mfaEnable, .mfaDisable: true
    default: false
    }
  }

  /// Whether an `Attempted to …` message of `action` records a failure under the success name.
  private static func isCredentialAction(_ action: Action) -> Bool {
    switch action {
    case .credentialCreate, .credentialRevoke, .credentialRotate: true
    default: false
    }
  }

  /// The username in `Instance administrator started impersonation of <username>`.
  private static func impersonatedUsername(_ message: String?) -> String? {
    guard let message, let range = find("impersonation of ", in: message) else { return nil }
    let rest = message[range.upperBound...]
    let username = rest.prefix { !$0.isWhitespace }
    return username.isEmpty ? nil : String(username)
  }

  /// Where `needle` first occurs in `text`, compared byte for byte (the standard library's
  /// substring search is slow enough to show on a per-record path).
  private static func find(_ needle: StaticString, in text: String) -> Range<String.Index>? {
    let bytes = text.utf8
    let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
    guard let first = pattern.first else { return nil }
    var from = bytes.startIndex
    while let start = bytes[from...].firstIndex(of: first) {
      var position = start
      var matched = true
      for byte in pattern {
        guard position < bytes.endIndex, bytes[position] == byte else {
          matched = false
          break
        }
        position = bytes.index(after: position)
      }
      if matched { return start..<position }
      from = bytes.index(after: start)
    }
    return nil
  }

  private static func append(_ identifier: Identifier?, to identifiers: inout [Identifier]) {
    if let identifier, !identifiers.contains(identifier) { identifiers.append(identifier) }
  }

  // MARK: - What, how

  private static func resource(
    of record: GitLabAuditRecord, rule: GitLabAuditEventMapping.Rule, action: Action
  ) -> Resource? {
    let instance = Resource(kind: .gitlabInstance, name: "instance")
    if case .privilegeFlag = rule { return instance }
    switch record.entityType {
    case "Group", "Project":
      if let path = record.entityPath { return Resource(kind: .gitlabNamespace, name: path) }
      if record.targetType == record.entityType {
        // Old rows give the path as `target_id`; `target_details` is a path when it has a slash.
        if let target = record.targetID, Int(target) == nil {
          return Resource(kind: .gitlabNamespace, name: target)
        }
        if let details = record.targetDetails, details.contains("/") {
          return Resource(kind: .gitlabNamespace, name: details)
        }
      }
      guard let type = record.entityType, let id = record.entityID else { return nil }
      return Resource(kind: .gitlabNamespace, name: "\(type.lowercased()):\(id)")
    case "Gitlab::Audit::InstanceScope":
      return instance
    case "User":
      if action == .privilegeGrant || action == .privilegeRevoke { return instance }
      if action == .credentialCreate || action == .credentialRevoke {
        return tokenResource(record.customMessage)
      }
      return nil
    default:
      return nil
    }
  }

  /// The token a personal-token message names (`Created personal access token with id 42`).
  private static func tokenResource(_ message: String?) -> Resource? {
    guard let message, let range = find(" access token with id ", in: message) else { return nil }
    let kind = message[..<range.lowerBound].split(separator: " ").last.map(String.init) ?? ""
    let id = message[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
    guard !kind.isEmpty, !id.isEmpty else { return nil }
    return Resource(kind: .credential, name: "\(kind.lowercased())_access_token:\(id)")
  }

  private static func role(
    of record: GitLabAuditRecord, rule: GitLabAuditEventMapping.Rule, action: Action
  ) -> RoleChange? {
    switch (rule, action) {
    case (.privilegeFlag(let flag), .privilegeGrant): return RoleChange(before: nil, after: flag.rawValue)
    case (.privilegeFlag(let flag), .privilegeRevoke): return RoleChange(before: flag.rawValue, after: nil)
    case (_, .membershipAdd): return RoleChange(before: nil, after: roleLabel(record.role ?? record.to))
    case (_, .membershipUpdate):
      return RoleChange(before: roleLabel(record.from), after: roleLabel(record.to ?? record.role))
    case (_, .membershipRemove): return RoleChange(before: roleLabel(record.role ?? record.from), after: nil)
    default: return nil
    }
  }

  /// GitLab's label for an access level: streamed details are the raw hash, where a level may be
  /// its number (`Gitlab::Access`); labels (including custom role names) pass through.
  private static func roleLabel(_ value: String?) -> String? {
    switch value {
    case "5": return "Minimal Access"
    case "10": return "Guest"
    case "15": return "Planner"
    case "20": return "Reporter"
    case "30": return "Developer"
    case "40": return "Maintainer"
    case "50": return "Owner"
    default: return value
    }
  }

  private static func outcome(
    of record: GitLabAuditRecord, rule: GitLabAuditEventMapping.Rule, action: Action
  ) -> Outcome {
    if rule == .failure {
      return .failure(record.customMessage ?? record.failedLogin.map { "failed \($0) sign-in" })
    }
    // Token services audit failed attempts under the success name: `Attempted to create … failed`.
    if isCredentialAction(action), let message = record.customMessage,
      message.hasPrefix("Attempted to")
    {
      return .failure(message)
    }
    return .success
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
