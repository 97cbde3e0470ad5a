import IDTrailAnalysis
import IDTrailModel
import Testing

@Suite struct TrailTests {
  private func event(_ time: String, _ source: FormatID, _ locator: Locator, nativeID: String?)
    -> IdentityEvent
  {
    IdentityEvent(
      time: ScenarioLog.time(time), originalTime: time, source: source, stage: .gitlab, nativeID: nativeID,
      locator: locator, action: .activity, rawAction: "x", subject: ScenarioLog.ids([(.gitlabUserID, "1")]),
      actor: .system, channel: .unknown)
  }

  /// One GitLab audit event delivered three times through two formats, two events without an id,
  /// and an Okta event under the same id.
  private var deliveries: [IdentityEvent] {
    [
      event("2026-03-02T10:00:00Z", .gitlabAuditStream, .line(9, in: "b.ndjson"), nativeID: "7"),
      event("2026-03-02T10:00:00Z", .gitlabAuditAPI, .line(2, in: "a.json"), nativeID: "7"),
      event("2026-03-02T09:00:00Z", .gitlabAuditStream, .line(4, in: "b.ndjson"), nativeID: nil),
      event("2026-03-02T10:00:00Z", .gitlabAuditStream, .line(3, in: "b.ndjson"), nativeID: "7"),
      event("2026-03-02T09:00:00Z", .gitlabAuditStream, .line(5, in: "b.ndjson"), nativeID: nil),
      event("2026-03-02T10:00:00Z", .oktaSystemLog, .line(1, in: "c.json"), nativeID: "7"),
    ]
  }

  @Test func sortsByTimeSourceAndLocatorAndDropsRepeatDeliveries() {
    let events = deliveries
    let trail = Trail(events: events)
    // The REST API and the stream carry the same GitLab audit event under one id: it is kept once.
    // The same id from an unrelated source is another event; events without an id never repeat.
    #expect(
      trail.events.map { "\($0.source) \($0.locator)" } == [
        "gitlab.audit.stream b.ndjson:4", "gitlab.audit.stream b.ndjson:5", "gitlab.audit.api a.json:2",
        "okta.systemlog c.json:1",
      ])
    #expect(
      trail.duplicates == [
        Trail.DuplicateDelivery(
          source: .gitlabAuditStream, nativeID: "7", kept: .line(2, in: "a.json"),
          dropped: .line(3, in: "b.ndjson")),
        Trail.DuplicateDelivery(
          source: .gitlabAuditStream, nativeID: "7", kept: .line(2, in: "a.json"),
          dropped: .line(9, in: "b.ndjson")),
      ])
    #expect(
      trail.coverage == ScenarioLog.time("2026-03-02T09:00:00Z")...ScenarioLog.time("2026-03-02T10:00:00Z"))
    #expect(Trail(events: events.reversed()).events == trail.events)
    var truncated = trail
    truncated.truncate(after: ScenarioLog.time("2026-03-02T09:30:00Z"))
    #expect(truncated.events.count == 2)
  }
}

extension TrailTests {
  @Test func groupsGiveTheTrailOneArrayGives() {
    let events = deliveries + [
      event("2026-03-02T11:00:00Z", .oktaSystemLog, .line(2, in: "c.json"), nativeID: "8")
    ]
    let whole = Trail(events: events)
    for split in [[7], [1, 6], [3, 0, 4], [2, 2, 2, 1]] {
      var groups: [[IdentityEvent]] = []
      var start = 0
      for count in split {
        groups.append(Array(events[start..<start + count]))
        start += count
      }
      let trail = Trail(eventGroups: &groups)
      #expect(groups.isEmpty)
      #expect(trail.events == whole.events)
      #expect(trail.duplicates == whole.duplicates)
    }
  }
}
