import Foundation
import Testing

@testable import IDTrailModel

/// The compact storage of `IdentityEvent`: what goes in comes out, byte for byte.
@Suite struct CompactEventTests {
  private static func event(time: String, originalTime: String? = nil) throws -> IdentityEvent {
    IdentityEvent(
      time: try #require(TimestampParser.parse(time)), originalTime: originalTime ?? time,
      source: .oktaSystemLog, stage: .idp, nativeID: "n-1", locator: .line(3, in: "a.json"),
      action: .accountDisable, rawAction: "user.lifecycle.deactivate", subject: [], actor: .system,
      channel: .idpPush)
  }

  @Test(arguments: [
    ("2026-07-01T00:00:00Z", "utc(fractionDigits: 0)"),
    ("2026-07-01T00:00:00.037Z", "utc(fractionDigits: 3)"),
    ("2026-07-01T00:00:00.0370Z", "utc(fractionDigits: 4)"),
    ("2026-07-01T00:00:08.8009431Z", "utc(fractionDigits: 7)"),
    ("2026-07-01T00:00:08.800943127Z", "utc(fractionDigits: 9)"),
    ("1969-12-31T23:59:59.5Z", "utc(fractionDigits: 1)"),
    ("1900-01-01T00:00:00Z", "utc(fractionDigits: 0)"),
    ("2026-07-01T02:00:00.037+02:00", "verbatim(\"2026-07-01T02:00:00.037+02:00\")"),
    ("2026-07-01 00:00:00", "verbatim(\"2026-07-01 00:00:00\")"),
    ("2026-07-01t00:00:00z", "verbatim(\"2026-07-01t00:00:00z\")"),
  ])
  func timeSpellingKeepsTheTextByteForByte(_ text: String, _ spelling: String) throws {
    let time = try #require(TimestampParser.parse(text))
    let kept = TimeSpelling(text, of: time)
    #expect(String(describing: kept) == spelling)
    #expect(kept.text(of: time) == text)
    #expect(try Self.event(time: text).originalTime == text)
  }

  @Test func aSpellingTheTimeDoesNotMatchIsKeptVerbatim() throws {
    let time = try #require(TimestampParser.parse("2026-07-01T00:00:00.037Z"))
    // Same shape, other digits: the text is not what the time spells.
    #expect(TimeSpelling("2026-07-01T00:00:00.038Z", of: time) == .verbatim("2026-07-01T00:00:00.038Z"))
    #expect(TimeSpelling("2026-07-01T00:00:00.03Z", of: time) == .verbatim("2026-07-01T00:00:00.03Z"))
    #expect(TimeSpelling("", of: time) == .verbatim(""))
    // Fields out of range that would name the same instant are not how the time is written.
    let midnight = try #require(TimestampParser.parse("2026-03-01T00:00:00Z"))
    for text in [
      "2026-02-29T24:00:00Z", "2026-02-28T23:59:60Z", "2026-02-28T23:60:00Z", "2026-02-29T00:00:00Z",
      "2026-03-01T00:00:00.Z", "2026-03-01T00:00:0OZ", "2026-03-01T00-00:00Z", "2026/03/01T00:00:00Z",
    ] {
      #expect(TimeSpelling(text, of: midnight) == .verbatim(text), "\(text)")
    }
    #expect(TimeSpelling("2026-03-01T00:00:00Z", of: midnight) == .utc(fractionDigits: 0))
  }

  @Test func changingTheTimeKeepsTheOriginalText() throws {
    var event = try Self.event(time: "2026-07-01T00:00:00.037Z")
    event.time = try #require(TimestampParser.parse("2026-07-02T00:00:00Z"))
    #expect(event.originalTime == "2026-07-01T00:00:00.037Z")
    event.originalTime = "2026-07-02T00:00:00Z"
    #expect(event.originalTime == "2026-07-02T00:00:00Z")
    #expect(event == (try Self.event(time: "2026-07-02T00:00:00Z")))
  }

  @Test func rareFieldsReadAndWriteAsPlainValuesAndCompareByValue() throws {
    var event = try Self.event(time: "2026-07-01T00:00:00Z")
    let plain = event
    #expect(event.provisioning == nil && event.role == nil && event.outcome == .success)
    event.provisioning = .deactivate
    event.role = RoleChange(before: "Developer", after: "Owner")
    event.outcome = .failure("409 conflict", httpStatus: 409)
    #expect(event.provisioning == .deactivate)
    #expect(event.role == RoleChange(before: "Developer", after: "Owner"))
    #expect(event.outcome == Outcome(succeeded: false, reason: "409 conflict", httpStatus: 409))
    #expect(event != plain)
    event.provisioning = nil
    event.role = nil
    event.outcome = .success
    // Emptied again, it is the same value as one that never had them, and hashes the same.
    #expect(event == plain)
    #expect(Set([event, plain]).count == 1)
  }

  @Test func actorAndResourceReadAndWriteAsPlainValues() throws {
    var event = try Self.event(time: "2026-07-01T00:00:00Z")
    let admin = try #require(Identifier(.gitlabUsername, "root"))
    event.actor = Actor(kind: .person, identifiers: [admin])
    event.actor.identifiers.append(try #require(Identifier(.gitlabUserID, "1")))
    #expect(event.actor.kind == .person)
    #expect(event.actor.identifiers.map(\.value) == ["root", "1"])
    #expect(event.resource == nil)
    event.resource = Resource(kind: .gitlabNamespace, name: "acme/platform")
    #expect(event.resource == Resource(kind: .gitlabNamespace, name: "acme/platform"))
    event.resource = nil
    #expect(event.resource == nil)
  }

  @Test func anEventTakesNoMoreThan144Bytes() {
    #expect(MemoryLayout<IdentityEvent>.stride <= 144)
    #expect(MemoryLayout<TimeSpelling>.size == 8)
    #expect(MemoryLayout<RareEventFields>.size == 8)
  }

  @Test func codableUsesThePropertyNames() throws {
    var event = try Self.event(time: "2026-07-01T00:00:00.037Z")
    event.outcome = .failure("denied", httpStatus: 403)
    let encoded = try JSONEncoder().encode(event)
    let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
    #expect(object["originalTime"] as? String == "2026-07-01T00:00:00.037Z")
    #expect(Set(object.keys).isSuperset(of: ["time", "source", "nativeID", "actor", "outcome", "rawAction"]))
    #expect(try JSONDecoder().decode(IdentityEvent.self, from: encoded) == event)
  }
}
