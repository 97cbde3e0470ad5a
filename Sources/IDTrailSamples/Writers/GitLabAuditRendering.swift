import IDTrailModel

/// The four shapes of one GitLab audit event (`formats-gitlab.md` §1, §2, §4, §6.3).
extension AuditEventRecord {
  /// The keys every typed event's details carry after its own keys.
  private var commonDetails: [(String, JSONText)] {
    var keys: [(String, JSONText)] = []
    if let eventName { keys.append(("event_name", .string(eventName))) }
    keys += [("author_name", .string(author.name))]
    if eventName != nil { keys.append(("author_class", .string(author.className))) }
    keys += [
      ("target_id", targetID), ("target_type", .string(targetType)),
      ("target_details", .string(targetDetails)),
      ("custom_message", customMessage), ("ip_address", .optional(ipAddress)),
      ("entity_path", .string(entityPath)),
    ]
    return keys
  }

  /// The REST API entity: `formatted_details` with `author_email` added.
  var rest: JSONText {
    .object([
      ("id", .int(id)), ("author_id", .int(author.id)), ("entity_id", .int(entityID)),
      ("entity_type", .string(entityType)), ("event_name", .optional(eventName)),
      ("details", .object(details + commonDetails + [("author_email", .optional(author.email))])),
      ("created_at", .string(TimeText.milliseconds(time))),
    ])
  }

  /// The streaming payload: raw details, author and target repeated at the top, `event_type`.
  var stream: JSONText {
    .object([
      ("id", .string(streamID ?? String(id))), ("author_id", .int(author.id)),
      ("author_name", .string(author.name)),
      ("entity_id", .int(entityID)), ("entity_type", .string(entityType)),
      ("entity_path", .string(entityPath)),
      ("details", .object(details + commonDetails)), ("ip_address", .string(ipAddress ?? "")),
      ("target_id", targetID), ("target_type", .string(targetType)),
      ("target_details", .string(targetDetails)),
      ("created_at", .string(TimeText.milliseconds(time))), ("event_type", .optional(eventName)),
    ])
  }

  /// An `audit_json.log` line: logger keys, the record's `as_json`, then the details merged in.
  func auditJSONLine(correlationID: String, loggedAt: Timestamp) -> JSONText {
    var fields: [(String, JSONText)] = [
      ("severity", .string("INFO")), ("time", .string(TimeText.milliseconds(loggedAt))),
      ("correlation_id", .string(correlationID)),
    ]
    fields += [("meta.caller_id", .string(caller))]
    if let remoteIP { fields.append(("meta.remote_ip", .string(remoteIP))) }
    fields.append(("meta.feature_category", .string(featureCategory)))
    if author.id > 0, let username = author.username {
      fields += [
        ("meta.user", .string(username)), ("meta.user_id", .int(author.id)),
        ("meta.client_id", .string("user/\(author.id)")),
      ]
    } else {
      fields.append(("meta.client_id", .string("ip/\(remoteIP ?? "")")))
    }
    fields += [
      ("id", .int(id)), ("author_id", .int(author.id)), ("entity_id", .int(entityID)),
      ("entity_type", .string(entityType)), ("details", .object(details + commonDetails)),
      ("ip_address", .optional(ipAddress)), ("author_name", .string(author.name)),
      ("entity_path", .string(entityPath)), ("target_details", .string(targetDetails)),
      ("created_at", .string(TimeText.iso(time, digits: 3, suffix: "+00:00"))),
      ("target_type", .string(targetType)), ("target_id", targetID),
    ]
    for (key, value) in details + commonDetails where !fields.contains(where: { $0.0 == key }) {
      fields.append((key, value))
    }
    return .object(fields)
  }

  /// The feature category GitLab's application context gives the caller.
  private var featureCategory: String {
    if caller.hasPrefix("Groups::GroupMembers") { return "groups_and_projects" }
    if caller.hasPrefix("Admin::") { return "user_management" }
    if caller.hasPrefix("Projects::") { return "source_code_management" }
    return "system_access"
  }

  /// The CSV export's 13 fields, in header order.
  var csvFields: [String] {
    let target: String
    switch targetID {
    case .int(let value): target = String(value)
    case .string(let value): target = value
    default: target = ""
    }
    return [
      String(id), String(author.id), author.name, author.email ?? "", String(entityID), entityType,
      entityPath,
      target, targetType, targetDetails, action, ipAddress ?? "", TimeText.iso(time, digits: 0),
    ]
  }

  static let csvHeader = [
    "ID", "Author ID", "Author Name", "Author Email", "Entity ID", "Entity Type", "Entity Path", "Target ID",
    "Target Type", "Target Details", "Action", "IP Address", "Created At (UTC)",
  ]
}
