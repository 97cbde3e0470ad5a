import IDTrailModel

/// `scim-token-rotation`: each SCIM token was regenerated within the rotation period, and the IdP
/// kept working after it.
///
/// The SCIM scopes are the GitLab groups (and the instance) that SCIM calls in the window went to,
/// plus those whose token was regenerated. GitLab writes no audit event for a regeneration; the
/// web request log (`production_json.log`) is the only record of it.
/// - Age: a scope passes when its token was regenerated within the policy's
///   `scimTokenRotationDays` before the window's end. Otherwise it fails (medium) with the age of
///   the last regeneration seen — but only where the web request log covers those days; where it
///   does not, a regeneration could be unseen and the scope is unknown.
/// - Stale token: after a regeneration, SCIM calls to that scope rejected with 401 for longer than
///   `staleTokenToleranceHours` (from the first 401 to the next successful call, or to the window's
///   end when none came) fail (high): the IdP kept the old token. Where no SCIM log covers the time
///   after a regeneration, that part is unknown.
/// - Not-applicable: no scope at all, while SCIM or IdP provisioning logs cover the window: nothing
///   provisions over SCIM. With no scope and no such log, unknown.
/// - Findings are about a scope, not a person.
public struct SCIMTokenRotationControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "scim-token-rotation", title: "SCIM tokens are rotated and the IdP keeps up", criteria: ["CC6.1"],
    rationale: """
      The SCIM token lets the IdP create and remove GitLab access. It must be regenerated on \
      schedule, and the IdP must get the new token promptly: while it sends the old one, every \
      provisioning call, leavers included, is rejected.
      """,
    severity: .medium, requires: [.webRequestLog, .provisioningLog],
    examples: [
      ControlExample(
        "regenerated in August, the IdP kept working", .pass,
        [
          .scim(.create, "jon", "07-02 09:00", status: 201),
          .rotation("acme", by: "root", "08-10 10:00"),
          .scim(.update, "jon", "08-10 10:20"),
        ]),
      ControlExample(
        "no namespace provisions over SCIM", .notApplicable,
        [.rotation("other", by: "root", "2026-01-10 10:00"), .activity("jon", "07-02 09:00")]),
      ControlExample(
        "not regenerated in the last 90 days", .fail, [.finding(nil, .medium)],
        [
          .input(.gitlabProductionLog, "2026-06-01 00:00", "10-01 00:00"),
          .rotation("acme", by: "root", "2026-06-15 10:00"),
          .scim(.create, "jon", "07-02 09:00", status: 201),
        ]),
      ControlExample(
        "the IdP kept the old token for a day", .fail, [.finding(nil, .high)],
        [
          .rotation("acme", by: "root", "08-10 10:00"),
          .scim(.update, "jon", "08-10 10:30", status: 401),
          .scim(.update, "jon", "08-11 10:30", status: 401),
          .scim(.update, "jon", "08-11 11:00"),
        ]),
      ControlExample(
        "no web request log", .unknown, [.scim(.create, "jon", "07-02 09:00", status: 201)]),
      ControlExample(
        "no log says whether anything provisions over SCIM", .unknown,
        [.gitlab(.mfaEnable, "jon", "07-02 09:00", by: "jon")]),
    ])

  /// A regeneration, or a SCIM call, for one scope.
  private struct ScopeRecords {
    var rotations: [Int] = []
    var calls: [Int] = []
  }

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    let scopes = Self.scopes(context)
    guard !scopes.isEmpty else {
      let missing = context.coverage.missing(.provisioningLog)
      if missing.isEmpty {
        verdict.notApplicable(
          "no namespace provisions over SCIM: the provisioning logs cover the period and show no SCIM call")
      } else {
        verdict.addMissing(missing)
      }
      return verdict.result(summary: "no SCIM call or token regeneration seen, so no SCIM token to judge")
    }
    let events = context.trail.events
    let rotationSeconds = context.policy.scimTokenRotationDays * 86_400
    let due = TimeSpan(start: context.window.end.adding(seconds: -rotationSeconds), end: context.window.end)
    var current = 0
    for (scope, records) in scopes.sorted(by: { $0.key < $1.key }) {
      let rotations = records.rotations.map { events[$0] }
      if let last = rotations.last, due.contains(last.time) {
        current += 1
      } else {
        let missing = context.coverage.missing(.webRequestLog, in: due)
        if missing.isEmpty {
          verdict.add(
            key: "age|\(scope)", person: nil,
            summary: Self.ageSummary(
              scope: scope, last: rotations.last, end: context.window.end,
              days: context.policy.scimTokenRotationDays),
            time: rotations.last?.time, evidence: rotations.last.map { [FindingEvidence($0)] } ?? [])
        } else {
          verdict.addMissing(missing)
        }
      }
      staleTokens(scope: scope, records: records, context, into: &verdict)
    }
    return verdict.result(
      summary:
        "\(ControlText.count(scopes.count, "SCIM scope")) (\(scopes.keys.sorted().joined(separator: ", "))), "
        + "\(current) with a token regenerated in the \(DurationText.figure(context.policy.scimTokenRotationDays, "day")) "
        + "before the period's end")
  }

  /// 401 runs after each regeneration of one scope.
  private func staleTokens(
    scope: String, records: ScopeRecords, _ context: ControlContext, into verdict: inout ControlVerdict
  ) {
    let events = context.trail.events
    let tolerance = context.policy.staleTokenToleranceHours * 3600
    for (position, rotationIndex) in records.rotations.enumerated() {
      let rotation = events[rotationIndex]
      guard context.window.contains(rotation.time) else { continue }
      let next = records.rotations.dropFirst(position + 1).first.map { events[$0].time } ?? context.window.end
      let after = records.calls.filter { events[$0].time > rotation.time && events[$0].time <= next }
      guard let firstRejected = after.first(where: { events[$0].outcome.httpStatus == 401 }) else {
        verdict.require(.provisioningLog, in: TimeSpan(start: rotation.time, end: next), context.coverage)
        continue
      }
      let start = events[firstRejected].time
      let repaired = after.first { events[$0].time > start && events[$0].outcome.succeeded }
      let end = repaired.map { events[$0].time } ?? next
      guard end.seconds(since: start) > tolerance else { continue }
      let rejected = after.filter { events[$0].outcome.httpStatus == 401 && events[$0].time <= end }
      var summary =
        "SCIM calls to \(scope) were rejected with 401 for \(DurationText.text(seconds: end.seconds(since: start))) "
        + "after \(context.actorLabel(rotationIndex)) regenerated its token at \(rotation.time.rfc3339) "
        + "(\(ControlText.count(rejected.count, "rejected call")), first at \(start.rfc3339)"
      summary +=
        repaired.map { "; calls succeeded again at \(events[$0].time.rfc3339))" }
        ?? "; no successful call followed by \(end.rfc3339))"
      summary +=
        ": the IdP kept the old token longer than the policy's "
        + DurationText.figure(context.policy.staleTokenToleranceHours, "hour")
      var evidence = [FindingEvidence(rotation)] + rejected.prefix(20).map { FindingEvidence(events[$0]) }
      if let repaired { evidence.append(FindingEvidence(events[repaired])) }
      verdict.add(
        key: "stale|\(scope)|\(FindingEvidence(rotation).key)", severity: .high, person: nil,
        summary: summary,
        time: start, evidence: evidence)
    }
  }

  /// The scopes SCIM calls in the window went to, and those with a regeneration up to its end.
  private static func scopes(_ context: ControlContext) -> [String: ScopeRecords] {
    var scopes: [String: ScopeRecords] = [:]
    var pushes = false
    let events = context.trail.events
    for index in 0..<context.windowIndices.upperBound
    where context.actions[index] == .credentialRotate || context.actions[index] == .provisionRequest {
      let event = events[index]
      if event.action == .credentialRotate, event.outcome.succeeded, let resource = event.resource,
        resource.kind == .credential, resource.name.hasSuffix("/scim_token")
      {
        scopes[scopeName(String(resource.name.dropLast("/scim_token".count))), default: ScopeRecords()]
          .rotations.append(index)
      } else if event.action == .provisionRequest, event.stage == .scim {
        switch event.resource?.kind {
        case .gitlabNamespace?, .gitlabInstance?:
          let name =
            event.resource?.kind == .gitlabInstance ? "instance" : "groups/" + (event.resource?.name ?? "")
          if context.window.contains(event.time) {
            scopes[scopeName(name), default: ScopeRecords()].calls.append(index)
          }
        default:
          pushes = pushes || context.window.contains(event.time)
        }
      }
    }
    if pushes && scopes.isEmpty { scopes["GitLab (the IdP's pushes name no group)"] = ScopeRecords() }
    return scopes.filter {
      !$0.value.calls.isEmpty || $0.value.rotations.contains { context.window.contains(events[$0].time) }
    }
  }

  /// `group acme` or `the instance`, from `groups/acme` or `instance`.
  private static func scopeName(_ path: String) -> String {
    if path == "instance" { return "the instance" }
    let group = path.hasPrefix("groups/") ? String(path.dropFirst("groups/".count)) : path
    return "group \(group.split(separator: "/").first.map(String.init)?.lowercased() ?? group)"
  }
}

extension SCIMTokenRotationControl {
  fileprivate static func ageSummary(scope: String, last: IdentityEvent?, end: Timestamp, days: Double)
    -> String
  {
    let policy = "the policy asks for every \(DurationText.figure(days, "day"))"
    guard let last else {
      return
        "the SCIM token of \(scope) was not regenerated in the \(DurationText.figure(days, "day")) before "
        + "\(end.rfc3339), and no earlier regeneration is on record; \(policy)"
    }
    return "the SCIM token of \(scope) was last regenerated at \(last.time.rfc3339), "
      + "\(DurationText.text(seconds: end.seconds(since: last.time))) before the period's end; \(policy)"
  }
}
