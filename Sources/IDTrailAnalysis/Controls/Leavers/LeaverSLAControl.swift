import IDTrailModel

/// `leaver-sla`: GitLab access was removed within the SLA of the upstream deprovision.
///
/// Judges every leaver episode that opened in the window (T0: the first directory or IdP
/// deprovision, or the SCIM call when no upstream signal was seen) and whose GitLab effect
/// (membership removed, account blocked, deactivated or deleted, identity unlinked; or a users
/// snapshot showing the account can no longer sign in, inferred) falls in the window.
/// - Fail: a finding (high) per such leaver whose effect came after the policy's SLA deadline,
///   with the end-to-end latency, the hop latencies and how far past the deadline.
/// - Unknown: no late leaver, but no IdP or directory log (leavers are unseen) or no GitLab log
///   (removals are unseen) covers some stretch of the window.
/// - Pass: otherwise, including a period without leavers.
/// - Never not-applicable: people can always leave.
///
/// Leavers with no effect in the window are `leaver-incomplete`'s to judge, not this control's.
public struct LeaverSLAControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "leaver-sla", title: "Leaver access removed within the SLA", criteria: ["CC6.2", "CC6.3"],
    rationale: """
      When someone leaves, their GitLab access must go within the agreed time of the upstream \
      deprovision. Each leaver's chain (IdP or directory, SCIM, GitLab) is timed end to end and \
      compared with the policy's SLA.
      """,
    severity: .high, requires: [.upstreamLog, .gitlabLog],
    examples: [
      ControlExample(
        "removed within the SLA", .pass,
        [
          .idp(.accountDisable, "ann", "07-02 09:00"),
          .scim(.deactivate, "ann", "07-02 09:05"),
          .gitlab(.membershipRemove, "ann", "07-02 09:06"),
        ]),
      ControlExample(
        "no leaver in a covered period", .pass,
        [.idp(.authSuccess, "ann", "07-02 09:00"), .activity("ann", "07-02 09:01")]),
      ControlExample(
        "removed a day and three hours after the IdP deprovision", .fail, [.finding("ann", .high)],
        [
          .idp(.accountDisable, "ann", "07-02 09:00"),
          .scim(.deactivate, "ann", "07-03 12:00"),
          .gitlab(.membershipRemove, "ann", "07-03 12:01"),
        ]),
      ControlExample(
        "late, while the IdP log covers only July", .fail, [.finding("ann", .high)],
        [
          .input(.oktaSystemLog, "07-01 00:00", "07-31 00:00"),
          .idp(.accountDisable, "ann", "07-02 09:00"),
          .gitlab(.accountDisable, "ann", "07-04 09:00"),
        ]),
      ControlExample(
        "no IdP or directory log: no leaver can be seen", .unknown,
        [
          .scim(.deactivate, "ann", "07-02 09:05"),
          .gitlab(.membershipRemove, "ann", "07-02 09:06"),
        ]),
      ControlExample(
        "the IdP log covers only July", .unknown,
        [
          .input(.oktaSystemLog, "07-01 00:00", "07-31 00:00"),
          .idp(.accountDisable, "ann", "07-02 09:00"),
          .gitlab(.membershipRemove, "ann", "07-02 09:06"),
        ]),
    ])

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    verdict.require(.upstreamLog, context.coverage)
    verdict.require(.gitlabLog, context.coverage)
    var onTime = 0
    var late = 0
    var withoutEffect = 0
    for leaver in context.leavers {
      guard let effect = context.effect(of: leaver) else {
        withoutEffect += 1
        continue
      }
      let deadline = leaver.deadline ?? context.policy.leaverSLA.deadline(after: leaver.opened)
      guard effect.time > deadline else {
        onTime += 1
        continue
      }
      late += 1
      verdict.add(
        key: leaver.id, person: context.person(leaver.person),
        summary: Self.lateSummary(leaver, effect: effect, deadline: deadline, sla: context.policy.leaverSLA),
        time: effect.time,
        evidence: leaver.steps.filter { $0.time <= context.window.end }.map(FindingEvidence.init))
    }
    var summary =
      "\(ControlText.count(onTime + late, "leaver")) removed from GitLab in the period: \(onTime) within "
      + "the SLA of \(context.policy.leaverSLA), \(late) after it"
    if withoutEffect > 0 {
      summary +=
        "; \(ControlText.count(withoutEffect, "leaver")) with no GitLab removal yet (see leaver-incomplete)"
    }
    return verdict.result(summary: summary)
  }
}

extension LeaverSLAControl {
  fileprivate static func lateSummary(
    _ leaver: Episode, effect: EpisodeStep, deadline: Timestamp, sla: LeaverSLA
  ) -> String {
    let total = effect.time.seconds(since: leaver.opened)
    var text =
      "GitLab access removed \(DurationText.text(seconds: total)) after the upstream deprovision, "
      + "\(DurationText.text(seconds: effect.time.seconds(since: deadline))) past the SLA of \(sla)"
    var hops: [String] = []
    if let idpToScim = leaver.latencySeconds.idpToScim {
      hops.append("IdP → SCIM \(DurationText.text(seconds: idpToScim))")
    }
    if let scimToGitlab = leaver.latencySeconds.scimToGitlab {
      hops.append("SCIM → GitLab \(DurationText.text(seconds: scimToGitlab))")
    }
    if !hops.isEmpty { text += " (" + hops.joined(separator: ", ") + ")" }
    if effect.evidence == .inferred {
      text += "; the removal is inferred from a snapshot (\(effect.rawAction))"
    }
    return text
  }
}
