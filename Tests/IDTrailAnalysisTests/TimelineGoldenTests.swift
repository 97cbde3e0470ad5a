import Foundation
import IDTrailAnalysis
import IDTrailModel
import Testing

/// `idtrail timeline` output for one person across AD, Okta, SCIM and GitLab, compared with the
/// files in `Golden/` (`RECORD_GOLDEN=1 swift test --filter TimelineGoldenTests` rewrites them).
@Suite struct TimelineGoldenTests {
  /// Ann joins, is made Owner by hand, leaves (AD first, then Okta; SCIM fails twice and succeeds
  /// the next day), creates a token after leaving; Bob's events are not hers.
  private func analysis() -> Analysis {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    log.onboard(ScenarioLog.bob, ids: 110)
    log.gitlab(
      .membershipUpdate, "2026-02-10T14:00:00Z", raw: "member_updated", ScenarioLog.ann, id: 201,
      by: .person(ScenarioLog.admin), role: RoleChange(before: "Developer", after: "Owner"))
    log.ad(.accountDisable, "2026-03-02T08:00:00Z", event: 4725, ScenarioLog.ann, recordID: 900)
    log.okta(
      .accountDisable, "2026-03-02T08:40:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.scim(.deactivate, "2026-03-02T08:40:05Z", ScenarioLog.ann, status: 503, correlationID: "patch-1")
    log.scim(.deactivate, "2026-03-02T09:10:05Z", ScenarioLog.ann, status: 503, correlationID: "patch-2")
    log.gitlab(
      .credentialCreate, "2026-03-02T11:30:00Z", raw: "personal_access_token_created", ScenarioLog.ann,
      id: 202,
      by: .themselves, group: nil)
    log.scim(.deactivate, "2026-03-03T12:00:00Z", ScenarioLog.ann, status: 204, correlationID: "patch-3")
    log.gitlab(
      .membershipRemove, "2026-03-03T12:00:02Z", raw: "member_destroyed", ScenarioLog.ann, id: 203,
      by: .system,
      role: RoleChange(before: "Owner", after: nil))
    log.redeliver(nativeID: "gitlab-audit:203")
    return Analysis(events: log.events, facts: log.facts, policy: ScenarioLog.policy)
  }

  private func timeline(from: String? = nil, to: String? = nil) throws -> Timeline {
    let analysis = analysis()
    let ann = try Timeline.findPerson("alee@example.com", in: analysis.graph)
    return Timeline(
      person: ann, in: analysis, from: from.flatMap { TimeBound.parse($0) },
      to: to.flatMap { TimeBound.parse($0, endOfDay: true) })
  }

  @Test func text() throws {
    assertGolden(try TimelineFormat.text.render(try timeline()), named: "timeline-ann.txt")
  }

  @Test func json() throws {
    let rendered = try TimelineFormat.json.render(try timeline())
    assertGolden(rendered, named: "timeline-ann.json")
    let document = try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any]
    #expect((document?["events"] as? [Any])?.count == 14)
  }

  @Test func csv() throws {
    let rendered = try TimelineFormat.csv.render(try timeline())
    assertGolden(rendered, named: "timeline-ann.csv")
    #expect(rendered.hasPrefix("datetime,timestamp_desc,message,timestamp,"))
  }

  @Test func textInAnotherZoneForOneMonth() throws {
    let zone = try #require(DisplayTimeZone("Europe/Berlin"))
    let rendered = try TimelineFormat.text.render(
      try timeline(from: "2026-03-01", to: "2026-03-31"), timeZone: zone)
    assertGolden(rendered, named: "timeline-ann-march-berlin.txt")
  }

  @Test func csvInAnotherZoneChangesOnlyTheDisplay() throws {
    let zone = try #require(DisplayTimeZone("-05:00"))
    let utc = try TimelineFormat.csv.render(try timeline())
    let shifted = try TimelineFormat.csv.render(try timeline(), timeZone: zone)
    let utcRows = utc.split(separator: "\n").dropFirst()
    let shiftedRows = shifted.split(separator: "\n").dropFirst()
    #expect(utcRows.count == shiftedRows.count)
    // Same instants (the microsecond column) in the same order; only the datetime text differs.
    for (left, right) in zip(utcRows, shiftedRows) {
      #expect(left.split(separator: ",").dropFirst().elementsEqual(right.split(separator: ",").dropFirst()))
    }
    #expect(shifted.split(separator: "\n").dropFirst().first?.hasPrefix("2026-01-05T03:00:00-05:00,") == true)
  }
}
