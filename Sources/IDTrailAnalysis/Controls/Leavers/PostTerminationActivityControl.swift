import IDTrailModel

/// `post-termination-activity`: no activity on an account after its owner was deprovisioned.
///
/// For every leaver episode that opened in the window, the activity is what the correlator found
/// after T0 (sign-ins, token creations, API, web and git use where the person is the subject, and
/// anything they did to others), plus anything else the person did to their own account (a token
/// rotation, a 2FA change), up to their return (a new joiner) or the window's end.
/// - Fail: one finding per leaver with activity, listing it; severity `critical` when GitLab
///   access was never removed in the window, `high` when there was activity after the removal,
///   `medium` when activity came before the removal and outside the policy's
///   `offboardingGraceHours`.
/// - A leaver whose every activity falls inside the offboarding grace (and whose access was
///   removed, with none after) gets an `info` finding: listed, not failing.
/// - Unknown: no finding above info, but no IdP or directory log (leavers unseen) or no GitLab log
///   (activity unseen) covers some stretch of the window.
/// - Pass: otherwise. Never not-applicable.
public struct PostTerminationActivityControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "post-termination-activity", title: "No activity after deprovisioning", criteria: ["CC6.2", "CC7.2"],
    rationale: """
      Use of an account after its owner left shows that access outlived the person, or that \
      someone else holds their credentials. Every sign-in, token creation and request after the \
      upstream deprovision is listed, worst when GitLab access was never removed.
      """,
    severity: .high, requires: [.upstreamLog, .gitlabLog],
    examples: [
      ControlExample(
        "no activity after the deprovision", .pass,
        [
          .activity("cy", "07-02 08:00"),
          .idp(.accountDisable, "cy", "07-02 09:00"),
          .gitlab(.accountDisable, "cy", "07-02 09:30"),
        ]),
      ControlExample(
        "API use after the deprovision, before the removal", .fail, [.finding("cy", .medium)],
        [
          .idp(.accountDisable, "cy", "07-02 09:00"),
          .activity("cy", "07-02 10:00"),
          .gitlab(.accountDisable, "cy", "07-02 12:00"),
        ]),
      ControlExample(
        "activity and GitLab access never removed", .fail, [.finding("cy", .critical)],
        [.idp(.accountDisable, "cy", "07-02 09:00"), .activity("cy", "07-05 10:00")]),
      ControlExample(
        "a token rotated after the removal", .fail, [.finding("cy", .high)],
        [
          .idp(.accountDisable, "cy", "07-02 09:00"),
          .gitlab(.accountDisable, "cy", "07-02 09:30"),
          .gitlab(
            .credentialRotate, "cy", "07-03 09:00", by: "cy", via: .api,
            raw: "POST /api/:version/personal_access_tokens/:id/rotate"),
        ]),
      ControlExample(
        "activity within the offboarding grace is listed", .pass, [.finding("cy", .info)],
        [
          .idp(.accountDisable, "cy", "07-02 09:00"),
          .activity("cy", "07-02 10:00"),
          .gitlab(.accountDisable, "cy", "07-02 12:00"),
        ],
        policy: { $0.offboardingGraceHours = 4 }),
      ControlExample(
        "no GitLab log: activity would be unseen", .unknown,
        [.idp(.accountDisable, "cy", "07-02 09:00")]),
    ])

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    verdict.require(.upstreamLog, context.coverage)
    verdict.require(.gitlabLog, context.coverage)
    let leavers = context.leavers
    var active = 0
    for leaver in leavers {
      let activity = Self.activity(after: leaver, context)
      guard !activity.isEmpty else { continue }
      active += 1
      let removal = context.effect(of: leaver)?.time
      let grace = context.policy.offboardingGraceHours * 3600
      let afterRemoval = removal.map { removal in activity.filter { $0.time > removal }.count } ?? 0
      let outsideGrace = activity.filter { $0.time.seconds(since: leaver.opened) > grace }.count
      let severity: Severity =
        removal == nil ? .critical : afterRemoval > 0 ? .high : outsideGrace > 0 ? .medium : .info
      verdict.add(
        key: leaver.id, severity: severity, person: context.person(leaver.person),
        summary: Self.summary(
          leaver, activity: activity, removal: removal, afterRemoval: afterRemoval,
          outsideGrace: outsideGrace),
        time: activity.first?.time, evidence: Self.evidence(activity))
    }
    return verdict.result(
      summary: "\(ControlText.count(leavers.count, "leaver")) in the period, \(active) with activity after "
        + "their deprovision")
  }

  /// The records of activity after a leaver opened, in trail order: the correlator's, plus the
  /// person's other actions on their own account.
  static func activity(after leaver: Episode, _ context: ControlContext) -> [IdentityEvent] {
    let until = min(context.reactivation(after: leaver) ?? context.window.end, context.window.end)
    var seen: Set<String> = []
    var records: [IdentityEvent] = []
    func key(_ locator: Locator, _ time: Timestamp) -> String { "\(locator)|\(time.nanosecondsSinceEpoch)" }
    let events = context.trail.events
    let own = context.subjectEvents[leaver.person] ?? []
    for index in own[own.partitioningIndex { events[$0].time > leaver.opened }...] {
      let event = events[index]
      guard event.time <= until else { break }
      guard event.outcome.succeeded, context.actorOf[index] == leaver.person, !context.isEpisodeStep(event)
      else {
        continue
      }
      if seen.insert(key(event.locator, event.time)).inserted { records.append(event) }
    }
    let listed = context.correlation.afterDeprovision.filter {
      $0.episode == leaver.id && $0.event.time <= until
    }
    for item in listed where seen.insert(key(item.event.locator, item.event.time)).inserted {
      if let index = context.index(of: item.event) { records.append(events[index]) }
    }
    return records.sorted { ($0.time, $0.locator) < ($1.time, $1.locator) }
  }
}

extension PostTerminationActivityControl {
  /// At most this many records are cited; the summary gives the full count.
  fileprivate static let citedRecords = 50

  fileprivate static func evidence(_ activity: [IdentityEvent]) -> [FindingEvidence] {
    activity.prefix(citedRecords).map(FindingEvidence.init)
  }

  fileprivate static func summary(
    _ leaver: Episode, activity: [IdentityEvent], removal: Timestamp?, afterRemoval: Int, outsideGrace: Int
  ) -> String {
    guard let first = activity.first, let last = activity.last else { return "" }
    var text =
      "\(ControlText.count(activity.count, "action")) after the deprovision at \(leaver.opened.rfc3339): "
      + "first \(DurationText.text(seconds: first.time.seconds(since: leaver.opened))) after (\(first.rawAction))"
    if activity.count > 1 {
      text +=
        ", last \(DurationText.text(seconds: last.time.seconds(since: leaver.opened))) after (\(last.rawAction))"
    }
    if let removal {
      text += "; GitLab access removed at \(removal.rfc3339)"
      if afterRemoval > 0 { text += ", \(afterRemoval) of them after that" }
    } else {
      text += "; GitLab access never removed in the period"
    }
    if outsideGrace < activity.count {
      text += "; \(activity.count - outsideGrace) within the offboarding grace"
    }
    if activity.count > citedRecords { text += "; the first \(citedRecords) records are cited" }
    return text
  }
}
