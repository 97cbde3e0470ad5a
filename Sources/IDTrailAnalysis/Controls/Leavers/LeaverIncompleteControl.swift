import IDTrailModel

/// `leaver-incomplete`: every upstream deprovision reached GitLab.
///
/// Judges every leaver episode that opened in the window and has no GitLab effect in it.
/// - Fail: a finding (high) per such leaver whose SLA deadline plus the policy's
///   `leaverGraceHours` had passed by the window's end, while GitLab logs cover the time from T0
///   to that due time; the summary says which hop is missing (no SCIM call, a failed call nothing
///   repaired, or a successful call GitLab never acted on).
/// - Unknown: no finding, but no IdP or directory log covers some stretch of the window (leavers
///   are unseen there), or no GitLab log covers some leaver's T0-to-due stretch (its removal could
///   have happened unseen).
/// - Pass: otherwise. A leaver still within SLA plus grace at the window's end is not judged yet
///   (the reason counts them).
/// - Never not-applicable.
public struct LeaverIncompleteControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "leaver-incomplete", title: "Every upstream deprovision reached GitLab", criteria: ["CC6.2"],
    rationale: """
      A deprovision that never reaches GitLab leaves a former employee with access. Every leaver \
      seen upstream must show a GitLab removal by the period's end, once their SLA (plus the \
      policy's grace) has run out.
      """,
    severity: .high, requires: [.upstreamLog, .gitlabLog],
    examples: [
      ControlExample(
        "removal seen", .pass,
        [
          .idp(.accountDisable, "bob", "07-02 09:00"),
          .scim(.deactivate, "bob", "07-02 09:05"),
          .gitlab(.accountDisable, "bob", "07-02 09:06"),
        ]),
      ControlExample(
        "still within the SLA at the period's end", .pass,
        [.idp(.accountDisable, "bob", "09-30 12:00"), .activity("bob", "09-30 11:00")]),
      ControlExample(
        "within the grace the policy adds", .pass,
        [.idp(.accountDisable, "bob", "09-29 09:00"), .activity("bob", "09-29 08:00")],
        policy: { $0.leaverGraceHours = 48 }),
      ControlExample(
        "the SCIM call failed and nothing repaired it", .fail, [.finding("bob", .high)],
        [
          .idp(.accountDisable, "bob", "07-02 09:00"),
          .scim(.deactivate, "bob", "07-02 09:05", status: 500),
          .activity("bob", "07-01 10:00"),
        ]),
      ControlExample(
        "GitLab never acted on a successful SCIM call", .fail, [.finding("bob", .high)],
        [
          .idp(.assignmentRemove, "bob", "08-02 09:00"),
          .scim(.deactivate, "bob", "08-02 09:05"),
          .activity("bob", "07-01 10:00"),
        ]),
      ControlExample(
        "no GitLab log after July: the removal may have happened unseen", .unknown,
        [
          .input(.gitlabAPILog, "07-01 00:00", "07-31 00:00"),
          .activity("bob", "07-01 10:00"),
          .idp(.accountDisable, "bob", "08-15 09:00"),
        ]),
      ControlExample("no IdP or directory log", .unknown, [.gitlab(.membershipAdd, "bob", "07-02 09:00")]),
    ])

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    verdict.require(.upstreamLog, context.coverage)
    var removed = 0
    var pending = 0
    var incomplete = 0
    var unjudged = 0
    let grace = context.policy.leaverGraceHours * 3600
    for leaver in context.leavers {
      if context.effect(of: leaver) != nil {
        removed += 1
        continue
      }
      let deadline = leaver.deadline ?? context.policy.leaverSLA.deadline(after: leaver.opened)
      let due = deadline.adding(seconds: grace)
      guard due <= context.window.end else {
        pending += 1
        continue
      }
      let missing = context.coverage.missing(.gitlabLog, in: TimeSpan(start: leaver.opened, end: due))
      guard missing.isEmpty else {
        verdict.addMissing(missing)
        unjudged += 1
        continue
      }
      incomplete += 1
      verdict.add(
        key: leaver.id, person: context.person(leaver.person),
        summary: Self.summary(leaver, end: context.window.end),
        time: leaver.opened,
        evidence: leaver.steps.filter { $0.time <= context.window.end }.map(FindingEvidence.init))
    }
    var summary =
      "\(ControlText.count(removed + pending + incomplete + unjudged, "leaver")) in the period: "
      + "\(removed) removed from GitLab, \(incomplete) not removed by the period's end"
    if pending > 0 { summary += ", \(pending) still within the SLA and grace" }
    if unjudged > 0 { summary += ", \(unjudged) not judged for want of GitLab logs" }
    return verdict.result(summary: summary)
  }
}

extension LeaverIncompleteControl {
  fileprivate static func summary(_ leaver: Episode, end: Timestamp) -> String {
    let age = DurationText.text(seconds: end.seconds(since: leaver.opened))
    let calls = leaver.steps.filter { $0.role == .provisioning && $0.time <= end }
    let hop: String
    if let success = calls.first(where: \.succeeded) {
      hop =
        "the SCIM deprovision succeeded at \(success.time.rfc3339)"
        + (success.httpStatus.map { " (HTTP \($0))" } ?? "") + " but GitLab shows no removal"
    } else if let failure = calls.last {
      hop =
        "\(ControlText.count(calls.count, "SCIM deprovision call")) failed (last at \(failure.time.rfc3339)"
        + (failure.httpStatus.map { ", HTTP \($0)" } ?? "") + ") and nothing repaired "
        + (calls.count == 1 ? "it" : "them")
    } else {
      hop = "no SCIM deprovision call and no GitLab removal was seen"
    }
    return "Deprovisioned upstream at \(leaver.opened.rfc3339), \(age) before the period's end: \(hop)"
  }
}
