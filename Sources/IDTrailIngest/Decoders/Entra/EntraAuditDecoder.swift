import IDTrailModel

/// `entra.audit`: Entra ID directory audit logs (`directoryAudit`, `formats-idp.md` §4.4) as Graph
/// pages (`value[]`, also saved with their HTTP headers), NDJSON of Graph objects, or the Azure
/// Monitor export (`records[]` or one record per line, payload under `properties`).
///
/// Account lifecycle, group membership, app role assignment and directory role membership are
/// `idp`-stage events about the `User` target: `targetResources[].id` is the Entra object id
/// (`entra.object_id`), `userPrincipalName` the `upn` (and `email` when it is an address).
/// `ProvisioningLogs` records in a mixed export go to `EntraProvisioningDecoder`; sign-in, risk and
/// Graph activity records are skipped.
public struct EntraAuditDecoder: JSONRecordDecoder {
  public init() {}

  public let format = FormatID.entraAudit
  public let summary = "Entra ID directory audit logs: Graph value[] pages, NDJSON, Azure Monitor records[]"

  public func recognizes(firstRecord: JSONObject) -> Bool {
    if let diagnostic = EntraDiagnosticRecord(firstRecord) {
      return diagnostic.category == EntraDiagnosticRecord.auditCategory
        || (diagnostic.category != EntraDiagnosticRecord.provisioningCategory
          && EntraDiagnosticRecord.isEntraRecord(firstRecord))
    }
    return firstRecord.contains("activityDisplayName")
      && (firstRecord.contains("targetResources") || firstRecord.contains("loggedByService"))
  }

  /// Graph pages hold records in `value`, Azure Monitor exports in `records`.
  public func records(inEnvelope object: JSONObject) -> JSONArray? {
    object["value"]?.array ?? object["records"]?.array
  }

  public func recognizes(_ sample: InputSample) -> Bool {
    EntraHTTPCapture.recognizes(sample, by: self, collection: "auditLogs/directoryAudits")
  }

  public func decode(_ input: InputBytes, options: DecodeOptions) -> DecodedInput {
    EntraHTTPCapture.decode(input, options: options, by: self)
  }

  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    switch EntraRecordRoute(record, fallback: .audit) {
    case .decode(.audit, let payload, let diagnosticTime):
      return RecordProblem.disposition { () throws(RecordProblem) in
        try decode(payload, diagnosticTime: diagnosticTime, at: locator, into: &output)
      }
    case .decode(.provisioning, _, _):
      return EntraProvisioningDecoder().decode(
        record: record, envelope: envelope, at: locator, options: options, into: &output)
    case .skipped(let reason):
      return .skipped(reason)
    case .rejected(let reason):
      return .rejected(reason)
    }
  }

  /// One `targetResources` entry.
  private struct Target {
    var id: String?
    var displayName: String?
    /// `type`, or `Type` as one Microsoft sample writes it.
    var type: String?
    var userPrincipalName: String?
    var modifiedProperties: JSONArray?
  }

  private func decode(
    _ payload: JSONObject, diagnosticTime: String?, at locator: Locator, into output: inout DecodedInput
  ) throws(RecordProblem) -> RecordDisposition {
    let activity = try RecordProblem.requireString(payload["activityDisplayName"], "activityDisplayName")
    let (time, originalTime) = try time(payload, diagnosticTime: diagnosticTime)
    guard let rule = EntraAuditActivity.byActivity[activity] else {
      return .skipped("not an identity activity (\(activity))")
    }
    let result = try RecordProblem.requireString(payload["result"], "result").lowercased()
    let reason = EntraFields.text(payload, "resultReason")
    let outcome: Outcome
    switch result {
    case "success": outcome = .success
    case "failure": outcome = .failure(reason ?? "failure")
    case "timeout": outcome = .failure("timeout" + (reason.map { ": \($0)" } ?? ""))
    default: return .skipped("result \(result) is not a final result")
    }
    let targets = try targets(payload["targetResources"])
    let users = targets.filter { $0.type?.lowercased() == "user" }
    guard !users.isEmpty else {
      switch rule {
      case .account, .updateUser:
        throw RecordProblem("names no user: no User target")
      case .groupMember, .appAssignment, .roleMember:
        break
      }
      var kinds: [String] = []
      for type in targets.compactMap(\.type) where !kinds.contains(type) { kinds.append(type) }
      let described = kinds.isEmpty ? "target without a type" : kinds.joined(separator: " and ")
      return .skipped("\(activity) of a \(described), not a person")
    }
    let properties = users.compactMap(\.modifiedProperties) + targets.compactMap(\.modifiedProperties)
    func modified(_ name: String, preferOld: Bool = false) -> String? {
      properties.lazy.compactMap { EntraFields.modifiedValue($0, named: name, preferOld: preferOld) }.first
    }

    var action: Action
    var resource: Resource?
    var role: RoleChange?
    switch rule {
    case .account(let mapped):
      action = mapped
    case .updateUser:
      switch modified("AccountEnabled")?.lowercased() {
      case "false": action = .accountDisable
      case "true": action = .accountEnable
      default: action = .accountUpdate
      }
    case .groupMember(let mapped):
      action = mapped
      let group = targets.first { $0.type?.lowercased() == "group" }
      let name =
        group?.displayName ?? modified("Group.DisplayName", preferOld: mapped == .groupMemberRemove)
        ?? group?.id ?? modified("Group.ObjectID", preferOld: mapped == .groupMemberRemove)
      resource = name.map { Resource(kind: .idpGroup, name: $0) }
    case .appAssignment(let mapped):
      action = mapped
      let app = targets.first { ["serviceprincipal", "application"].contains($0.type?.lowercased() ?? "") }
      let name =
        app?.displayName ?? modified("ServicePrincipal.DisplayName", preferOld: mapped == .assignmentRemove)
      resource = name.map { Resource(kind: .idpApplication, name: $0) }
      if let appRole = modified("AppRole.Value", preferOld: mapped == .assignmentRemove)
        ?? modified("AppRole.DisplayName", preferOld: mapped == .assignmentRemove)
      {
        role =
          mapped == .assignmentAdd
          ? RoleChange(before: nil, after: appRole) : RoleChange(before: appRole, after: nil)
      }
    case .roleMember(let mapped):
      action = mapped
      let directoryRole =
        targets.first { $0.type?.lowercased() == "role" }?.displayName
        ?? modified("Role.DisplayName", preferOld: mapped == .privilegeRevoke)
      if let directoryRole {
        role =
          mapped == .privilegeGrant
          ? RoleChange(before: nil, after: directoryRole) : RoleChange(before: directoryRole, after: nil)
      }
    }

    var subject: [Identifier] = []
    for user in users {
      subject += [EntraFields.objectID(user.id)].compactMap { $0 }
      subject += EntraFields.upnIdentifiers(user.userPrincipalName)
      subject += [user.displayName.flatMap { Identifier(.displayName, $0) }].compactMap { $0 }
    }
    guard subject.contains(where: { $0.kind != .displayName }) else {
      throw RecordProblem("names no user: the User target has no id or userPrincipalName")
    }
    let (actor, channel) = initiator(payload)
    output.emit(
      IdentityEvent(
        time: time, originalTime: originalTime, source: format, stage: .idp,
        nativeID: EntraFields.text(payload, "id"), locator: locator, action: action, rawAction: activity,
        subject: IdentityProviderText.uniqued(subject), actor: actor, resource: resource, role: role,
        outcome: outcome, channel: channel, evidence: .observed))
    return .decoded
  }

  private func time(
    _ payload: JSONObject, diagnosticTime: String?
  ) throws(RecordProblem) -> (Timestamp, String) {
    if payload["activityDateTime"] != nil || diagnosticTime == nil {
      return try RecordProblem.requireTime(payload["activityDateTime"], "activityDateTime")
    }
    guard let text = diagnosticTime, let time = EntraDiagnosticRecord.parseTime(text) else {
      throw RecordProblem("time is not a valid time: '\(diagnosticTime ?? "")'")
    }
    return (time, text)
  }

  private func targets(_ value: JSONValue?) throws(RecordProblem) -> [Target] {
    guard let array = try RecordProblem.optionalArray(value, "targetResources") else { return [] }
    var targets: [Target] = []
    var index = 0
    for element in array {
      index += 1
      guard let object = element.object else {
        throw RecordProblem("targetResources #\(index) is \(element.kind) JSON, not an object")
      }
      targets.append(
        Target(
          id: EntraFields.text(object, "id", "Id"),
          displayName: EntraFields.text(object, "displayName", "DisplayName"),
          type: EntraFields.text(object, "type", "Type"),
          userPrincipalName: EntraFields.text(object, "userPrincipalName", "UserPrincipalName"),
          modifiedProperties: try RecordProblem.optionalArray(
            object["modifiedProperties"], "targetResources #\(index).modifiedProperties")))
    }
    return targets
  }

  /// A signed-in user made the change in the portal; an app (a service, a sync job, a script)
  /// through the API.
  private func initiator(_ payload: JSONObject) -> (Actor, Channel) {
    let initiatedBy = payload["initiatedBy"]?.object
    if let user = initiatedBy?["user"]?.object {
      let identifiers =
        [EntraFields.objectID(EntraFields.text(user, "id"))].compactMap { $0 }
        + EntraFields.upnIdentifiers(EntraFields.text(user, "userPrincipalName"))
        + [EntraFields.text(user, "displayName").flatMap { Identifier(.displayName, $0) }].compactMap { $0 }
      return (Actor(kind: .person, identifiers: identifiers), .manualUI)
    }
    if let app = initiatedBy?["app"]?.object {
      let name = [EntraFields.text(app, "displayName").flatMap { Identifier(.displayName, $0) }]
      return (Actor(kind: .system, identifiers: name.compactMap { $0 }), .api)
    }
    return (.unknown, .unknown)
  }
}
