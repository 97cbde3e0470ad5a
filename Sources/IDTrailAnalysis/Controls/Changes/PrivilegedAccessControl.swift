import IDTrailModel

/// `privileged-access`: every admin or Owner grant is listed with who granted it and how.
///
/// Lists every successful GitLab grant of a privileged role (policy `privilegedRoles`, Owner and
/// the instance `admin` flag by default) in the window: a membership added or changed to such a
/// role in the organisation's namespaces, or an instance privilege granted.
/// - A grant made through SCIM, SAML group sync or an IdP push, or to a policy service or
///   break-glass account, is listed as `info`.
/// - Fail: any other grant is a finding: `high` when a person made it in the UI or through the
///   API, `medium` when GitLab's own job or an unstated channel made it (nothing shows the IdP
///   asked for it).
/// - A privileged role that appears between two snapshots with no logged change (the access
///   replay's inferred changes) is a finding too: `medium`, inferred, as nothing shows who granted
///   it or how (`info` for allow-listed accounts).
/// - Unknown: no violation, but no GitLab audit log covers some stretch of the window (the list
///   could be incomplete).
/// - Pass: otherwise, listing the IdP's grants. Never not-applicable.
public struct PrivilegedAccessControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "privileged-access", title: "Privileged grants are listed and made through the IdP",
    criteria: ["CC6.3"],
    rationale: """
      Owners and administrators can change everyone else's access. Every privileged grant in the \
      period is listed with who received it, who granted it and how; grants the IdP did not make \
      fail the control.
      """,
    severity: .high, requires: [.gitlabAuditLog],
    examples: [
      ControlExample(
        "Owner through SAML group sync is listed", .pass, [.finding("fay", .info)],
        [.gitlab(.membershipAdd, "fay", "07-02 09:00", via: .samlGroupSync, role: "Owner")]),
      ControlExample(
        "a Developer grant is not privileged", .pass,
        [.gitlab(.membershipAdd, "fay", "07-02 09:00", by: "root", role: "Developer")]),
      ControlExample(
        "admin granted by hand", .fail, [.finding("fay", .high)],
        [.gitlab(.privilegeGrant, "fay", "07-02 09:00", by: "root", in: "instance", role: "admin")]),
      ControlExample(
        "Owner granted by a system job", .fail, [.finding("fay", .medium)],
        [.gitlab(.membershipUpdate, "fay", "07-02 09:00", role: "Owner", from: "Maintainer")]),
      ControlExample(
        "a break-glass admin is listed", .pass, [.finding("fay", .info)],
        [.gitlab(.privilegeGrant, "fay", "07-02 09:00", by: "root", in: "instance", role: "admin")],
        policy: { $0.breakGlassAccounts = [IdentifierQuery(parsing: "fay@example.com")] }),
      ControlExample(
        "Owner appears between two snapshots, with no record of who granted it", .fail,
        [.finding("fay", .medium)],
        [
          .gitlab(.mfaEnable, "gus", "07-02 09:00", by: "gus"),
          .member("fay", "acme", "Developer", "07-15 00:00"),
          .member("fay", "acme", "Owner", "09-15 00:00"),
        ]),
      ControlExample(
        "the audit log covers only August", .unknown, [.finding("fay", .info)],
        [
          .input(.gitlabAuditAPI, "08-01 00:00", "09-01 00:00"),
          .gitlab(.membershipAdd, "fay", "08-02 09:00", via: .scim, role: "Owner"),
        ]),
    ])

  private static let idpChannels: Set<Channel> = [.scim, .samlGroupSync, .idpPush]

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    verdict.require(.gitlabAuditLog, context.coverage)
    var grants = 0
    var outsideIdP = 0
    let events = context.trail.events
    // Only the few events that can be grants are copied out.
    for index in context.windowIndices where Self.canGrant(context.actions[index]) {
      let event = events[index]
      guard Self.isGrant(event, context.policy) else { continue }
      guard event.stage == .gitlab, event.outcome.succeeded else {
        continue
      }
      grants += 1
      let subject = context.subjectOf[index]
      let allowListed = context.accountClass(subject) != .person
      let severity: Severity
      if Self.idpChannels.contains(event.channel) || allowListed {
        severity = .info
      } else {
        outsideIdP += 1
        severity = event.channel == .manualUI || event.channel == .api ? .high : .medium
      }
      verdict.add(
        key: FindingEvidence(event).key, severity: severity, person: context.person(subject),
        summary: Self.summary(event, index: index, context, allowListed: allowListed), time: event.time,
        evidence: [FindingEvidence(event)])
    }
    var inferred = 0
    let lookup = EvidenceLookup(Set(context.accessReplay.inferredChanges.flatMap(\.basis)), in: context.trail)
    for change in context.accessReplay.inferredChanges
    where context.window.contains(change.notAfter) && context.policy.isPrivileged(role: change.after)
      && !context.policy.isPrivileged(role: change.before)
    {
      inferred += 1
      let allowListed = context.accountClass(change.person) != .person
      if !allowListed { outsideIdP += 1 }
      let who = context.person(change.person)?.label ?? change.person.rawValue
      let place = change.resource.kind == .gitlabInstance ? "the instance" : change.resource.name
      verdict.add(
        key: "inferred|\(change.resource.name)|\(change.notAfter.nanosecondsSinceEpoch)",
        severity: allowListed ? .info : .medium, person: context.person(change.person),
        summary: "\(who) was granted \(change.after ?? "a privileged role") on \(place) between "
          + "\(change.notBefore.rfc3339) and \(change.notAfter.rfc3339)"
          + (change.before.map { " (was \($0))" } ?? "")
          + ": two snapshots disagree and no log records who made the change",
        time: change.notAfter,
        evidence: change.basis.map { lookup.evidence($0, kind: .inferred) })
    }
    var summary =
      "\(ControlText.count(grants + inferred, "privileged grant")) in the period, "
      + "\(outsideIdP) not made through the IdP"
    if inferred > 0 { summary += " (\(inferred) inferred from snapshots)" }
    return verdict.result(summary: summary)
  }

  /// Whether an event with `action` can give a privileged role.
  private static func canGrant(_ action: Action) -> Bool {
    action == .membershipAdd || action == .membershipUpdate || action == .privilegeGrant
  }

  /// A privileged role given: a membership added or changed to one, or an instance privilege.
  private static func isGrant(_ event: IdentityEvent, _ policy: Policy) -> Bool {
    switch event.action {
    case .membershipAdd, .membershipUpdate:
      return policy.isInScope(event.resource) && policy.isPrivileged(role: event.role?.after)
        && !policy.isPrivileged(role: event.role?.before)
    case .privilegeGrant:
      return policy.isPrivileged(role: event.role?.after)
    default:
      return false
    }
  }
}

extension PrivilegedAccessControl {
  fileprivate static func summary(
    _ event: IdentityEvent, index: Int, _ context: ControlContext, allowListed: Bool
  ) -> String {
    let role = event.role?.after ?? "a privileged role"
    let place = event.action == .privilegeGrant ? "the instance" : (event.resource?.name ?? "a namespace")
    var text =
      "\(context.subjectLabel(index)) granted \(role) on \(place) by \(context.actorLabel(index)) "
      + ControlText.channel(event.channel)
    if let before = event.role?.before { text += " (was \(before))" }
    if allowListed {
      text += "; an allow-listed \(context.accountClass(context.subjectOf[index]).rawValue) account"
    }
    return text
  }
}
