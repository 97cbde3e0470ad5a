/// The fields of a GitLab audit event that idtrail uses, read from any of GitLab's three JSON
/// shapes: REST (`details` holds most fields), streaming (author and target repeated at the top
/// level, `event_type`) and `audit_json.log` (details merged into the top level).
///
/// Every field is looked up at the top level first, then inside `details`.
struct GitLabAuditRecord: Sendable {
  var id: String?
  /// `event_name`, `event_type` or `details.event_name`; nil on legacy rows.
  var eventName: String?
  /// `created_at`, or the log line's `time`.
  var createdAt: String?
  var authorID: Int?
  var authorName: String?
  var authorClass: String?
  var authorEmail: String?
  var entityID: String?
  var entityType: String?
  var entityPath: String?
  var targetID: String?
  var targetType: String?
  var targetDetails: String?
  /// `custom_message` when it is a string; an object-valued message is kept as its JSON text.
  var customMessage: String?
  var add: String?
  var remove: String?
  var change: String?
  var from: String?
  var to: String?
  /// The role label of a membership (`as`).
  var role: String?
  /// `with`: how a sign-in authenticated.
  var signInMethod: String?
  var failedLogin: String?
  var systemEvent = false
  var reason: String?
  var impersonatedBy: String?
  /// `updated_ref`: a legacy ref update (checked between `change` and `custom_message`).
  var updatedRef: String?
  /// `meta.user` and `meta.user_id` of an `audit_json.log` line: the request's signed-in user.
  var metaUsername: String?
  var metaUserID: Int?

  init(_ object: JSONObject) {
    let details = object["details"]?.object
    func field(_ key: StaticString) -> JSONValue? {
      if let value = object[key], !value.isNull { return value }
      if let value = details?[key], !value.isNull { return value }
      return nil
    }
    func text(_ key: StaticString) -> String? { field(key)?.scalarText }

    id = text("id")
    eventName = text("event_name") ?? text("event_type")
    createdAt = text("created_at") ?? object["time"]?.string
    authorID = field("author_id")?.int
    authorName = text("author_name")
    authorClass = text("author_class")
    authorEmail = text("author_email")
    entityID = text("entity_id")
    entityType = text("entity_type")
    entityPath = text("entity_path")
    targetID = text("target_id")
    targetType = text("target_type")
    targetDetails = text("target_details")
    if let message = field("custom_message") {
      customMessage = message.string ?? message.rawText
    }
    add = text("add")
    remove = text("remove")
    change = text("change")
    from = text("from")
    to = text("to")
    role = text("as")
    signInMethod = text("with")
    failedLogin = text("failed_login")
    systemEvent = field("system_event")?.bool ?? false
    reason = text("reason")
    impersonatedBy = text("impersonated_by")
    updatedRef = text("updated_ref")
    metaUsername = object["meta.user"]?.string
    metaUserID = object["meta.user_id"]?.int
  }

  /// Whether the record has the fields every shape of GitLab audit event carries.
  static func looksLikeAuditEvent(_ object: JSONObject) -> Bool {
    object.contains("author_id") && object.contains("entity_type")
  }
}
