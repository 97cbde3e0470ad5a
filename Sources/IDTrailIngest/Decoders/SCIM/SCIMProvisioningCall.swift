import IDTrailModel

/// One provisioning call read from a SCIM exchange: the operation, who it was about, and where.
///
/// `api_json.log` lines and HAR entries both become these, through `interpret`; each decoder then
/// adds its own time, outcome and native id.
struct SCIMProvisioningCall: Sendable, Equatable {
  /// The operation asked for; nil for a lookup that failed (a 401 on a GET).
  var operation: ProvisioningOperation?
  var subject: [Identifier]
  var resource: Resource?
  /// For group membership changes: `member` after an add, before a removal.
  var role: RoleChange?
  /// Tells apart the calls of one exchange (a member's id) for native ids; nil for a single call.
  var part: String?

  /// What one SCIM exchange amounts to.
  enum Reading: Sendable, Equatable {
    case calls([SCIMProvisioningCall])
    case skipped(String)
  }

  /// What a request and its response (when captured) ask of the service provider.
  ///
  /// Users: POST → create; PUT → deactivate when the body sets `active` false, else update; PATCH →
  /// by `SCIMPatchRequest.userOperation`; DELETE → delete; GET and `.search` → skipped as lookups.
  /// Groups: one call (an update) per member a POST, PUT or PATCH adds or removes; requests that name
  /// no member are skipped. A 401 is a failed call even on a GET: the IdP holds a stale token.
  ///
  /// - Parameters:
  ///   - request: the request body (HAR) or logged params (`api_json.log`).
  ///   - response: the response body, when captured.
  ///   - filter: a lookup's `filter` parameter.
  ///   - fallbackResource: the resource for calls outside GitLab (a HAR's host as the application).
  /// - Throws: a problem when a body field has the wrong type.
  static func interpret(
    method: String, endpoint: SCIMEndpoint, status: Int, request: SCIMAttributes?,
    response: SCIMAttributes?, filter: String?, fallbackResource: Resource?
  ) throws(RecordProblem) -> Reading {
    let gitLab = endpoint.gitLab != nil
    let resource = endpoint.gitLabResource ?? fallbackResource
    let verb = method.uppercased()
    switch endpoint.kind {
    case .other(let name):
      if name.lowercased() == "bulk" {
        return .skipped("SCIM Bulk request: not read (capture the individual calls)")
      }
      return .skipped("SCIM discovery request (ServiceProviderConfig, Schemas, ResourceTypes): no identity")
    case .users:
      return try users(
        verb, endpoint: endpoint, status: status, request: request, response: response, filter: filter,
        gitLab: gitLab, resource: resource)
    case .groups:
      return try groups(
        verb, endpoint: endpoint, status: status, request: request, response: response, gitLab: gitLab)
    }
  }

  private static func users(
    _ verb: String, endpoint: SCIMEndpoint, status: Int, request: SCIMAttributes?,
    response: SCIMAttributes?, filter: String?, gitLab: Bool, resource: Resource?
  ) throws(RecordProblem) -> Reading {
    var identity = SCIMUserIdentity()
    let isLookup = verb == "GET" || verb == "HEAD" || endpoint.id == ".search"
    if let id = endpoint.id, id != ".search" { identity.addServiceProviderID(id, gitLab: gitLab) }
    let operation: ProvisioningOperation?
    if isLookup {
      guard status == 401 else { return .skipped("SCIM lookup (GET): reads, changes nothing") }
      operation = nil
      if let filter, let parsed = SCIMEqualityFilter(filter) { identity.addFilter(parsed, gitLab: gitLab) }
    } else {
      switch verb {
      case "POST":
        operation = .create
        if let request { identity.merge(try SCIMUserIdentity(request, gitLab: gitLab, includeID: false)) }
      case "PUT":
        operation = try request?.active() == false ? .deactivate : .update
        if let request { identity.merge(try SCIMUserIdentity(request, gitLab: gitLab, includeID: false)) }
      case "PATCH":
        if let request {
          operation = try SCIMPatchRequest(request).userOperation
        } else {
          operation = .update
        }
      case "DELETE":
        operation = .delete
      default:
        return .skipped("SCIM request with a method that changes nothing (\(verb))")
      }
    }
    if let response, (200..<300).contains(status) {
      identity.merge(try SCIMUserIdentity(response, gitLab: gitLab, includeID: true))
    }
    let call = SCIMProvisioningCall(
      operation: operation, subject: identity.identifiers, resource: resource, role: nil, part: nil)
    return .calls([call])
  }

  private static func groups(
    _ verb: String, endpoint: SCIMEndpoint, status: Int, request: SCIMAttributes?,
    response: SCIMAttributes?, gitLab: Bool
  ) throws(RecordProblem) -> Reading {
    let requestName = try? request?.string("displayName")
    let responseName = try? response?.string("displayName")
    let group = Resource(kind: .idpGroup, name: requestName ?? responseName ?? endpoint.id ?? "unnamed group")
    if verb == "GET" || verb == "HEAD" || endpoint.id == ".search" {
      guard status == 401 else { return .skipped("SCIM lookup (GET): reads, changes nothing") }
      let call = SCIMProvisioningCall(operation: nil, subject: [], resource: group, role: nil, part: nil)
      return .calls([call])
    }
    var added: [SCIMPatchRequest.Member] = []
    var removed: [SCIMPatchRequest.Member] = []
    switch verb {
    case "POST", "PUT":
      // A full Group body: its members are the members from now on.
      if let request { added = try members(of: request) }
    case "PATCH":
      if let request {
        let patch = try SCIMPatchRequest(request)
        added = patch.addedMembers + (patch.replacedMembers ?? [])
        removed = patch.removedMembers
      }
    default:
      break
    }
    guard !added.isEmpty || !removed.isEmpty else {
      return .skipped("SCIM Group request that names no member (create, rename or delete of the group)")
    }
    var calls: [SCIMProvisioningCall] = []
    let changes = [
      (added, RoleChange(before: nil, after: "member")), (removed, RoleChange(before: "member", after: nil)),
    ]
    for (members, role) in changes {
      for member in members {
        var identity = SCIMUserIdentity()
        identity.addMember(member, gitLab: gitLab)
        let part = (role.after == nil ? "remove:" : "add:") + (member.value ?? member.display ?? "?")
        calls.append(
          SCIMProvisioningCall(
            operation: .update, subject: identity.identifiers, resource: group, role: role, part: part))
      }
    }
    return .calls(calls)
  }

  /// The `members` of a full Group body.
  private static func members(
    of attributes: SCIMAttributes
  ) throws(RecordProblem) -> [SCIMPatchRequest.Member] {
    guard let list = attributes["members"], !list.isNull else { return [] }
    guard let elements = list.array else {
      throw .wrongType("members", is: list, expected: "an array")
    }
    var members: [SCIMPatchRequest.Member] = []
    for element in elements {
      guard let member = element.object else {
        throw .wrongType("members[]", is: element, expected: "a member object")
      }
      members.append(.init(value: member["value"]?.scalarText, display: member["display"]?.string))
    }
    return members
  }
}
