import IDTrailModel

/// `scim.v2.resources`: SCIM 2.0 User and Group resources and `ListResponse` documents (an IdP's or
/// GitLab's state export, a saved `GET …/Users` page) → state facts.
///
/// - A User → an `identityLink` fact ("scim") when it states two or more strong identifiers, and an
///   `accountState` fact (`active` / `inactive`) when it carries `active`. Identifiers follow
///   `SCIMUserIdentity`; the resource is taken for GitLab's own (so its `id` is the `extern_uid` and
///   its `userName` the GitLab username) when it has GitLab's shape: an `id`, no `externalId`, and a
///   `meta` holding only `resourceType` (GitLab returns no `externalId`, `created` or `location`).
/// - A Group → one `membership` fact (role `member`) per member named by a display name or email.
/// - Other SCIM messages are read and skipped with the reason: a PatchOp, Error or Bulk body on its
///   own has no time and no target, and discovery documents hold no identity.
///
/// Facts are as of `--as-of` when given, else undated (the export's time is not in it).
public struct SCIMResourcesDecoder: JSONRecordDecoder {
  public init() {}

  public let format = FormatID.scimResources
  public let summary = "SCIM 2.0 User/Group resources and ListResponse documents (state exports)"

  private static let userSchema = "urn:ietf:params:scim:schemas:core:2.0:User"
  private static let groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group"
  private static let messagePrefix = "urn:ietf:params:scim:api:messages:2.0:"

  public func recognizes(_ sample: InputSample) -> Bool {
    guard let object = sample.firstJSONObject else { return false }
    if recognizes(firstRecord: object) { return true }
    return records(inEnvelope: object)?.first { $0.object.map(recognizes(firstRecord:)) ?? false } != nil
  }

  public func recognizes(firstRecord: JSONObject) -> Bool {
    guard let schemas = firstRecord["schemas"]?.array else { return false }
    return schemas.contains { $0.string?.hasPrefix("urn:ietf:params:scim:") == true }
  }

  public func records(inEnvelope object: JSONObject) -> JSONArray? {
    guard Self.schemas(object).contains(Self.messagePrefix + "ListResponse") else { return nil }
    return object["Resources"]?.array ?? object["resources"]?.array
  }

  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    return RecordProblem.disposition { () throws(RecordProblem) in
      try decodeResource(record, at: locator, options: options, into: &output)
    }
  }

  private func decodeResource(
    _ resource: JSONObject, at locator: Locator, options: DecodeOptions, into output: inout DecodedInput
  ) throws(RecordProblem) -> RecordDisposition {
    if let value = resource["schemas"], !value.isNull, value.array == nil {
      throw .wrongType("schemas", is: value, expected: "an array")
    }
    let schemas = Self.schemas(resource)
    if schemas.contains(Self.userSchema) {
      return try user(resource, at: locator, options: options, into: &output)
    }
    if schemas.contains(Self.groupSchema) {
      return try group(resource, at: locator, options: options, into: &output)
    }
    if let message = schemas.first(where: { $0.hasPrefix(Self.messagePrefix) }) {
      switch message.dropFirst(Self.messagePrefix.count) {
      case "PatchOp":
        return .skipped(
          "a PatchOp body on its own (no time, no target): capture the traffic as HAR (scim.v2.har)")
      case "Error":
        return .skipped("a SCIM error response on its own (no request to tie it to)")
      case "ListResponse":
        return .skipped("a ListResponse nested in a ListResponse")
      default:
        return .skipped("a SCIM Bulk or Search message: not read")
      }
    }
    if schemas.contains(where: { $0.hasPrefix("urn:ietf:params:scim:schemas:core:2.0:") }) {
      return .skipped("a SCIM discovery document (Schema, ResourceType, ServiceProviderConfig): no identity")
    }
    if resource.contains("userName") {
      return try user(resource, at: locator, options: options, into: &output)
    }
    if resource.contains("members") {
      return try group(resource, at: locator, options: options, into: &output)
    }
    throw RecordProblem("neither a SCIM User nor a Group (no schemas, userName or members)")
  }

  private func user(
    _ resource: JSONObject, at locator: Locator, options: DecodeOptions, into output: inout DecodedInput
  ) throws(RecordProblem) -> RecordDisposition {
    let attributes = SCIMAttributes(object: resource)
    let identity = try SCIMUserIdentity(attributes, gitLab: Self.hasGitLabShape(resource), includeID: true)
    let active = try attributes.active()
    guard identity.placeholders == 0 else { return .skipped(Self.templateReason) }
    guard identity.hasStrongIdentifier else {
      throw RecordProblem("a User with no usable identifier (id, externalId, userName or emails)")
    }
    var facts = 0
    if identity.identifiers.filter(\.kind.isStrong).count >= 2 {
      output.emit(
        StateFact(
          asOf: options.snapshotTime, source: format, locator: locator, subject: identity.identifiers,
          claim: .identityLink(provider: "scim")))
      facts += 1
    }
    if let active {
      output.emit(
        StateFact(
          asOf: options.snapshotTime, source: format, locator: locator, subject: identity.identifiers,
          claim: .accountState(state: active ? "active" : "inactive", canSignIn: active)))
      facts += 1
    }
    return facts > 0 ? .decoded : .skipped("a User with one identifier and no active flag: nothing to state")
  }

  private func group(
    _ resource: JSONObject, at locator: Locator, options: DecodeOptions, into output: inout DecodedInput
  ) throws(RecordProblem) -> RecordDisposition {
    let attributes = SCIMAttributes(object: resource)
    let displayName = try attributes.string("displayName")
    let id = try attributes.scalar("id")
    let externalID = try attributes.scalar("externalId")
    guard let name = displayName ?? id ?? externalID else {
      throw RecordProblem("a Group with no displayName, id or externalId")
    }
    if [displayName, id, externalID].contains(where: { $0.map(SCIMUserIdentity.isPlaceholder) ?? false }) {
      return .skipped(Self.templateReason)
    }
    guard let members = resource["members"], !members.isNull, let list = members.array, list.count > 0 else {
      if let members = resource["members"], !members.isNull, members.array == nil {
        throw .wrongType("members", is: members, expected: "an array")
      }
      return .skipped("a Group with no members listed")
    }
    var facts: [StateFact] = []
    for element in list {
      guard let member = element.object else {
        throw .wrongType("members[]", is: element, expected: "a member object")
      }
      if member["type"]?.string == "Group" { continue }
      var identity = SCIMUserIdentity()
      identity.addMember(
        SCIMPatchRequest.Member(value: member["value"]?.scalarText, display: member["display"]?.string),
        gitLab: false)
      guard identity.placeholders == 0 else { return .skipped(Self.templateReason) }
      guard !identity.identifiers.isEmpty else { continue }
      facts.append(
        StateFact(
          asOf: options.snapshotTime, source: format, locator: locator, subject: identity.identifiers,
          claim: .membership(resource: Resource(kind: .idpGroup, name: name), role: "member")))
    }
    guard !facts.isEmpty else {
      return .skipped(
        "a Group whose members are named only by the service provider's ids (no display or email)")
    }
    facts.forEach { output.emit($0) }
    return .decoded
  }

  private static let templateReason =
    "a template, not recorded data: it holds placeholders such as {{userName}} or ${__UUID}"

  private static func schemas(_ object: JSONObject) -> [String] {
    guard let list = object["schemas"]?.array else { return [] }
    return list.compactMap(\.string)
  }

  /// GitLab's User entity: an `id`, no `externalId`, and a `meta` that holds only `resourceType`.
  private static func hasGitLabShape(_ resource: JSONObject) -> Bool {
    guard resource.contains("id"), !resource.contains("externalId"), let meta = resource["meta"]?.object
    else {
      return false
    }
    return meta.keys == ["resourceType"]
  }
}
