import IDTrailModel

/// `provisioning-failure`: failed provisioning calls were repaired by a later success.
///
/// Looks at every provisioning call in the window that asked for a change (create, update,
/// deactivate, reactivate, delete) and failed: a SCIM request with HTTP status 400 or more, or an
/// IdP push that reported failure. A later successful call in the window for the same person and
/// the same kind of operation repairs it: create or reactivate for a create or reactivate,
/// deactivate or delete for a deactivate or delete, update for an update.
/// - Fail: a finding per failed call nothing repaired; `high` for a deprovisioning call (a leaver
///   may keep access), `medium` for the others.
/// - Failed lookups (a GET answered 401) ask for no change and are not judged here;
///   `scim-token-rotation` reads them. Calls naming nobody are matched on the identifiers they state.
/// - Unknown: no finding, but no SCIM or IdP provisioning log covers some stretch of the window.
/// - Pass: otherwise. Never not-applicable: without any provisioning log the answer is unknown.
public struct ProvisioningFailureControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "provisioning-failure", title: "Failed provisioning calls were repaired",
    criteria: ["CC6.2", "CC7.2"],
    rationale: """
      A provisioning call that fails and is never retried leaves GitLab out of step with the IdP: \
      a leaver keeps access, or a joiner gets none. Every failed call must be followed by a \
      successful one for the same person and operation.
      """,
    severity: .medium, requires: [.provisioningLog],
    examples: [
      ControlExample(
        "a failed deactivate retried successfully", .pass,
        [.scim(.deactivate, "ivy", "07-02 09:00", status: 500), .scim(.deactivate, "ivy", "07-02 09:40")]),
      ControlExample(
        "a failed deactivate repaired by a delete", .pass,
        [.scim(.deactivate, "ivy", "07-02 09:00", status: 503), .scim(.delete, "ivy", "07-03 09:00")]),
      ControlExample(
        "a failed deactivate never repaired", .fail, [.finding("ivy", .high)],
        [.scim(.deactivate, "ivy", "07-02 09:00", status: 500), .scim(.update, "ivy", "07-02 10:00")]),
      ControlExample(
        "a conflicting create", .fail, [.finding("ivy", .medium)],
        [.scim(.create, "ivy", "07-02 09:00", status: 409)]),
      ControlExample(
        "a failed lookup asks for no change", .pass, [.scim(nil, nil, "07-02 09:00", status: 401)]),
      ControlExample(
        "the SCIM log covers only July", .unknown,
        [
          .input(.gitlabAPILog, "07-01 00:00", "08-01 00:00"),
          .scim(.create, "ivy", "07-02 09:00", status: 201),
        ]),
    ])

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    verdict.require(.provisioningLog, context.coverage)
    let events = context.trail.events
    var failed = 0
    var calls = 0
    for index in context.windowIndices where context.actions[index] == .provisionRequest {
      let event = events[index]
      guard let operation = event.provisioning else { continue }
      calls += 1
      guard !event.outcome.succeeded else { continue }
      failed += 1
      guard Self.repair(of: index, operation: operation, context) == nil else { continue }
      let deprovision = Self.family(operation) == Self.family(.delete)
      verdict.add(
        key: FindingEvidence(event).key, severity: deprovision ? .high : .medium,
        person: context.person(context.subjectOf[index]),
        summary: Self.summary(event, index: index, operation: operation, context), time: event.time,
        evidence: [FindingEvidence(event)])
    }
    let unrepaired = verdict.findings.count
    return verdict.result(
      summary: "\(ControlText.count(calls, "provisioning call")) in the period, \(failed) failed, "
        + "\(unrepaired) of them not repaired by the period's end")
  }

  /// Operations that repair one another.
  private static func family(_ operation: ProvisioningOperation) -> Int {
    switch operation {
    case .create, .reactivate: return 0
    case .update: return 1
    case .deactivate, .delete: return 2
    }
  }

  /// The first later successful call in the window for the same person (or the same stated
  /// identifiers) and the same family of operation.
  private static func repair(of index: Int, operation: ProvisioningOperation, _ context: ControlContext)
    -> Int?
  {
    let events = context.trail.events
    let failed = events[index]
    let candidates: [Int]
    if let person = context.subjectOf[index] {
      candidates = context.subjectEvents[person] ?? []
    } else {
      candidates = Array((index + 1)..<context.windowIndices.upperBound)
    }
    let subject = Set(failed.subject)
    return candidates.first { later in
      guard events[later].action == .provisionRequest else { return false }
      let event = events[later]
      guard later > index, event.time <= context.window.end, event.action == .provisionRequest,
        event.outcome.succeeded, let other = event.provisioning, family(other) == family(operation)
      else { return false }
      return context.subjectOf[index] != nil || !subject.isDisjoint(with: event.subject)
    }
  }
}

extension ProvisioningFailureControl {
  fileprivate static func summary(
    _ event: IdentityEvent, index: Int, operation: ProvisioningOperation, _ context: ControlContext
  ) -> String {
    let channel =
      event.stage == .scim && event.source != .gitlabAPILog && event.channel == .idpPush
      ? "IdP push" : "SCIM"
    var failure = event.outcome.httpStatus.map { "HTTP \($0)" } ?? "failure"
    if let reason = event.outcome.reason, reason != failure { failure += ": \(reason)" }
    let repairs =
      operation == .update
      ? "update"
      : Self.family(operation) == Self.family(.delete)
        ? "deactivate or delete" : "create or reactivate"
    return "\(channel) \(operation.rawValue) for \(context.subjectLabel(index)) failed (\(failure)) at "
      + "\(event.time.rfc3339); no later successful \(repairs) for them by the period's end"
  }
}
