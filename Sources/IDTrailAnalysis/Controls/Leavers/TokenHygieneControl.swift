import IDTrailModel

/// `token-hygiene`: no tokens created after, or left active past, an owner's deprovision.
///
/// For every leaver episode that opened in the window:
/// - Fail (high): a finding per token or key created or rotated by or for the person after T0 (up
///   to their return or the window's end): someone minted a credential for an account that should
///   be gone.
/// - Fail: a finding per token or key created by or for the person before T0 and not revoked by
///   their GitLab removal (or by the window's end, when there was none): `high` for resource
///   credentials that keep working without the person (project and group access tokens, deploy
///   tokens and keys, cluster agent tokens), `medium` for personal ones (personal access tokens,
///   SSH and GPG keys). Creations and revocations pair up by kind (`…_created` with `…_revoked`,
///   `…_deleted`, `…_destroyed`; `add_…` with `remove_…`) and namespace, oldest first; kinds
///   GitLab has no revocation event for (OAuth authorisations) are not judged. Only tokens whose
///   creation is in the evidence can be judged.
/// - Unknown: no finding, but no IdP or directory log (leavers unseen) or no GitLab audit log
///   (token events unseen) covers some stretch of the window.
/// - Pass: otherwise, including a period without leavers. Never not-applicable.
public struct TokenHygieneControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "token-hygiene", title: "No tokens outlive their owner's deprovision", criteria: ["CC6.1"],
    rationale: """
      Tokens and keys keep working after a person leaves unless someone revokes them, and some \
      (project and group access tokens, deploy tokens) do not depend on the person's account at \
      all. Tokens created after a deprovision, or left unrevoked by the removal, are findings.
      """,
    severity: .high, requires: [.upstreamLog, .gitlabAuditLog],
    examples: [
      ControlExample(
        "a token revoked before the removal", .pass,
        [
          .gitlab(.credentialCreate, "kim", "07-01 09:00", by: "kim", raw: "personal_access_token_created"),
          .idp(.accountDisable, "kim", "07-02 09:00"),
          .gitlab(.credentialRevoke, "kim", "07-02 09:05", by: "root", raw: "personal_access_token_revoked"),
          .gitlab(.accountDisable, "kim", "07-02 09:10"),
        ]),
      ControlExample(
        "a project access token left active", .fail, [.finding("kim", .high)],
        [
          .gitlab(
            .credentialCreate, "kim", "07-01 09:00", by: "kim", in: "acme/app",
            raw: "project_access_token_created"),
          .idp(.accountDisable, "kim", "07-02 09:00"),
          .gitlab(.accountDisable, "kim", "07-02 09:10"),
        ]),
      ControlExample(
        "a personal token left active", .fail, [.finding("kim", .medium)],
        [
          .gitlab(.credentialCreate, "kim", "07-01 09:00", by: "kim", raw: "personal_access_token_created"),
          .idp(.accountDisable, "kim", "07-02 09:00"),
          .gitlab(.accountDisable, "kim", "07-02 09:10"),
        ]),
      ControlExample(
        "a token created after the deprovision", .fail, [.finding("kim", .high)],
        [
          .idp(.accountDisable, "kim", "07-02 09:00"),
          .gitlab(.credentialCreate, "kim", "07-02 09:03", by: "kim", raw: "personal_access_token_created"),
          .gitlab(.credentialRevoke, "kim", "07-02 09:04", by: "kim", raw: "personal_access_token_revoked"),
          .gitlab(.accountDisable, "kim", "07-02 09:10"),
        ]),
      ControlExample(
        "no GitLab audit log: token events unseen", .unknown,
        [.idp(.accountDisable, "kim", "07-02 09:00"), .activity("kim", "07-01 09:00")]),
    ])

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    verdict.require(.upstreamLog, context.coverage)
    verdict.require(.gitlabAuditLog, context.coverage)
    let leavers = context.leavers
    for leaver in leavers {
      let person = context.person(leaver.person)
      let until = min(context.reactivation(after: leaver) ?? context.window.end, context.window.end)
      let removal = context.effect(of: leaver)?.time ?? context.window.end
      let tokens = Self.credentialEvents(of: leaver.person, context)
      for index in tokens where Self.isMinted(context.trail.events[index]) {
        let event = context.trail.events[index]
        guard event.time > leaver.opened, event.time <= until else { continue }
        verdict.add(
          key: FindingEvidence(event).key, severity: .high, person: person,
          summary: "\(event.rawAction) for \(context.subjectLabel(index)) by \(context.actorLabel(index)) "
            + "\(DurationText.text(seconds: event.time.seconds(since: leaver.opened))) after their deprovision at "
            + leaver.opened.rfc3339,
          time: event.time, evidence: [FindingEvidence(event)])
      }
      for index in Self.unrevoked(tokens, createdBy: leaver.opened, revokedBy: removal, context) {
        let event = context.trail.events[index]
        let kind = Self.kind(event.rawAction)
        let place = event.resource.map { " in \($0.name)" } ?? ""
        verdict.add(
          key: FindingEvidence(event).key, severity: kind?.isResource == true ? .high : .medium,
          person: person,
          summary: "\(event.rawAction)\(place) at \(event.time.rfc3339) was not revoked by "
            + (context.effect(of: leaver) == nil
              ? "the period's end (GitLab access was never removed)"
              : "the GitLab removal at \(removal.rfc3339)")
            + (kind?.isResource == true ? "; it keeps working without the person's account" : ""),
          time: event.time, evidence: [FindingEvidence(event)])
      }
    }
    return verdict.result(
      summary: "\(ControlText.count(leavers.count, "leaver")) in the period, "
        + "\(ControlText.count(verdict.findings.count, "token")) created after a deprovision or left unrevoked"
    )
  }

  /// The person's successful GitLab credential events up to the window's end, as subject or actor.
  private static func credentialEvents(of person: PersonID, _ context: ControlContext) -> [Int] {
    let events = context.trail.events
    let actions: Set<Action> = [.credentialCreate, .credentialRotate, .credentialRevoke]
    return context.events(involving: person).filter { index in
      let event = events[index]
      return index < context.windowIndices.upperBound && actions.contains(event.action)
        && event.stage == .gitlab
        && event.outcome.succeeded
    }
  }

  private static func isMinted(_ event: IdentityEvent) -> Bool {
    event.action == .credentialCreate || event.action == .credentialRotate
  }

  /// Creations at or before `created` with no matching revocation by `revoked`, oldest first.
  private static func unrevoked(
    _ tokens: [Int], createdBy created: Timestamp, revokedBy revoked: Timestamp, _ context: ControlContext
  ) -> [Int] {
    let events = context.trail.events
    var open: [String: [Int]] = [:]
    var order: [Int] = []
    for index in tokens {
      let event = events[index]
      guard let kind = kind(event.rawAction) else { continue }
      let key = kind.stem + "|" + (event.resource?.name ?? "")
      if kind.creates, event.action == .credentialCreate, event.time <= created {
        open[key, default: []].append(index)
        order.append(index)
      } else if !kind.creates, event.time <= revoked, !(open[key]?.isEmpty ?? true) {
        open[key]?.removeFirst()
      }
    }
    let remaining = Set(open.values.flatMap { $0 })
    return order.filter(remaining.contains)
  }

  /// What a credential event name says: which kind of credential, and whether it creates one.
  struct CredentialKind {
    var stem: String
    var creates: Bool
    /// Works without its creator's account: project and group access tokens, deploy tokens and
    /// keys, cluster agent tokens.
    var isResource: Bool
  }

  private static let resourceStems = [
    "project_access_token", "group_access_token", "deploy_token", "deploy_key", "cluster_agent_token",
  ]

  static func kind(_ rawAction: String) -> CredentialKind? {
    var stem = rawAction
    let creates: Bool
    if let suffix = ["_created", "_added"].first(where: stem.hasSuffix) {
      stem.removeLast(suffix.count)
      creates = true
    } else if let suffix = ["_revoked", "_deleted", "_destroyed", "_removed"].first(where: stem.hasSuffix) {
      stem.removeLast(suffix.count)
      creates = false
    } else if stem.hasPrefix("add_") {
      stem.removeFirst(4)
      creates = true
    } else if stem.hasPrefix("remove_") {
      stem.removeFirst(7)
      creates = false
    } else {
      return nil
    }
    return CredentialKind(
      stem: stem, creates: creates, isResource: resourceStems.contains { stem.hasSuffix($0) })
  }
}
