import IDTrailModel

/// `mfa-weakened`: two-factor authentication was not disabled for users or groups.
///
/// Looks at GitLab's records in the window: a user's two-factor authentication disabled (by
/// themselves or by an administrator), and a group's two-factor requirement relaxed.
/// - Fail: a finding (high) per such record. A user's finding is about the user, a group's about
///   the person who relaxed it; the summary says when (and whether) it was turned back on.
/// - Unknown: no finding, but no GitLab audit log covers some stretch of the window.
/// - Pass: otherwise. Never not-applicable. IdP factor resets are not judged here: they are
///   routine re-enrolments, and the IdP's own policy governs them.
public struct MFAWeakenedControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "mfa-weakened", title: "Two-factor authentication was not weakened", criteria: ["CC6.1"],
    rationale: """
      Two-factor authentication is a primary access control. A user who turns it off, or a group \
      whose two-factor requirement is relaxed, weakens sign-in for everyone it covers.
      """,
    severity: .high, requires: [.gitlabAuditLog],
    examples: [
      ControlExample(
        "two-factor turned on", .pass,
        [.gitlab(.mfaEnable, "gus", "07-02 09:00", by: "gus", raw: "user_enable_two_factor")]),
      ControlExample(
        "a user disabled their two-factor", .fail, [.finding("gus", .high)],
        [.gitlab(.mfaDisable, "gus", "07-02 09:00", by: "gus", raw: "user_disable_two_factor")]),
      ControlExample(
        "a group's two-factor requirement relaxed", .fail, [.finding("root", .high)],
        [
          .gitlab(
            .mfaDisable, "root", "07-02 09:00", by: "root", in: "acme",
            raw: "group_require_two_factor_authentication_updated")
        ]),
      ControlExample("no GitLab audit log", .unknown, [.activity("gus", "07-02 09:00")]),
    ])

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    verdict.require(.gitlabAuditLog, context.coverage)
    let events = context.trail.events
    for index in context.windowIndices where context.actions[index] == .mfaDisable {
      let event = events[index]
      guard event.stage == .gitlab, event.outcome.succeeded, event.action == .mfaDisable else { continue }
      let group = event.resource?.kind == .gitlabNamespace ? event.resource : nil
      let person = group == nil ? context.subjectOf[index] : context.actorOf[index]
      let restored = Self.restored(after: index, group: group, person: context.subjectOf[index], context)
      var summary =
        group.map { "the two-factor requirement of \($0.name) was relaxed by \(context.actorLabel(index))" }
        ?? "two-factor authentication of \(context.subjectLabel(index)) was disabled by \(context.actorLabel(index))"
      summary +=
        restored.map {
          "; turned back on \(DurationText.text(seconds: $0.time.seconds(since: event.time))) later"
        }
        ?? "; not turned back on in the period"
      var evidence = [FindingEvidence(event)]
      if let restored { evidence.append(FindingEvidence(restored)) }
      verdict.add(
        key: FindingEvidence(event).key, person: context.person(person), summary: summary, time: event.time,
        evidence: evidence)
    }
    let count = verdict.findings.count
    return verdict.result(summary: "\(ControlText.count(count, "two-factor weakening")) in the period")
  }

  /// The first later record that turned it back on: for a group, the same group's requirement; for
  /// a user, their own two-factor.
  private static func restored(
    after index: Int, group: Resource?, person: PersonID?, _ context: ControlContext
  )
    -> IdentityEvent?
  {
    let events = context.trail.events
    for later in (index + 1)..<context.windowIndices.upperBound where context.actions[later] == .mfaEnable {
      let event = events[later]
      guard event.stage == .gitlab, event.outcome.succeeded else { continue }
      if let group {
        if event.resource == group { return event }
      } else if event.resource?.kind != .gitlabNamespace, person != nil, context.subjectOf[later] == person {
        return event
      }
    }
    return nil
  }
}
