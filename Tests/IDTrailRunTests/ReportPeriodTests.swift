import IDTrailModel
import IDTrailRun
import Testing

@Suite struct ReportPeriodTests {
  @Test(arguments: [
    ("2026-Q3", "2026-07-01T00:00:00Z", "2026-09-30T23:59:59Z"),
    ("2026-q4", "2026-10-01T00:00:00Z", "2026-12-31T23:59:59Z"),
    ("2026-02", "2026-02-01T00:00:00Z", "2026-02-28T23:59:59Z"),
    ("2024-02", "2024-02-01T00:00:00Z", "2024-02-29T23:59:59Z"),
    ("2026-12", "2026-12-01T00:00:00Z", "2026-12-31T23:59:59Z"),
    ("2026", "2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z"),
  ])
  func periods(text: String, start: String, end: String) throws {
    let period = try ReportPeriod.parse(text)
    #expect(period.start.rfc3339 == start)
    #expect(period.end.rfc3339 == end)
  }

  @Test(arguments: ["2026-Q5", "2026-Q0", "2026-13", "26-Q1", "2026-1", "Q3-2026", "", "2026-Q3-1"])
  func rejectsOtherText(text: String) {
    #expect(throws: ReportPeriod.ParseError.self) { try ReportPeriod.parse(text) }
  }

  @Test func errorSaysWhatIsAccepted() {
    #expect(throws: ReportPeriod.ParseError.self) { try ReportPeriod.parse("x") }
    do {
      _ = try ReportPeriod.parse("x")
    } catch {
      #expect("\(error)" == "--period 'x' is not a quarter (2026-Q3), a month (2026-09) or a year (2026)")
    }
  }

  @Test func dateBoundsCoverWholeDays() throws {
    #expect(
      try ReportPeriod.bound("2026-07-01", option: "--from", endOfDay: false).rfc3339
        == "2026-07-01T00:00:00Z")
    #expect(
      try ReportPeriod.bound("2026-07-14", option: "--to", endOfDay: true).rfc3339 == "2026-07-14T23:59:59Z")
    #expect(
      try ReportPeriod.bound("2026-07-14T12:00:00+02:00", option: "--to", endOfDay: true).rfc3339
        == "2026-07-14T10:00:00Z")
    #expect(throws: ReportPeriod.ParseError.self) {
      try ReportPeriod.bound("July 1", option: "--from", endOfDay: false)
    }
  }
}
