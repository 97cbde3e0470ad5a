import IDTrailModel

/// `okta.systemlog`: Okta System Log events (`formats-idp.md` §3) as the API returns them (a JSON
/// array page), as SIEM exports write them (NDJSON), or as Event Hook deliveries (`data.events[]`).
///
/// User lifecycle, app assignment, group membership, MFA factor and session events are `idp`-stage
/// events; `application.provision.user.*` pushes and `app.api.error.*` failures are the IdP's
/// provisioning hop: `scim` stage, channel `idp-push`. Identifiers come from the `User` and `AppUser`
/// targets (see `OktaEntity`). `debugContext` is never read: its keys are unstable and its values
/// may hold request data that must not reach a report.
public struct OktaSystemLogDecoder: JSONRecordDecoder {
  public init() {}

  public let format = FormatID.oktaSystemLog
  public let summary = "Okta System Log events: API pages (JSON array), NDJSON, or Event Hook deliveries"

  public func recognizes(firstRecord: JSONObject) -> Bool {
    firstRecord.contains("uuid") && firstRecord.contains("published")
      && firstRecord.contains("eventType") && firstRecord.contains("actor")
  }

  /// An Event Hook delivery (`eventType: com.okta.event_hook`) holds its events in `data.events`.
  public func records(inEnvelope object: JSONObject) -> JSONArray? {
    guard !object.contains("published") else { return nil }
    return object[path: "data", "events"]?.array
  }

  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    return RecordProblem.disposition { () throws(RecordProblem) in
      try decode(record, at: locator, into: &output)
    }
  }

  private func decode(
    _ record: JSONObject, at locator: Locator, into output: inout DecodedInput
  ) throws(RecordProblem) -> RecordDisposition {
    let eventType = try RecordProblem.requireString(record["eventType"], "eventType")
    let (time, originalTime) = try RecordProblem.requireTime(record["published"], "published")
    let legacyEventType = record["legacyEventType"]?.string
    guard
      let (mapping, isAPIError) = OktaEventMapping.resolve(
        eventType: eventType, legacyEventType: legacyEventType)
    else {
      return .skipped("not an identity event (\(eventType))")
    }
    if mapping == .lookup {
      return .skipped("existence check before a push (a lookup)")
    }
    let (result, reason) = try readOutcome(record)
    let outcome: Outcome
    if isAPIError {
      // Okta marks some integration errors SUCCESS; the event itself is the failure.
      outcome = .failure(reason ?? record["displayMessage"]?.string ?? legacyEventType ?? eventType)
    } else {
      switch result.uppercased() {
      case "SUCCESS", "ALLOW": outcome = .success
      case "FAILURE", "DENY": outcome = .failure(reason ?? result)
      case "SKIPPED": outcome = .failure("skipped" + (reason.map { ": \($0)" } ?? ""))
      default: return .skipped("outcome \(result) is not a final result")
      }
    }
    let targets = try OktaEntity.targets(record["target"])
    let actorObject = try RecordProblem.optionalObject(record["actor"], "actor")

    let application = OktaEntity.first("AppInstance", in: targets)
    var subject = OktaIdentifierLists.subject(
      of: targets,
      appIsGitLab: {
        IdentityProviderText.namesGitLab(application?.displayName)
          || IdentityProviderText.namesGitLab(application?.alternateId)
      }, into: &output)
    if subject.isEmpty, mapping.isAboutTheActor {
      guard let actorObject, OktaEntity.isType("User", actorObject) else {
        let type = actorObject?["type"]?.string ?? "missing"
        throw RecordProblem("names no user: no User or AppUser target, and the actor is \(type)")
      }
      subject = OktaIdentifierLists.user(actorObject, into: &output)
    }
    if subject.isEmpty, mapping != .integrationFailure {
      // An admin's change to an account the event does not name must not land on the admin.
      throw RecordProblem("names no user: no User or AppUser target")
    }

    let action: Action
    let stage: Stage
    var operation: ProvisioningOperation?
    switch mapping {
    case .idp(let mapped):
      (action, stage) = (mapped, .idp)
    case .signIn:
      (action, stage) = (outcome.succeeded ? .authSuccess : .authFailure, .idp)
    case .provisioning(let pushed):
      (action, stage, operation) = (.provisionRequest, .scim, pushed)
    case .integrationFailure, .lookup:
      (action, stage) = (.other, .scim)
    }
    let actor = self.actor(actorObject, stage: stage, into: &output)
    // What access is about: the group for membership changes, the app for assignments, pushes
    // and app sign-ins; an account change is about the whole account.
    let resource: Resource?
    switch action {
    case .groupMemberAdd, .groupMemberRemove:
      resource = OktaEntity.first("UserGroup", in: targets)?.resourceName
        .map { Resource(kind: .idpGroup, name: $0) }
    case .assignmentAdd, .assignmentRemove, .provisionRequest, .other, .authSuccess, .authFailure:
      resource = application?.resourceName.map { Resource(kind: .idpApplication, name: $0) }
    default:
      resource = nil
    }
    output.emit(
      sharedLists: IdentityEvent(
        time: time, originalTime: originalTime, source: format, stage: stage,
        nativeID: record["uuid"]?.string, locator: locator, action: action, rawAction: eventType,
        provisioning: operation, subject: subject, actor: actor,
        resource: resource, outcome: outcome,
        channel: stage == .scim ? .idpPush : channel(record, actor: actor), evidence: .observed))
    return .decoded
  }

  /// `outcome.result` (required) and `outcome.reason` (nil when absent or empty).
  private func readOutcome(_ record: JSONObject) throws(RecordProblem) -> (String, String?) {
    let object = try RecordProblem.optionalObject(record["outcome"], "outcome")
    let result = try RecordProblem.requireString(object?["result"], "outcome.result")
    let reason = object?["reason"]?.string.flatMap { $0.isEmpty ? nil : $0 }
    return (result, reason)
  }

  /// A `User` actor is a person; `SystemPrincipal` is Okta itself; other actors (apps, clients) are
  /// the provisioning client on a push and a system otherwise.
  private func actor(_ object: JSONObject?, stage: Stage, into output: inout DecodedInput) -> Actor {
    guard let object else { return .unknown }
    if OktaEntity.isType("User", object) {
      return Actor(kind: .person, identifiers: OktaIdentifierLists.user(object, into: &output))
    }
    if OktaEntity.isType("SystemPrincipal", object) { return .system }
    return Actor(
      kind: stage == .scim ? .provisioningClient : .system,
      identifiers: OktaIdentifierLists.named(object, into: &output))
  }

  /// How an IdP-side change was made: with an API token (`transaction.detail.requestApiTokenId`,
  /// whose value is never read), by a job, or by a person in the admin console.
  private func channel(_ record: JSONObject, actor: Actor) -> Channel {
    let transaction = record["transaction"]?.object
    if let token = transaction?[path: "detail", "requestApiTokenId"], !token.isNull {
      return .api
    }
    if transaction?["type"]?.string == "JOB" { return .systemJob }
    switch actor.kind {
    case .person: return .manualUI
    case .system, .provisioningClient: return .systemJob
    default: return .unknown
    }
  }
}
