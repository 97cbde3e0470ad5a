import IDTrailModel

/// `orphan-account`: no GitLab account holds access without an active upstream identity.
///
/// Access at the window's end comes from the access replay (membership and users snapshots, then
/// logged changes): a role in the organisation's namespaces or an instance privilege on an
/// account not known to be blocked, and, where a users export shows the instance (self-managed),
/// an account that can sign in.
/// - Fail (high): a finding per person holding access whose upstream identity is gone: their last
///   leaver episode has no later return, or the IdP's own export shows them inactive.
/// - Fail (medium): a finding per person holding access whom no IdP, directory or SCIM record names
///   and who has no linked SAML or SCIM identity, judged only where IdP or directory logs cover the
///   whole window (their silence then means something).
/// - Policy service accounts are skipped; break-glass accounts holding access are listed as `info`.
/// - Unknown: no violation, but no GitLab users or members snapshot was taken near the window's
///   end (access at the end rests on logs alone), or no IdP or directory log covers some stretch
///   of the window.
/// - Pass: otherwise. Never not-applicable.
public struct OrphanAccountControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "orphan-account", title: "No GitLab access without an active upstream identity", criteria: ["CC6.2"],
    rationale: """
      An account that holds access at the end of the period but has no active identity in the IdP \
      escapes every upstream control: nobody deprovisions it when its owner leaves. Each one is a \
      finding.
      """,
    severity: .high, requires: [.gitlabSnapshot, .upstreamLog],
    examples: [
      ControlExample(
        "members are active upstream", .pass,
        [
          .idp(.authSuccess, "mo", "07-02 09:00"),
          .account("mo", "active", canSignIn: true, "09-30 23:00"),
          .member("mo", "acme", "Developer", "09-30 23:00"),
        ]),
      ControlExample(
        "a blocked account keeps no access", .pass,
        [
          .idp(.accountDisable, "mo", "07-02 09:00"),
          .account("mo", "blocked", canSignIn: false, "09-30 23:00"),
          .member("mo", "acme", "Developer", "09-30 23:00"),
        ]),
      ControlExample(
        "deprovisioned upstream, still a member", .fail, [.finding("mo", .high)],
        [
          .idp(.accountDisable, "mo", "07-02 09:00"),
          .member("mo", "acme", "Developer", "09-30 23:00"),
        ]),
      ControlExample(
        "a member no upstream record names", .fail, [.finding("zed", .medium)],
        [
          .idp(.authSuccess, "mo", "07-02 09:00"),
          .member("mo", "acme", "Developer", "09-30 23:00"),
          .member("zed", "acme", "Maintainer", "09-30 23:00"),
        ]),
      ControlExample(
        "no snapshot at the period's end", .unknown,
        [.idp(.authSuccess, "mo", "07-02 09:00"), .gitlab(.membershipAdd, "mo", "07-02 09:05", via: .scim)]),
    ])

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    verdict.require(.gitlabSnapshot, context.coverage)
    let upstreamMissing = context.coverage.missing(.upstreamLog)
    verdict.addMissing(upstreamMissing)
    let end = context.window.end
    let replay = context.accessReplay
    var holders: [PersonID: [AccessEntry]] = [:]
    for entry in replay.access(at: end) where entry.effective {
      holders[entry.person, default: []].append(entry)
    }
    var accounts: [PersonID: Locator] = [:]
    if context.trail.facts.contains(where: { $0.source == .gitlabUsers }) {
      for person in context.graph.people {
        if let (canSignIn, locator) = replay.accountCanSignIn(person.id, at: end), canSignIn {
          accounts[person.id] = locator
        }
      }
    }
    let upstream = UpstreamFacts(context)
    var judged:
      [(person: PersonID, severity: Severity, why: String, first: FindingEvidence?, cited: [Locator])] = []
    let people = Set(holders.keys).union(accounts.keys).sorted()
    for person in people {
      let accountClass = context.accountClass(person)
      guard accountClass != .serviceAccount else { continue }
      let cited = (holders[person] ?? []).flatMap(\.basis) + (accounts[person].map { [$0] } ?? [])
      if accountClass == .breakGlass {
        judged.append((person, .info, "a break-glass account, kept outside the IdP by policy", nil, cited))
      } else if let gone = Self.upstreamGone(person, upstream, context) {
        judged.append((person, .high, gone.reason, gone.evidence, cited))
      } else if upstreamMissing.isEmpty, !Self.hasUpstreamIdentity(person, upstream, context) {
        let why = "no IdP, directory or SCIM record names them, and no SAML or SCIM identity is linked"
        judged.append((person, .medium, why, nil, cited))
      }
    }
    let lookup = EvidenceLookup(Set(judged.flatMap(\.cited)), in: context.trail)
    for item in judged {
      let held = Self.describe(holders[item.person] ?? [], account: accounts[item.person] != nil)
      let evidence = [item.first].compactMap { $0 } + item.cited.map { lookup.evidence($0, kind: .observed) }
      verdict.add(
        key: "orphan|\(item.person.rawValue)", severity: item.severity, person: context.person(item.person),
        summary: "holds \(held) at \(end.rfc3339); \(item.why)", time: end, evidence: Self.unique(evidence))
    }
    let orphans = judged.filter { $0.severity != .info }.count
    return verdict.result(
      summary: "\(ControlText.count(people.count, "person", plural: "people")) hold GitLab access at the "
        + "period's end, \(orphans) without an active upstream identity")
  }

  /// What non-GitLab state exports say, per person: the latest account state up to the window's
  /// end, and who is named by one at all (or has a linked SAML or SCIM identity).
  private struct UpstreamFacts {
    var latestState: [PersonID: StateFact] = [:]
    var named: Set<PersonID> = []

    init(_ context: ControlContext) {
      for fact in context.trail.facts {
        guard let person = context.graph.personID(for: fact.subject) else { continue }
        let upstream = !fact.source.rawValue.hasPrefix("gitlab.")
        if case .identityLink = fact.claim { named.insert(person) } else if upstream { named.insert(person) }
        if upstream, case .accountState = fact.claim, (fact.asOf ?? context.window.end) <= context.window.end
        {
          latestState[person] = fact
        }
      }
    }
  }

  /// Why a person's upstream identity is gone, if it is: a leaver with no later return, or an
  /// IdP-side state export saying inactive.
  private static func upstreamGone(_ person: PersonID, _ upstream: UpstreamFacts, _ context: ControlContext)
    -> (reason: String, evidence: FindingEvidence)?
  {
    let episodes = context.episodes(of: person).filter {
      $0.opened <= context.window.end && $0.kind != .mover
    }
    if let last = episodes.last, last.kind == .leaver, let opening = last.opening {
      return (
        "deprovisioned upstream at \(last.opened.rfc3339) (\(opening.rawAction)), with no return since",
        FindingEvidence(opening)
      )
    }
    if let fact = upstream.latestState[person], case .accountState(let state, false) = fact.claim {
      return ("the IdP's export (\(fact.source)) shows them \(state)", FindingEvidence(fact))
    }
    return nil
  }

  /// Whether any upstream record names the person, or a SAML or SCIM identity is linked.
  private static func hasUpstreamIdentity(
    _ person: PersonID, _ upstream: UpstreamFacts, _ context: ControlContext
  )
    -> Bool
  {
    if upstream.named.contains(person) { return true }
    if let identifiers = context.graph.person(person)?.identifiers,
      identifiers.contains(where: { $0.kind == .gitlabExternUID || $0.kind == .scimExternalID })
    {
      return true
    }
    return (context.subjectEvents[person] ?? []).contains { context.stages[$0] != .gitlab }
  }

  /// `Developer in acme, Owner in acme/app and an account that can sign in`.
  private static func describe(_ entries: [AccessEntry], account: Bool) -> String {
    var parts = entries.map { entry in
      entry.resource.kind == .gitlabInstance
        ? "the instance \(entry.role) flag" : "\(entry.role) in \(entry.resource.name)"
    }
    if account { parts.append("an active account on the instance") }
    guard let last = parts.popLast() else { return "access" }
    return parts.isEmpty ? last : parts.joined(separator: ", ") + " and " + last
  }

  private static func unique(_ evidence: [FindingEvidence]) -> [FindingEvidence] {
    var seen: Set<Locator> = []
    return evidence.filter { seen.insert($0.locator).inserted }
  }
}
