import IDTrailModel

/// `unmanaged-provisioning`: accounts and memberships are created through the IdP, not by hand.
///
/// Looks at every successful GitLab account creation and membership addition in the window (in
/// the organisation's namespaces) and how it was made.
/// - Fail: a finding per one made by a person in the UI or through the API rather than by SCIM,
///   SAML group sync, an IdP push or GitLab itself; `high` when the membership gives a privileged
///   role, else `medium`. Whether an upstream event came before does not matter: the creation
///   itself bypassed the IdP.
/// - Allow-listed: creations for a policy service account are not findings; for a break-glass
///   account they are listed as `info`.
/// - Unknown: no violation, but no GitLab audit log covers some stretch of the window.
/// - Pass: otherwise. Never not-applicable.
public struct UnmanagedProvisioningControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "unmanaged-provisioning", title: "Accounts and memberships are created through the IdP",
    criteria: ["CC6.2"],
    rationale: """
      Access that is created by hand never passes through the IdP's approval and leaves no \
      upstream identity to deprovision. Every GitLab account and membership a person created in \
      the UI or through the API is a finding.
      """,
    severity: .medium, requires: [.gitlabAuditLog],
    examples: [
      ControlExample(
        "created through SCIM", .pass,
        [
          .gitlab(.accountCreate, "dee", "07-02 09:00", via: .scim, raw: "user_provisioned_by_scim"),
          .gitlab(.membershipAdd, "dee", "07-02 09:00", role: "Developer"),
        ]),
      ControlExample(
        "a membership added by hand", .fail, [.finding("dee", .medium)],
        [.gitlab(.membershipAdd, "dee", "07-02 09:00", by: "root", role: "Developer")]),
      ControlExample(
        "an Owner membership added through the API", .fail, [.finding("dee", .high)],
        [.gitlab(.membershipAdd, "dee", "07-02 09:00", by: "root", via: .api, role: "Owner")]),
      ControlExample(
        "an account created by hand, even after an IdP assignment", .fail, [.finding("dee", .medium)],
        [
          .idp(.assignmentAdd, "dee", "07-02 08:00"),
          .gitlab(.accountCreate, "dee", "07-02 09:00", by: "root"),
        ]),
      ControlExample(
        "a break-glass account is listed, not failed", .pass, [.finding("dee", .info)],
        [.gitlab(.accountCreate, "dee", "07-02 09:00", by: "root")],
        policy: { $0.breakGlassAccounts = [IdentifierQuery(parsing: "gitlab.username:dee")] }),
      ControlExample(
        "a service account is allow-listed", .pass,
        [.gitlab(.accountCreate, "dee", "07-02 09:00", by: "root")],
        policy: { $0.serviceAccounts = [IdentifierQuery(parsing: "gitlab.username:dee")] }),
      ControlExample("no GitLab audit log", .unknown, [.activity("dee", "07-02 09:00")]),
    ])

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    verdict.require(.gitlabAuditLog, context.coverage)
    var created = 0
    var byHand = 0
    for index in context.windowIndices
    where context.actions[index] == .accountCreate || context.actions[index] == .membershipAdd
    {
      let event = context.trail.events[index]
      guard event.stage == .gitlab, event.outcome.succeeded,
        event.action == .accountCreate || event.action == .membershipAdd,
        context.policy.isInScope(event.resource)
      else { continue }
      created += 1
      guard event.actor.kind == .person, event.channel == .manualUI || event.channel == .api else { continue }
      let subject = context.subjectOf[index]
      let accountClass = context.accountClass(subject)
      guard accountClass != .serviceAccount else { continue }
      byHand += 1
      let privileged = event.action == .membershipAdd && context.policy.isPrivileged(role: event.role?.after)
      let severity: Severity = accountClass == .breakGlass ? .info : privileged ? .high : .medium
      verdict.add(
        key: FindingEvidence(event).key, severity: severity, person: context.person(subject),
        summary: Self.summary(event, index: index, context, breakGlass: accountClass == .breakGlass),
        time: event.time, evidence: [FindingEvidence(event)])
    }
    return verdict.result(
      summary:
        "\(ControlText.count(created, "account or membership creation", plural: "account and membership creations"))"
        + " in the period, \(byHand) made by a person in the UI or through the API")
  }
}

extension UnmanagedProvisioningControl {
  fileprivate static func summary(
    _ event: IdentityEvent, index: Int, _ context: ControlContext, breakGlass: Bool
  ) -> String {
    let who = context.subjectLabel(index)
    let by = "by \(context.actorLabel(index)) \(ControlText.channel(event.channel))"
    var text: String
    if event.action == .accountCreate {
      text = "GitLab account \(who) created \(by), not through SCIM or the IdP"
    } else {
      let role = event.role?.after.map { " as \($0)" } ?? ""
      text =
        "\(who) added to \(event.resource?.name ?? "a namespace")\(role) \(by), not through SCIM or the IdP"
    }
    if breakGlass { text += "; a break-glass account, listed for review" }
    return text
  }
}
