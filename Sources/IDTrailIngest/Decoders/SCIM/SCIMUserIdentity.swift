import IDTrailModel

/// The typed identifiers a SCIM User body, PatchOp target or resource states, under idtrail's rules
/// for SCIM values.
///
/// Rules (DESIGN §3, `formats-gitlab.md` §5):
/// - `externalId` → `scim.external_id`; on GitLab's SCIM API also `gitlab.extern_uid`, because GitLab
///   stores the IdP's `externalId` as the identity's `extern_uid`.
/// - The service provider's `id` (path id, resource `id`, member `value`) → on GitLab it *is* the
///   `extern_uid` (= the IdP's `externalId`), so `gitlab.extern_uid` and `scim.external_id`.
///   Another provider's own id is not an identifier idtrail joins on and is left out.
/// - `userName` → `email` when it holds an `@` (an IdP login or UPN); otherwise `gitlab.username` on
///   GitLab's SCIM API (where it becomes the username), and left out for other providers.
/// - `emails` → one `email`: the entry marked primary, else the first of type `work`, else the first
///   (the entry GitLab itself picks).
/// - `displayName`, else `name.formatted`, else given and family name → `display_name` (weak).
/// - GitLab's `[FILTERED]` mask is not a value and is dropped. Template placeholders (`{{userName}}`,
///   `${__UUID}`, as API test collections carry) are dropped and counted in `placeholders`.
struct SCIMUserIdentity: Sendable, Equatable {
  var identifiers: [Identifier] = []
  /// How many values were dropped as template placeholders.
  var placeholders = 0

  /// Whether any identifier other than a display name is known.
  var hasStrongIdentifier: Bool { identifiers.contains { $0.kind.isStrong } }

  init() {}

  /// Reads the identifying attributes of a User body or resource.
  ///
  /// - Parameters:
  ///   - gitLab: the body belongs to GitLab's SCIM API.
  ///   - includeID: read the resource's `id` too (responses and resources; a request's `id` is
  ///     ignored, as providers assign it).
  /// - Throws: a problem when an attribute has the wrong type.
  init(_ attributes: SCIMAttributes, gitLab: Bool, includeID: Bool) throws(RecordProblem) {
    if includeID, let id = try attributes.scalar("id") {
      addServiceProviderID(id, gitLab: gitLab)
    }
    if let externalID = try attributes.scalar("externalId") {
      addExternalID(externalID, gitLab: gitLab)
    }
    if let userName = try attributes.string("userName") {
      addUserName(userName, gitLab: gitLab)
    }
    if let emails = attributes["emails"], !emails.isNull {
      guard let list = emails.array else {
        throw .wrongType("emails", is: emails, expected: "an array")
      }
      if let email = Self.preferredEmail(list) { add(.email, email) }
    }
    if let name = try Self.displayName(attributes) { add(.displayName, name) }
  }

  /// Adds the service provider's id of a user: `gitlab.extern_uid` and `scim.external_id` on GitLab.
  mutating func addServiceProviderID(_ id: String, gitLab: Bool) {
    guard gitLab else {
      if Self.isPlaceholder(id) { placeholders += 1 }
      return
    }
    add(.gitlabExternUID, id)
    add(.scimExternalID, id)
  }

  mutating func addExternalID(_ id: String, gitLab: Bool) {
    add(.scimExternalID, id)
    if gitLab { add(.gitlabExternUID, id) }
  }

  mutating func addUserName(_ userName: String, gitLab: Bool) {
    if userName.contains("@") {
      add(.email, userName)
    } else if gitLab {
      add(.gitlabUsername, userName)
    } else if Self.isPlaceholder(userName) {
      placeholders += 1
    }
  }

  /// Adds what a lookup filter (`userName eq "…"`, `externalId eq "…"`, `id eq "…"`) names.
  mutating func addFilter(_ filter: SCIMEqualityFilter, gitLab: Bool) {
    switch filter.attribute.lowercased() {
    case "username": addUserName(filter.value, gitLab: gitLab)
    case "externalid": addExternalID(filter.value, gitLab: gitLab)
    case "id": addServiceProviderID(filter.value, gitLab: gitLab)
    default: break
    }
  }

  /// Adds a group member named by its service-provider id and `display`.
  mutating func addMember(_ member: SCIMPatchRequest.Member, gitLab: Bool) {
    if let value = member.value { addServiceProviderID(value, gitLab: gitLab) }
    if let display = member.display {
      add(display.contains("@") ? .email : .displayName, display)
    }
  }

  /// Adds identifiers stated elsewhere (a response body) to these.
  mutating func merge(_ other: SCIMUserIdentity) {
    for identifier in other.identifiers { add(identifier) }
    placeholders += other.placeholders
  }

  /// Adds `value` as `kind` unless it is a mask or a placeholder; keeps the list sorted and unique.
  mutating func add(_ kind: IdentifierKind, _ value: String) {
    guard value != "[FILTERED]" else { return }
    guard !Self.isPlaceholder(value) else {
      placeholders += 1
      return
    }
    guard let identifier = Identifier(kind, value) else { return }
    add(identifier)
  }

  private mutating func add(_ identifier: Identifier) {
    let position = identifiers.firstIndex { $0 >= identifier } ?? identifiers.endIndex
    if position < identifiers.endIndex, identifiers[position] == identifier { return }
    identifiers.insert(identifier, at: position)
  }

  /// Whether `value` is a template placeholder (`{{…}}`, `${…}`).
  static func isPlaceholder(_ value: String) -> Bool {
    (value.hasPrefix("{{") && value.hasSuffix("}}")) || (value.hasPrefix("${") && value.hasSuffix("}"))
  }

  private static func preferredEmail(_ list: JSONArray) -> String? {
    var firstWork: String?
    var first: String?
    for element in list {
      guard let entry = element.object, let value = entry["value"]?.string else { continue }
      if entry["primary"]?.bool == true || entry["Primary"]?.bool == true { return value }
      if firstWork == nil, entry["type"]?.string?.lowercased() == "work" { firstWork = value }
      if first == nil { first = value }
    }
    return firstWork ?? first
  }

  private static func displayName(_ attributes: SCIMAttributes) throws(RecordProblem) -> String? {
    if let name = try attributes.string("displayName") { return name }
    if let flat = try attributes.string("name.formatted") { return flat }
    guard let name = attributes["name"], !name.isNull else { return nil }
    guard let parts = name.object else {
      throw .wrongType("name", is: name, expected: "an object")
    }
    if let formatted = parts["formatted"]?.string { return formatted }
    let given = parts["givenName"]?.string
    let family = parts["familyName"]?.string
    let joined = [given, family].compactMap { $0 }.joined(separator: " ")
    return joined.isEmpty ? nil : joined
  }
}
