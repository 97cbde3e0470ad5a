import IDTrailModel

/// `manual-access-change`: role and membership changes come from the IdP.
///
/// Judges the correlator's drift in the window: GitLab membership additions, role changes,
/// removals and instance privilege changes made by a person (UI or API), part of no episode, with
/// no upstream event for the same person in the policy's `upstreamCauseHours` before (account
/// creations and blocks are other controls' questions).
/// - Fail: a finding per such change; `high` when it gave a privileged role, else `medium`.
///   A change to a break-glass account is listed as `info`; service accounts are never drift.
/// - A change is judged only where IdP or directory logs cover its look-back window; elsewhere an
///   upstream cause could have gone unseen, and the stretch counts as missing evidence.
/// - Unknown: no violation, but no GitLab audit log covers some stretch of the window, or a change
///   could not be judged for want of upstream logs.
/// - Pass: otherwise. Never not-applicable.
public struct ManualAccessChangeControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "manual-access-change", title: "Role and membership changes come from the IdP", criteria: ["CC6.3"],
    rationale: """
      A role or membership changed by hand, with nothing upstream asking for it, is access the IdP \
      does not know about and an access review will not see. Each such change is a finding, worst \
      when it grants a privileged role.
      """,
    severity: .medium, requires: [.gitlabAuditLog, .upstreamLog],
    examples: [
      ControlExample(
        "a role change that follows an IdP group change", .pass,
        [
          .idp(.groupMemberAdd, "eve", "07-02 09:00"),
          .gitlab(.membershipUpdate, "eve", "07-02 09:30", by: "root", role: "Maintainer", from: "Developer"),
        ]),
      ControlExample(
        "a promotion by hand with no upstream cause", .fail, [.finding("eve", .medium)],
        [
          .idp(.authSuccess, "eve", "07-01 09:00"),
          .gitlab(.membershipUpdate, "eve", "07-10 09:30", by: "root", role: "Maintainer", from: "Developer"),
        ]),
      ControlExample(
        "Owner granted by hand", .fail, [.finding("eve", .high)],
        [
          .idp(.authSuccess, "eve", "07-01 09:00"),
          .gitlab(.membershipUpdate, "eve", "07-10 09:30", by: "root", role: "Owner", from: "Developer"),
        ]),
      ControlExample(
        "no IdP log around the change: an upstream cause could be unseen", .unknown,
        [
          .input(.oktaSystemLog, "08-01 00:00", "10-01 00:00"),
          .idp(.authSuccess, "eve", "08-01 09:00"),
          .gitlab(.membershipUpdate, "eve", "07-10 09:30", by: "root", role: "Maintainer", from: "Developer"),
        ]),
      ControlExample("no GitLab audit log", .unknown, [.idp(.authSuccess, "eve", "07-01 09:00")]),
    ])

  private static let kinds: Set<DriftFinding.Kind> = [.membership, .role]

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    verdict.require(.gitlabAuditLog, context.coverage)
    let lookBack = context.policy.matchingWindows.upstreamCauseHours * 3600
    var judged = 0
    var unjudged = 0
    for drift in context.correlation.drift
    where Self.kinds.contains(drift.kind) && context.window.contains(drift.event.time) {
      let span = TimeSpan(start: drift.event.time.adding(seconds: -lookBack), end: drift.event.time)
      let missing = context.coverage.missing(.upstreamLog, in: span)
      guard missing.isEmpty else {
        verdict.addMissing(missing)
        unjudged += 1
        continue
      }
      judged += 1
      let severity: Severity =
        drift.subjectClass == .breakGlass ? .info : drift.grantsPrivilegedRole ? .high : .medium
      verdict.add(
        key: FindingEvidence(drift.event).key, severity: severity, person: context.person(drift.person),
        summary: Self.summary(drift, context, lookBack: lookBack), time: drift.event.time,
        evidence: [FindingEvidence(drift.event)])
    }
    var summary =
      "\(ControlText.count(judged, "membership or role change", plural: "membership and role changes")) "
      + "made by hand with no upstream cause"
    if unjudged > 0 { summary += "; \(unjudged) more not judged for want of IdP or directory logs" }
    return verdict.result(summary: summary)
  }
}

extension ManualAccessChangeControl {
  fileprivate static func summary(_ drift: DriftFinding, _ context: ControlContext, lookBack: Double)
    -> String
  {
    let who = context.person(drift.person)?.label ?? drift.subject.first?.value ?? "an unnamed account"
    let by = context.person(drift.actor)?.label ?? drift.actorIdentifiers.first?.value ?? "an unknown actor"
    let place = drift.resource?.name ?? "the instance"
    let change: String
    switch drift.event.action {
    case .membershipAdd:
      change = "\(who) added to \(place)" + (drift.role?.after.map { " as \($0)" } ?? "")
    case .membershipRemove:
      change = "\(who) removed from \(place)" + (drift.role?.before.map { " (was \($0))" } ?? "")
    case .privilegeGrant:
      change = "\(who) granted \(drift.role?.after ?? "a privilege") on \(place)"
    case .privilegeRevoke:
      change = "\(who) lost \(drift.role?.before ?? "a privilege") on \(place)"
    default:
      change = "\(who)'s role in \(place) changed \(drift.role?.before ?? "?") → \(drift.role?.after ?? "?")"
    }
    return "\(change) by \(by) \(ControlText.channel(drift.event.channel)), with no IdP or directory change "
      + "for them in the \(DurationText.figure(lookBack / 3600, "hour")) before"
      + (drift.subjectClass == .breakGlass ? "; a break-glass account, listed for review" : "")
  }
}
