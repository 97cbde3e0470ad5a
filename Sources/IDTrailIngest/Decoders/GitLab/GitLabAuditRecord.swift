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
    // One pass over the top level, then one over `details`, rather than a walk per field. A field
    // takes its top-level value when that is present and not null, else the one in `details`; a
    // key that occurs twice counts at its first occurrence, as `object[key]`.
    var fromTopLevel: UInt64 = 0
    var details: JSONObject?
    var time: String?
    var eventType: String?
    object.forEachMember(in: Self.keys) { slot, value in
      guard let field = Field(rawValue: slot) else { return }
      switch field {
      case .details: details = value.object
      case .time: time = value.string
      case .metaUser: metaUsername = value.string
      case .metaUserID: metaUserID = value.int
      default:
        guard !value.isNull else { return }
        fromTopLevel |= 1 << UInt64(slot)
        if field == .eventType { eventType = value.scalarText } else { set(field, value) }
      }
    }
    details?.forEachMember(in: Self.keys) { slot, value in
      guard let field = Field(rawValue: slot), !field.isTopLevelOnly,
        fromTopLevel & (1 << UInt64(slot)) == 0, !value.isNull
      else { return }
      if field == .eventType { eventType = value.scalarText } else { set(field, value) }
    }
    eventName = eventName ?? eventType
    createdAt = createdAt ?? time
  }

  /// The members `init` reads; `details`, `time` and the `meta.*` keys only at the top level.
  private enum Field: Int, CaseIterable {
    case id, eventName, eventType, createdAt, authorID, authorName, authorClass, authorEmail
    case entityID, entityType, entityPath, targetID, targetType, targetDetails, customMessage
    case add, remove, change, from, to, role, signInMethod, failedLogin, systemEvent, reason
    case impersonatedBy, updatedRef, details, time, metaUser, metaUserID

    var isTopLevelOnly: Bool {
      switch self {
      case .details, .time, .metaUser, .metaUserID: true
      default: false
      }
    }

    var key: StaticString {
      switch self {
      case .id: "id"
      case .eventName: "event_name"
      case .eventType: "event_type"
      case .createdAt: "created_at"
      case .authorID: "author_id"
      case .authorName: "author_name"
      case .authorClass: "author_class"
      case .authorEmail: "author_email"
      case .entityID: "entity_id"
      case .entityType: "entity_type"
      case .entityPath: "entity_path"
      case .targetID: "target_id"
      case .targetType: "target_type"
      case .targetDetails: "target_details"
      case .customMessage: "custom_message"
      case .add: "add"
      case .remove: "remove"
      case .change: "change"
      case .from: "from"
      case .to: "to"
      case .role: "as"
      case .signInMethod: "with"
      case .failedLogin: "failed_login"
      case .systemEvent: "system_event"
      case .reason: "reason"
      case .impersonatedBy: "impersonated_by"
      case .updatedRef: "updated_ref"
      case .details: "details"
      case .time: "time"
      case .metaUser: "meta.user"
      case .metaUserID: "meta.user_id"
      }
    }
  }

  /// The member names of `Field`, each at its raw value.
  private static let keys = JSONKeyTable(Field.allCases.map(\.key))

  /// Stores the non-null `value` of `field`.
  private mutating func set(_ field: Field, _ value: JSONValue) {
    switch field {
    case .id: id = value.scalarText
    case .eventName: eventName = value.scalarText
    case .createdAt: createdAt = value.scalarText
    case .authorID: authorID = value.int
    case .authorName: authorName = value.scalarText
    case .authorClass: authorClass = value.scalarText
    case .authorEmail: authorEmail = value.scalarText
    case .entityID: entityID = value.scalarText
    case .entityType: entityType = value.scalarText
    case .entityPath: entityPath = value.scalarText
    case .targetID: targetID = value.scalarText
    case .targetType: targetType = value.scalarText
    case .targetDetails: targetDetails = value.scalarText
    // An object-valued message is kept as its JSON text.
    case .customMessage: customMessage = value.string ?? value.rawText
    case .add: add = value.scalarText
    case .remove: remove = value.scalarText
    case .change: change = value.scalarText
    case .from: from = value.scalarText
    case .to: to = value.scalarText
    case .role: role = value.scalarText
    case .signInMethod: signInMethod = value.scalarText
    case .failedLogin: failedLogin = value.scalarText
    case .systemEvent: systemEvent = value.bool ?? false
    case .reason: reason = value.scalarText
    case .impersonatedBy: impersonatedBy = value.scalarText
    case .updatedRef: updatedRef = value.scalarText
    case .eventType, .details, .time, .metaUser, .metaUserID: break
    }
  }

  /// Whether the record has the fields every shape of GitLab audit event carries.
  static func looksLikeAuditEvent(_ object: JSONObject) -> Bool {
    object.contains("author_id") && object.contains("entity_type")
  }
}
