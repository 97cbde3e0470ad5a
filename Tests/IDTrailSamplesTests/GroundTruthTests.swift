import Foundation
import IDTrailModel
import Testing

@testable import IDTrailSamples

@Suite struct GroundTruthTests {
  /// Every situation issue 8 asks the generator to plant, plus the token rotation checks.
  static let incidentNames: Set<String> = [
    "late-leaver", "leaver-never-reaches-gitlab", "failed-scim-call-repaired",
    "failed-scim-call-never-repaired",
    "manual-owner-grant", "manual-membership", "account-created-by-hand", "activity-after-deprovision",
    "token-created-after-deprovision", "two-factor-disabled", "impersonation-without-stop",
    "impersonation-with-stop", "directory-disable-before-idp", "duplicate-stream-delivery",
    "clock-skew-3-minutes",
    "scim-token-rotated", "scim-401-then-retry",
  ]

  @Test(arguments: [
    ("late-leaver", "leaver-sla", true),
    ("leaver-never-reaches-gitlab", "leaver-incomplete", true),
    ("leaver-never-reaches-gitlab", "orphan-account", true),
    ("failed-scim-call-repaired", "provisioning-failure", false),
    ("failed-scim-call-never-repaired", "provisioning-failure", true),
    ("failed-scim-call-never-repaired", "leaver-incomplete", true),
    ("failed-scim-call-never-repaired", "orphan-account", true),
    ("manual-owner-grant", "privileged-access", true),
    ("manual-owner-grant", "manual-access-change", true),
    ("manual-membership", "manual-access-change", true),
    ("manual-membership", "unmanaged-provisioning", true),
    ("account-created-by-hand", "unmanaged-provisioning", true),
    ("account-created-by-hand", "orphan-account", true),
    ("activity-after-deprovision", "post-termination-activity", true),
    ("token-created-after-deprovision", "token-hygiene", true),
    ("two-factor-disabled", "mfa-weakened", true),
    ("impersonation-without-stop", "impersonation", true),
    ("impersonation-with-stop", "impersonation", false),
    ("directory-disable-before-idp", "leaver-sla", true),
    ("duplicate-stream-delivery", "leaver-sla", false),
    ("clock-skew-3-minutes", "leaver-sla", false),
    ("scim-401-then-retry", "provisioning-failure", false),
  ])
  func everyIncidentIsPlantedWithItsControl(incident: String, control: String, finding: Bool) throws {
    let incidents = SampleFixture.rendered.manifest.incidents
    let matching = incidents.filter { $0.incident == incident && $0.control == control }
    #expect(matching.count == 1)
    #expect(matching.first?.finding == finding)
  }

  @Test func theExpectedFindingsAreExactlyTheFindingIncidents() throws {
    let rendered = SampleFixture.rendered
    let document = try groundTruth(rendered)
    let pairs = try #require(document["expectedFindings"] as? [[String: String]])
    let expected = Set(rendered.manifest.incidents.filter(\.finding).map { "\($0.control) \($0.person)" })
    #expect(Set(pairs.map { "\($0["control"] ?? "") \($0["person"] ?? "")" }) == expected)
    #expect(pairs.count == 17)
    let controls = Dictionary(grouping: pairs.compactMap { $0["control"] }, by: { $0 }).mapValues(\.count)
    #expect(
      controls == [
        "leaver-sla": 2, "leaver-incomplete": 2, "orphan-account": 3, "provisioning-failure": 1,
        "privileged-access": 1, "manual-access-change": 2, "unmanaged-provisioning": 2,
        "post-termination-activity": 1, "token-hygiene": 1, "mfa-weakened": 1, "impersonation": 1,
      ])
  }

  @Test func everyLogFileHasExactlyOneExpectedRejection() throws {
    let rendered = SampleFixture.rendered
    let document = try groundTruth(rendered)
    let rejections = try #require(document["rejections"] as? [[String: Any]])
    let logFiles = rendered.manifest.files.map(\.path)
    #expect(rejections.compactMap { $0["file"] as? String } == logFiles)
    for rejection in rejections {
      let file = try #require(rejection["file"] as? String)
      let locator = try #require(rejection["locator"] as? String)
      #expect(locator.hasPrefix(file + ":"))
      #expect((rejection["reason"] as? String)?.isEmpty == false)
    }
  }

  @Test func everyIncidentNamesSomeoneTheLogsKnow() throws {
    let rendered = SampleFixture.rendered
    let logs = rendered.files.filter { $0.0.hasPrefix("logs/") }.map { String(decoding: $0.1, as: UTF8.self) }
    for incident in rendered.manifest.incidents {
      #expect(logs.contains { $0.contains(incident.person) }, "\(incident.person) appears in no log")
    }
    #expect(Set(rendered.manifest.incidents.map(\.incident)) == Self.incidentNames)
  }

  @Test func leaverLatenciesAreWhatTheIncidentsSay() throws {
    let world = SampleFixture.world
    let episodes = Dictionary(grouping: world.timeline.episodes.filter { $0.kind == "leaver" }, by: \.status)
    #expect(episodes["late"]?.count == 2)
    #expect(episodes["incomplete"]?.count == 1)
    #expect(episodes["failed"]?.count == 1)
    #expect(episodes["complete"]?.count == 7)
    for late in episodes["late"] ?? [] {
      let effect = try #require(late.effect)
      #expect(effect.seconds(since: late.start) > 26 * 3_600)
    }
    let returning = try #require(
      world.timeline.incidents.first { $0.incident == "activity-after-deprovision" })
    for complete in episodes["complete"] ?? [] {
      let effect = try #require(complete.effect)
      let latency = effect.seconds(since: complete.start)
      if complete.person == returning.person {
        #expect(latency > 6 * 3_600 && latency < 7 * 3_600)
        #expect(returning.time > complete.start && returning.time.plus(seconds: 3_600) < effect)
      } else {
        #expect(abs(latency) < 3_600, "\(complete.person)")
      }
    }
    let skew = try #require(world.timeline.incidents.first { $0.incident == "clock-skew-3-minutes" })
    let skewEpisode = try #require(world.timeline.episodes.first { $0.person == skew.person })
    let skewEffect = try #require(skewEpisode.effect)
    #expect(skewEffect < skew.time)
    #expect(skew.time.seconds(since: skewEffect) > 100 && skew.time.seconds(since: skewEffect) < 180)
  }

  @Test func theStreamDeliversSomePayloadsTwice() throws {
    let rendered = SampleFixture.rendered
    let stream = try #require(rendered.files.first { $0.0 == "logs/gitlab/audit-events-stream.ndjson" }?.1)
    let lines = String(decoding: stream, as: UTF8.self).split(separator: "\n")
    let repeated = Dictionary(grouping: lines, by: { $0 }).filter { $0.value.count > 1 }
    let world = SampleFixture.world
    #expect(repeated.count == world.timeline.redelivered.count + 3)
    #expect(repeated.values.allSatisfy { $0.count == 2 })
    #expect(
      world.timeline.redelivered.allSatisfy { world.timeline.audit[$0].eventName == "user_blocked" })
    let document = try groundTruth(SampleFixture.rendered)
    let listed = try #require(document["streamDuplicates"] as? [[String: Any]])
    #expect(listed.count == repeated.count)
    #expect(listed.allSatisfy { ($0["lines"] as? [Int])?.count == 2 })
  }

  private func groundTruth(_ rendered: (manifest: SampleManifest, files: [(String, [UInt8])])) throws
    -> [String: Any]
  {
    let bytes = try #require(rendered.files.first { $0.0 == "ground-truth.json" }?.1)
    return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }
}
