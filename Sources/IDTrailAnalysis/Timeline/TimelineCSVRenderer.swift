import IDTrailModel

/// `idtrail timeline --format csv`: one row per event, Timesketch-compatible.
///
/// Timesketch needs `datetime` (ISO 8601), `timestamp_desc` and `message`; they come first, then
/// `timestamp` (microseconds since the epoch) and idtrail's own columns. Every cell is guarded
/// against formula injection.
struct TimelineCSVRenderer {
  let timeZone: DisplayTimeZone

  static let header = [
    "datetime", "timestamp_desc", "message", "timestamp", "person", "stage", "source", "action", "raw_action",
    "operation", "subject", "actor", "resource", "role_before", "role_after", "outcome", "http_status",
    "channel",
    "evidence", "locator", "native_id", "notes",
  ]

  func render(_ timeline: Timeline) -> String {
    var text = CSVField.line(Self.header)
    for entry in timeline.entries {
      let event = entry.event
      let microseconds = event.time.nanosecondsSinceEpoch / 1000
      text += CSVField.line([
        timeZone.format(event.time), "Event Time", message(entry), String(microseconds),
        timeline.person.id.rawValue, event.stage.rawValue, event.source.rawValue, event.action.rawValue,
        event.rawAction, event.provisioning?.rawValue ?? "",
        event.subject.map(\.description).joined(separator: " "),
        actor(event.actor), event.resource?.name ?? "", event.role?.before ?? "", event.role?.after ?? "",
        event.outcome.succeeded ? "success" : "failure" + (event.outcome.reason.map { ": \($0)" } ?? ""),
        event.outcome.httpStatus.map(String.init) ?? "", event.channel.rawValue, event.evidence.rawValue,
        event.locator.description, event.nativeID ?? "", entry.notes.joined(separator: "; "),
      ])
    }
    return text
  }

  /// `membership.remove example-org/app (Developer->) by (system): success [leaver effect]`.
  private func message(_ entry: Timeline.Entry) -> String {
    let event = entry.event
    var text = "[\(event.stage.rawValue)] \(IdentifierLabel.action(event))"
    if !entry.isSubject { text += " of \(entry.subjectLabel)" }
    if let resource = event.resource { text += " \(resource.name)" }
    if event.role != nil { text += " (\(IdentifierLabel.role(event.role)))" }
    text += " by \(entry.actorLabel): \(IdentifierLabel.outcome(event.outcome))"
    if !entry.notes.isEmpty { text += " [\(entry.notes.joined(separator: "; "))]" }
    return text
  }

  private func actor(_ actor: Actor) -> String {
    ([actor.kind.rawValue] + actor.identifiers.map(\.description)).joined(separator: " ")
  }
}
