import IDTrailModel

/// `impersonation`: admin impersonation sessions are listed for review.
///
/// Sessions are paired from GitLab's impersonation records: a start by an administrator for a
/// target, up to that pair's next stop. GitLab writes one record per start or stop plus one per
/// group of the target (up to 20), so records of the same pair within a minute are one.
/// - Every session that started in the window is a finding about the administrator, with the
///   target, start, stop and duration: `info` when it stopped within the policy's
///   `impersonationMaxMinutes`, or is still open at the window's end and not yet over it.
/// - Fail: `high` for a session that lasted longer than the policy allows, or has no stop by the
///   window's end once it is over the limit, or was followed by a new start without a stop.
/// - Unknown: no violation, but no GitLab audit log covers some stretch of the window.
/// - Pass: otherwise, with zero or more sessions listed: an audit log that shows no impersonation
///   answers the question. Never not-applicable.
public struct ImpersonationControl: Control {
  public init() {}

  public static let description = ControlDescription(
    id: "impersonation", title: "Admin impersonation sessions are reviewed", criteria: ["CC6.3", "CC7.2"],
    rationale: """
      An administrator impersonating a user acts with that user's access and leaves the user's \
      name on what they do. Every session is listed for review; sessions without an end, or \
      longer than the policy allows, fail.
      """,
    severity: .high, requires: [.gitlabAuditLog],
    examples: [
      ControlExample(
        "a ten-minute session is listed", .pass, [.finding("root", .info)],
        [
          .gitlab(.impersonationStart, "hal", "07-02 09:00", by: "root"),
          .gitlab(.impersonationStart, "hal", "07-02 09:00:01", by: "root", in: "acme"),
          .gitlab(.impersonationStop, "hal", "07-02 09:10", by: "root"),
        ]),
      ControlExample(
        "no impersonation in a covered period", .pass, [.gitlab(.mfaEnable, "hal", "07-02 09:00", by: "hal")]),
      ControlExample(
        "a session longer than the policy allows", .fail, [.finding("root", .high)],
        [
          .gitlab(.impersonationStart, "hal", "07-02 09:00", by: "root"),
          .gitlab(.impersonationStop, "hal", "07-02 11:00", by: "root"),
        ]),
      ControlExample(
        "a session without a stop", .fail, [.finding("root", .high)],
        [.gitlab(.impersonationStart, "hal", "07-02 09:00", by: "root")]),
      ControlExample(
        "a longer limit allows two hours", .pass, [.finding("root", .info)],
        [
          .gitlab(.impersonationStart, "hal", "07-02 09:00", by: "root"),
          .gitlab(.impersonationStop, "hal", "07-02 11:00", by: "root"),
        ],
        policy: { $0.impersonationMaxMinutes = 180 }),
      ControlExample("no GitLab audit log", .unknown, [.activity("hal", "07-02 09:00")]),
    ])

  /// Records of one pair this close together are copies of one start or stop.
  private static let copyWindowSeconds: Double = 60

  /// One impersonation session.
  private struct Session {
    var admin: PersonID?
    var adminLabel: String
    var target: PersonID?
    var targetLabel: String
    var start: Timestamp
    var stop: Timestamp?
    /// Ended by a new start with no stop between.
    var superseded = false
    var evidence: [FindingEvidence]
  }

  public func evaluate(_ context: ControlContext) -> ControlResult {
    var verdict = ControlVerdict(Self.description)
    verdict.require(.gitlabAuditLog, context.coverage)
    let limit = context.policy.impersonationMaxMinutes * 60
    let sessions = Self.sessions(context).filter { context.window.contains($0.start) }
    for session in sessions {
      let severity: Severity
      var summary = "\(session.adminLabel) impersonated \(session.targetLabel) from \(session.start.rfc3339)"
      if let stop = session.stop {
        let duration = stop.seconds(since: session.start)
        summary += " to \(stop.rfc3339) (\(DurationText.text(seconds: duration)))"
        severity = duration > limit ? .high : .info
        if duration > limit {
          summary += ", longer than the policy's \(DurationText.figure(limit / 60, "minute"))"
        }
      } else if session.superseded {
        severity = .high
        summary += "; no stop was recorded before the next session began"
      } else {
        let open = context.window.end.seconds(since: session.start)
        severity = open > limit ? .high : .info
        summary +=
          "; no stop was recorded by \(context.window.end.rfc3339) (\(DurationText.text(seconds: open)) later)"
      }
      verdict.add(
        key: session.evidence.first?.key ?? session.start.rfc3339, severity: severity,
        person: context.person(session.admin), summary: summary, time: session.start,
        evidence: session.evidence)
    }
    return verdict.result(
      summary: "\(ControlText.count(sessions.count, "impersonation session")) in the period")
  }

  /// Sessions from every impersonation record up to the window's end, in time order.
  private static func sessions(_ context: ControlContext) -> [Session] {
    var sessions: [Session] = []
    var open: [String: Int] = [:]
    var lastStop: [String: Int] = [:]
    let events = context.trail.events
    for index in 0..<context.windowIndices.upperBound
    where context.actions[index] == .impersonationStart || context.actions[index] == .impersonationStop {
      let event = events[index]
      guard event.stage == .gitlab, event.outcome.succeeded,
        event.action == .impersonationStart || event.action == .impersonationStop
      else { continue }
      let admin = context.actorOf[index]
      let target = context.subjectOf[index]
      let adminLabel = context.actorLabel(index)
      let targetLabel = context.subjectLabel(index)
      let pair = "\(admin?.rawValue ?? adminLabel)\n\(target?.rawValue ?? targetLabel)"
      if event.action == .impersonationStart {
        if let current = open[pair] {
          if event.time.seconds(since: sessions[current].start) <= copyWindowSeconds {
            sessions[current].evidence.append(FindingEvidence(event))
            continue
          }
          sessions[current].superseded = true
        }
        sessions.append(
          Session(
            admin: admin, adminLabel: adminLabel, target: target, targetLabel: targetLabel, start: event.time,
            evidence: [FindingEvidence(event)]))
        open[pair] = sessions.count - 1
      } else if let current = open[pair] {
        sessions[current].stop = event.time
        sessions[current].evidence.append(FindingEvidence(event))
        open[pair] = nil
        lastStop[pair] = current
      } else if let previous = lastStop[pair], let stop = sessions[previous].stop,
        event.time.seconds(since: stop) <= copyWindowSeconds
      {
        sessions[previous].evidence.append(FindingEvidence(event))
      }
    }
    return sessions
  }
}
