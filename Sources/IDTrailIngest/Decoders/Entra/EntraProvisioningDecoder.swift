import IDTrailModel

/// `entra.provisioning`: Entra ID provisioning logs (`formats-idp.md` §4.1–4.2) as Graph
/// `provisioningObjectSummary` pages (`value[]`, also saved with their HTTP headers), the Azure
/// Monitor export (`records[]` or one record per line, payload under `properties`, PascalCase
/// `Id`/`Name`), and the portal download (older `action`/`statusInfo` keys).
///
/// Outbound provisioning (Entra → an app such as GitLab) is the IdP's SCIM hop: one
/// `provision.request` per record, `scim` stage, channel `idp-push`. Inbound provisioning (an HR
/// source or app → Entra ID, recognised by the target system being Entra ID) changes the IdP's own
/// accounts: `account.*` events at the `idp` stage, channel `system-job`. Only user objects are read;
/// group pushes name no person.
///
/// Identifier rules (`formats-idp.md` §4.1, §7): `sourceIdentity.id` is the Entra object id
/// (`entra.object_id`); the UPN (`sourceIdentity.details.UserPrincipalName`, an import step's
/// `userPrincipalName`, or the `ReportableIdentifier` when it is an address) is `upn`, and `email`
/// too when it is an address. `targetIdentity.id` is the id the app returned for the user; for a
/// GitLab app that is GitLab's SCIM id, which is the user's `gitlab.extern_uid`, and for other apps
/// no identifier kind fits it, so it is left out. The `externalId` the push set
/// (`modifiedProperties`) is `scim.external_id` (and, for GitLab, the same `extern_uid`).
public struct EntraProvisioningDecoder: JSONRecordDecoder {
  public init() {}

  public let format = FormatID.entraProvisioning
  public let summary =
    "Entra ID provisioning logs: Graph value[] pages, Azure Monitor records[], portal download"

  public func recognizes(firstRecord: JSONObject) -> Bool {
    if let diagnostic = EntraDiagnosticRecord(firstRecord) {
      return diagnostic.category == EntraDiagnosticRecord.provisioningCategory
    }
    return Self.isProvisioningObject(firstRecord)
  }

  /// Graph pages hold records in `value`, Azure Monitor exports in `records`.
  public func records(inEnvelope object: JSONObject) -> JSONArray? {
    object["value"]?.array ?? object["records"]?.array
  }

  public func recognizes(_ sample: InputSample) -> Bool {
    EntraHTTPCapture.recognizes(sample, by: self, collection: "auditLogs/provisioning")
  }

  public func decode(_ input: InputBytes, options: DecodeOptions) -> DecodedInput {
    EntraHTTPCapture.decode(input, options: options, by: self)
  }

  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    switch EntraRecordRoute(record, fallback: .provisioning) {
    case .decode(.provisioning, let payload, let diagnosticTime):
      return RecordProblem.disposition { () throws(RecordProblem) in
        try decode(payload, diagnosticTime: diagnosticTime, at: locator, into: &output)
      }
    case .decode(.audit, _, _):
      return EntraAuditDecoder().decode(
        record: record, envelope: envelope, at: locator, options: options, into: &output)
    case .skipped(let reason):
      return .skipped(reason)
    case .rejected(let reason):
      return .rejected(reason)
    }
  }

  /// Whether `object` is a provisioning record in Graph or portal-download shape.
  static func isProvisioningObject(_ object: JSONObject) -> Bool {
    object.contains("provisioningAction") || object.contains("provisioningStatusInfo")
      || (object.contains("cycleId") && object.contains("changeId"))
  }

  private func decode(
    _ payload: JSONObject, diagnosticTime: String?, at locator: Locator, into output: inout DecodedInput
  ) throws(RecordProblem) -> RecordDisposition {
    let (time, originalTime) = try Self.time(payload, diagnosticTime: diagnosticTime)
    guard let actionValue = EntraFields.first(payload, "provisioningAction", "action") else {
      throw RecordProblem("no provisioningAction (or action)")
    }
    guard let actionText = actionValue.string, !actionText.isEmpty else {
      throw RecordProblem("provisioningAction is \(actionValue.kind) JSON, not a string")
    }
    let status = try Self.status(payload)
    let source = try RecordProblem.optionalObject(
      EntraFields.first(payload, "sourceIdentity"), "sourceIdentity")
    let target = try RecordProblem.optionalObject(
      EntraFields.first(payload, "targetIdentity"), "targetIdentity")
    let modified = try RecordProblem.optionalArray(payload["modifiedProperties"], "modifiedProperties")
    let steps = try RecordProblem.optionalArray(payload["provisioningSteps"], "provisioningSteps")

    // Either side (or the source's OData type) may be the one that says the object is a group;
    // people come as `User`, a SCIM user URN, or an HR source's own type (a worker).
    let identityTypes = [
      EntraFields.text(source, "identityType", "IdentityType", "type"),
      EntraFields.text(target, "identityType", "IdentityType", "type"),
      EntraFields.text(source?["details"]?.object, "odatatype"),
    ].compactMap { $0 }
    if let other = identityTypes.first(where: Self.namesNoPerson) {
      let name = other.split(separator: ":").last.map(String.init) ?? other
      return .skipped("provisioning of a \(name), not a person")
    }
    let targetSystem = EntraFields.objectOrFirst(payload["targetSystem"])
    let sourceSystem = EntraFields.objectOrFirst(payload["sourceSystem"])
    let inbound = Self.isEntraDirectory(EntraFields.text(targetSystem, "displayName", "Name"))
    let servicePrincipal = EntraFields.objectOrFirst(payload["servicePrincipal"])
    let application =
      EntraFields.text(servicePrincipal, "displayName", "Name")
      ?? EntraFields.text(inbound ? sourceSystem : targetSystem, "displayName", "Name")
    let appIsGitLab =
      !inbound
      && (IdentityProviderText.namesGitLab(application)
        || IdentityProviderText.namesGitLab(EntraFields.text(targetSystem, "displayName", "Name"))
        || IdentityProviderText.namesGitLab(EntraFields.text(payload, "jobId")))

    let outcome: Outcome
    switch status {
    case "success":
      outcome = .success
    case "warning":
      outcome = Outcome(
        succeeded: true, reason: "warning: " + (Self.errorReason(payload) ?? "no reason given"))
    case "failure":
      let reason = Self.errorReason(payload)
      outcome = .failure(reason ?? "failure", httpStatus: reason.flatMap(Self.httpStatus))
    case "skipped":
      outcome = .failure(
        "skipped: " + (Self.skipReason(steps) ?? Self.errorReason(payload) ?? "no reason given"))
    default:
      return .skipped("provisioning status \(status) is not a final result")
    }

    let lowered = actionText.lowercased()
    var subject: [Identifier] = []
    let action: Action
    var operation: ProvisioningOperation?
    if inbound {
      let enabled = EntraFields.modifiedValue(modified, named: "accountEnabled")?.lowercased()
      switch lowered {
      case "create": action = .accountCreate
      case "update":
        action = enabled == "false" ? .accountDisable : enabled == "true" ? .accountEnable : .accountUpdate
      case "disable", "stageddelete": action = .accountDisable
      case "delete": action = .accountDelete
      default: return .skipped("provisioningAction \(actionText) asks for no change")
      }
      subject += [EntraFields.objectID(EntraFields.text(target, "id", "Id"))].compactMap { $0 }
      subject += EntraFields.upnIdentifiers(Self.upn(target, steps: steps))
      subject += [Self.displayName(target) ?? Self.displayName(source)].compactMap { $0 }
    } else {
      let active = EntraFields.modifiedValue(modified, named: "active")?.lowercased()
      switch lowered {
      case "create": operation = .create
      case "update": operation = active == "false" ? .deactivate : active == "true" ? .reactivate : .update
      case "disable", "stageddelete": operation = .deactivate
      case "delete": operation = .delete
      default: return .skipped("provisioningAction \(actionText) asks for no change")
      }
      action = .provisionRequest
      subject += [EntraFields.objectID(EntraFields.text(source, "id", "Id"))].compactMap { $0 }
      subject += EntraFields.upnIdentifiers(Self.upn(source, steps: steps))
      subject += [Self.displayName(source)].compactMap { $0 }
      subject += Self.appSideIdentifiers(target: target, modified: modified, appIsGitLab: appIsGitLab)
    }
    guard subject.contains(where: { $0.kind != .displayName }) else {
      throw RecordProblem("names no user: the identity has no id, UPN or app-side id")
    }
    output.emit(
      IdentityEvent(
        time: time, originalTime: originalTime, source: format, stage: inbound ? .idp : .scim,
        nativeID: Self.nativeID(payload), locator: locator, action: action, rawAction: actionText,
        provisioning: operation, subject: IdentityProviderText.uniqued(subject),
        actor: Self.actor(payload), resource: application.map { Resource(kind: .idpApplication, name: $0) },
        outcome: outcome, channel: inbound ? .systemJob : .idpPush, evidence: .observed))
    return .decoded
  }

  // MARK: - Fields

  private static func time(
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

  /// The status enum as Graph orders it; the Azure Monitor export writes the index.
  private static let statusNames = ["success", "failure", "skipped", "warning"]

  /// `provisioningStatusInfo.status`, or the portal download's `statusInfo.status`, lower-cased.
  private static func status(_ payload: JSONObject) throws(RecordProblem) -> String {
    for container in [payload["provisioningStatusInfo"], payload["statusInfo"]] {
      guard let info = container?.object, let value = EntraFields.first(info, "status", "Status") else {
        continue
      }
      if let text = value.string, !text.isEmpty { return text.lowercased() }
      if let index = value.int, statusNames.indices.contains(index) { return statusNames[index] }
      throw RecordProblem("provisioning status is \(value.rawText), not a known status")
    }
    throw RecordProblem("no provisioningStatusInfo.status (or statusInfo.status)")
  }

  /// `errorCode: reason` from `provisioningStatusInfo.errorInformation`, or from the portal
  /// download's `statusInfo` (which carries the same fields itself).
  private static func errorReason(_ payload: JSONObject) -> String? {
    let candidates = [
      payload[path: "provisioningStatusInfo", "errorInformation"]?.object,
      payload[path: "statusInfo", "errorInformation"]?.object,
      payload["statusInfo"]?.object,
    ]
    for info in candidates {
      let code = EntraFields.text(info, "errorCode", "ErrorCode")
      let reason = EntraFields.text(info, "reason", "Reason")
      switch (code, reason) {
      case (let code?, let reason?): return "\(code): \(reason)"
      case (let code?, nil): return code
      case (nil, let reason?): return reason
      case (nil, nil): continue
      }
    }
    return nil
  }

  /// The `SkipReason` a skipped step gives (`AttributeValidationFailed`, `NotEffectivelyEntitled`).
  private static func skipReason(_ steps: JSONArray?) -> String? {
    steps?.lazy.compactMap { EntraFields.text($0.object?["details"]?.object, "SkipReason") }.first
  }

  /// The HTTP status an error reason quotes ("… the HTTP status code 409 …").
  private static func httpStatus(_ reason: String) -> Int? {
    guard let range = reason.firstRange(of: "HTTP status code ") else { return nil }
    let digits = reason[range.upperBound...].prefix { $0.isNumber }
    guard digits.count == 3 else { return nil }
    return Int(digits)
  }

  private static func upn(_ identity: JSONObject?, steps: JSONArray?) -> String? {
    if let upn = EntraFields.text(identity?["details"]?.object, "UserPrincipalName", "userPrincipalName") {
      return upn
    }
    guard let steps else { return nil }
    let details = steps.compactMap { $0.object?["details"]?.object }
    if let upn = details.lazy.compactMap({ EntraFields.text($0, "userPrincipalName", "UserPrincipalName") })
      .first
    {
      return upn
    }
    return details.lazy.compactMap { EntraFields.text($0, "ReportableIdentifier") }
      .first { IdentityProviderText.isEmailAddress($0) }
  }

  private static func displayName(_ identity: JSONObject?) -> Identifier? {
    EntraFields.text(identity, "displayName", "Name").flatMap { Identifier(.displayName, $0) }
  }

  /// What the push told the app and the app returned: the `externalId` it set and, for GitLab, the
  /// SCIM id (= `extern_uid`) and the `userName` (= the GitLab username, or an email).
  private static func appSideIdentifiers(
    target: JSONObject?, modified: JSONArray?, appIsGitLab: Bool
  ) -> [Identifier] {
    var identifiers: [Identifier] = []
    let externalID = EntraFields.modifiedValue(modified, named: "externalId")
    identifiers += [externalID.flatMap { Identifier(.scimExternalID, $0) }].compactMap { $0 }
    if appIsGitLab {
      let scimID = EntraFields.text(target, "id", "Id")
      identifiers += [scimID, externalID].compactMap { $0.flatMap { Identifier(.gitlabExternUID, $0) } }
    }
    if let userName = EntraFields.modifiedValue(modified, named: "userName") {
      if IdentityProviderText.isEmailAddress(userName) {
        identifiers += IdentityProviderText.emailIdentifiers(userName)
      } else if appIsGitLab, let username = Identifier(.gitlabUsername, userName) {
        identifiers.append(username)
      }
    }
    identifiers += IdentityProviderText.emailIdentifiers(
      EntraFields.modifiedValue(modified, named: "emails[type eq \"work\"].value"))
    return identifiers
  }

  /// Automatic cycles are the provisioning service's; on-demand provisioning names the admin.
  private static func actor(_ payload: JSONObject) -> Actor {
    let initiator = payload["initiatedBy"]?.object
    let type = EntraFields.text(initiator, "initiatorType", "initiatingType", "Type", "type")?.lowercased()
    let name = [EntraFields.text(initiator, "displayName", "Name").flatMap { Identifier(.displayName, $0) }]
      .compactMap { $0 }
    if type == "user" {
      let id = EntraFields.objectID(EntraFields.text(initiator, "id", "Id"))
      return Actor(kind: .person, identifiers: [id].compactMap { $0 } + name)
    }
    return Actor(kind: .provisioningClient, identifiers: name)
  }

  private static func nativeID(_ payload: JSONObject) -> String? {
    if let id = EntraFields.text(payload, "id", "Id") { return id }
    guard let cycle = EntraFields.text(payload, "cycleId"), let change = EntraFields.text(payload, "changeId")
    else { return nil }
    return "\(cycle)/\(change)"
  }

  /// Whether an identity type is an object that is not a person: a group, an application or its
  /// service principal, an AWS role set, a device.
  private static func namesNoPerson(_ identityType: String) -> Bool {
    let lowered = identityType.lowercased()
    return ["group", "serviceprincipal", "application", "rolescompound", "device"]
      .contains { lowered.contains($0) }
  }

  /// Whether a system name is Entra ID itself (the target of inbound provisioning).
  private static func isEntraDirectory(_ name: String?) -> Bool {
    switch name?.lowercased() {
    case "azure active directory", "microsoft entra id", "azure ad", "entra id": return true
    default: return false
    }
  }
}
