import IDTrailModel

/// An Okta System Log actor or target: `{id, type, alternateId, displayName}` (`formats-idp.md` §3.3).
///
/// `detailEntry` and `changeDetails` are not read.
struct OktaEntity: Sendable, Hashable {
  var id: String?
  /// `User`, `AppUser`, `AppInstance`, `UserGroup`, `SystemPrincipal`, …
  var type: String?
  /// The login for a `User`, the app username for an `AppUser`, the app label for an `AppInstance`.
  var alternateId: String?
  var displayName: String?

  init(_ object: JSONObject) {
    id = object["id"]?.string
    type = object["type"]?.string
    alternateId = object["alternateId"]?.string
    displayName = object["displayName"]?.string
  }

  /// The targets of an event (nil when there are none); throws when `target` is not an array of
  /// objects.
  static func targets(_ value: JSONValue?) throws(RecordProblem) -> JSONArray? {
    guard let array = try RecordProblem.optionalArray(value, "target") else { return nil }
    var index = 0
    for element in array {
      index += 1
      guard element.object != nil else {
        throw RecordProblem("target #\(index) is \(element.kind) JSON, not an object")
      }
    }
    return array
  }

  /// The first of `targets` whose `type` is `type`.
  static func first(_ type: StaticString, in targets: JSONArray?) -> OktaEntity? {
    guard let targets else { return nil }
    for element in targets {
      if let object = element.object, isType(type, object) { return OktaEntity(object) }
    }
    return nil
  }

  /// Whether the entity `object`'s `type` is `type`: what comparing `OktaEntity.type` says, without
  /// a string made.
  static func isType(_ type: StaticString, _ object: JSONObject) -> Bool {
    object["type"]?.stringEquals(type) ?? false
  }

  /// An Okta user's identifiers: its id (`00u…`) as `okta.user_id`, its login as `email` when it
  /// is an address, and its display name.
  var userIdentifiers: [Identifier] {
    // One array, not four joined: this runs for most events of a log.
    var identifiers: [Identifier] = []
    identifiers.reserveCapacity(3)
    if let user = id.flatMap({ Identifier(.oktaUserID, $0) }) { identifiers.append(user) }
    if let email = IdentityProviderText.emailIdentifier(alternateId) { identifiers.append(email) }
    if let name = displayName.flatMap({ Identifier(.displayName, $0) }) { identifiers.append(name) }
    return identifiers
  }

  /// An app user's identifiers: its app username as `email` when it is an address, or as
  /// `gitlab.username` when the application is GitLab (GitLab takes the SCIM `userName` as the
  /// username). Its id (`0ua…`) names the assignment, not a person, and is left out.
  func appUserIdentifiers(appIsGitLab: Bool) -> [Identifier] {
    guard let alternateId else { return [] }
    if IdentityProviderText.isEmailAddress(alternateId) {
      return IdentityProviderText.emailIdentifiers(alternateId)
    }
    guard appIsGitLab else { return [] }
    return [Identifier(.gitlabUsername, alternateId)].compactMap { $0 }
  }

  /// The name a resource is shown by: the display name, or the alternate id.
  var resourceName: String? {
    if let displayName, !displayName.isEmpty { return displayName }
    if let alternateId, !alternateId.isEmpty { return alternateId }
    return id
  }
}
