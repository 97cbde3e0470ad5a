import IDTrailAnalysis
import IDTrailModel
import Testing

@Suite struct DisplayTests {
  @Test(arguments: [
    ("UTC", "2026-03-02T09:00:00.25Z", "2026-03-02T09:00:00.250Z"),
    ("Europe/Berlin", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00+01:00"),
    ("Europe/Berlin", "2026-07-02T09:00:00Z", "2026-07-02T11:00:00+02:00"),
    ("America/New_York", "2026-01-01T03:00:00Z", "2025-12-31T22:00:00-05:00"),
    ("+05:30", "2026-03-02T09:00:00Z", "2026-03-02T14:30:00+05:30"),
    ("-0800", "2026-03-02T09:00:00.123Z", "2026-03-02T01:00:00.123-08:00"),
  ])
  func timeZonesChangeOnlyTheDisplay(zone: String, time: String, shown: String) throws {
    let display = try #require(DisplayTimeZone(zone))
    #expect(display.format(ScenarioLog.time(time)) == shown)
    #expect(TimestampParser.parse(shown) == ScenarioLog.time(time))
  }

  @Test func unknownZonesAreRefused() {
    #expect(DisplayTimeZone("Mars/Olympus") == nil)
    #expect(DisplayTimeZone("+25:00") == nil)
  }

  @Test func dateBounds() {
    #expect(TimeBound.parse("2026-03-31")?.rfc3339 == "2026-03-31T00:00:00Z")
    #expect(TimeBound.parse("2026-03-31", endOfDay: true)?.rfc3339 == "2026-03-31T23:59:59.999999999Z")
    #expect(TimeBound.parse("2026-03-31T12:00:00+02:00")?.rfc3339 == "2026-03-31T10:00:00Z")
    #expect(TimeBound.parse("March") == nil)
  }
}
