import Testing

@testable import IDTrailModel

/// The time parser, the RFC 3339 formatter, the calendar arithmetic under them, and locators.
@Suite struct TimestampParserTests {
  /// 2025-02-01T10:15:30Z.
  private static let base: Int64 = 1_738_404_930

  private static func at(_ seconds: Int64, _ nanoseconds: Int64 = 0) -> Timestamp {
    Timestamp(secondsSinceEpoch: seconds, nanoseconds: nanoseconds)
  }

  @Test(arguments: [
    ("2025-02-01T10:15:30Z", 0),
    ("2025-02-01T10:15:30.1Z", 100_000_000),
    ("2025-02-01T10:15:30.12Z", 120_000_000),
    ("2025-02-01T10:15:30.123Z", 123_000_000),
    ("2025-02-01T10:15:30.1234Z", 123_400_000),
    ("2025-02-01T10:15:30.12345Z", 123_450_000),
    ("2025-02-01T10:15:30.123456Z", 123_456_000),
    ("2025-02-01T10:15:30.1234567Z", 123_456_700),
    ("2025-02-01T10:15:30.12345678Z", 123_456_780),
    ("2025-02-01T10:15:30.123456789Z", 123_456_789),
    ("2025-02-01T10:15:30.000000001Z", 1),
  ] as [(String, Int64)])
  func fractionalDigitsZeroToNine(_ text: String, _ nanoseconds: Int64) {
    #expect(TimestampParser.parse(text) == Self.at(Self.base, nanoseconds))
  }

  @Test(arguments: [
    "2025-02-01T10:15:30Z", "2025-02-01T10:15:30z", "2025-02-01t10:15:30Z", "2025-02-01 10:15:30Z",
    "2025-02-01T15:45:30+05:30", "2025-02-01T02:15:30-08:00", "2025-02-01T10:15:30+00:00",
    "2025-02-01T10:15:30-00:00", "2025-02-01 10:15:30", "2025-02-02T00:15:30+14:00",
    "2025-01-31T22:15:30-12:00",
  ])
  func separatorsAndZonesGiveTheSameInstant(_ text: String) {
    #expect(TimestampParser.parse(text) == Self.at(Self.base), "\(text)")
  }

  @Test func offsetsAndFractionsCombine() {
    #expect(TimestampParser.parse("2025-02-01T15:45:30.5+05:30") == Self.at(Self.base, 500_000_000))
    #expect(TimestampParser.parse("2025-01-01T00:00:00-00:01") == Self.at(1_735_689_660))
  }

  @Test(arguments: [
    "2025-02-01T10:15:30.1234567890Z",  // ten fractional digits
    "2025-02-29T00:00:00Z",  // 2025 is not a leap year
    "2024-02-30T00:00:00Z",
    "2025-04-31T00:00:00Z",
    "2025-13-01T00:00:00Z",
    "2025-00-10T00:00:00Z",
    "2025-02-00T00:00:00Z",
    "2025-02-01T24:00:00Z",
    "2025-02-01T10:60:00Z",
    "2025-02-01T10:15:61Z",
    "2025-02-01T10:15:30",  // T without a zone is ambiguous
    "2025-02-01T10:15:30.Z",
    "2025-02-01T10:15:30.123",
    "2025-02-01T10:15Z",
    "2025-02-01",
    "2025-2-01T10:15:30Z",
    "2025-02-01T10:15:30+0530",
    "2025-02-01T10:15:30+05",
    "2025-02-01T10:15:30+24:00",
    "2025-02-01T10:15:30+05:60",
    "2025-02-01T10:15:30 Z",
    "2025-02-01T10:15:30Z ",
    " 2025-02-01T10:15:30Z",
    "2025-02-01X10:15:30Z",
    "2025/02/01T10:15:30Z",
    "２０２５-02-01T10:15:30Z",
    "",
    "9999-12-31T23:59:59Z",  // beyond what 64-bit nanoseconds hold
    "0001-01-01T00:00:00Z",
    "2262-04-11T23:47:16.854775808Z",
    "1677-09-21T00:12:43.145224191Z",
  ])
  func rejected(_ text: String) {
    #expect(TimestampParser.parse(text) == nil, "\(text)")
  }

  @Test func leapDayAndCenturyRules() {
    #expect(TimestampParser.parse("2024-02-29T12:00:00Z") == Self.at(1_709_208_000))
    #expect(TimestampParser.parse("2000-02-29T00:00:00Z") == Self.at(951_782_400))
    #expect(TimestampParser.parse("2100-02-29T00:00:00Z") == nil)
  }

  @Test func leapSecondCountsAsTheNextSecond() {
    #expect(TimestampParser.parse("2016-12-31T23:59:60Z") == Self.at(1_483_228_800))
    #expect(TimestampParser.parse("2017-01-01T00:00:00Z") == Self.at(1_483_228_800))
  }

  @Test func rangeEndsOfTheNanosecondClock() {
    #expect(TimestampParser.parse("2262-04-11T23:47:16.854775807Z") == Timestamp(nanosecondsSinceEpoch: .max))
    #expect(TimestampParser.parse("1677-09-21T00:12:43.145224192Z") == Timestamp(nanosecondsSinceEpoch: .min))
    #expect(TimestampParser.parse("1969-12-31T23:59:59.5Z") == Timestamp(nanosecondsSinceEpoch: -500_000_000))
    #expect(Timestamp(checkedSecondsSinceEpoch: 9_223_372_037) == nil)
    #expect(Timestamp(checkedSecondsSinceEpoch: -9_223_372_037, nanoseconds: 854_775_808) != nil)
  }

  @Test func parsesBytesLikeStrings() {
    let bytes = Array("2025-02-01T10:15:30.123Z".utf8)
    #expect(bytes.withUnsafeBytes { TimestampParser.parse($0) } == Self.at(Self.base, 123_000_000))
  }

  @Test(arguments: [
    ("2025-02-01T10:15:30Z", "2025-02-01T10:15:30Z"),
    ("2025-02-01T10:15:30.1Z", "2025-02-01T10:15:30.100Z"),
    ("2025-02-01T10:15:30.123Z", "2025-02-01T10:15:30.123Z"),
    ("2025-02-01T10:15:30.1234Z", "2025-02-01T10:15:30.1234Z"),
    ("2025-02-01T10:15:30.123456789Z", "2025-02-01T10:15:30.123456789Z"),
    ("2025-02-01T15:45:30.5+05:30", "2025-02-01T10:15:30.500Z"),
    ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"),
    ("1969-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.999999999Z"),
    ("1900-03-01T00:00:00Z", "1900-03-01T00:00:00Z"),
    ("2024-02-29 23:59:59", "2024-02-29T23:59:59Z"),
    ("2262-04-11T23:47:16.854775807Z", "2262-04-11T23:47:16.854775807Z"),
    ("1677-09-21T00:12:43.145224192Z", "1677-09-21T00:12:43.145224192Z"),
  ] as [(String, String)])
  func roundTripsThroughRFC3339(_ text: String, _ formatted: String) throws {
    let parsed = try #require(TimestampParser.parse(text))
    #expect(parsed.rfc3339 == formatted)
    #expect(TimestampParser.parse(parsed.rfc3339) == parsed)
  }

  @Test func secondsAndNanosecondsSplitRoundDown() {
    let before = Timestamp(nanosecondsSinceEpoch: -1)
    #expect(before.secondsSinceEpoch == -1)
    #expect(before.nanosecondOfSecond == 999_999_999)
    #expect(Timestamp(nanosecondsSinceEpoch: .min).secondsSinceEpoch == -9_223_372_037)
    #expect(Timestamp(nanosecondsSinceEpoch: .max).nanosecondOfSecond == 854_775_807)
  }

  @Test func arithmeticStaysInRange() {
    let start = Self.at(Self.base)
    #expect(start.adding(seconds: 1.5) == Self.at(Self.base, 1_500_000_000))
    #expect(start.adding(seconds: -86_400) == Self.at(Self.base - 86_400))
    #expect(start.adding(seconds: 1e300) == Timestamp(nanosecondsSinceEpoch: .max))
    #expect(start.adding(seconds: -.infinity) == Timestamp(nanosecondsSinceEpoch: .min))
    let nearEnd = Timestamp(nanosecondsSinceEpoch: .max - 1)
    #expect(nearEnd.adding(seconds: 5) == Timestamp(nanosecondsSinceEpoch: .max))
    #expect(Self.at(Self.base + 90).seconds(since: start) == 90)
    let span = Timestamp(nanosecondsSinceEpoch: .max).seconds(since: Timestamp(nanosecondsSinceEpoch: .min))
    #expect(abs(span - 18_446_744_073.709_553) < 1e-3)
  }

  @Test(arguments: [
    (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 1, 1, 10_957), (2024, 2, 29, 19_782),
    (2024, 3, 1, 19_783), (1900, 3, 1, -25_508), (2100, 3, 1, 47_541), (1600, 2, 29, -135_081),
    (1, 1, 1, -719_162), (2262, 4, 11, 106_751), (1677, 9, 21, -106_752), (9999, 12, 31, 2_932_896),
  ] as [(Int, Int, Int, Int)])
  func civilDateMatchesKnownDayCounts(_ year: Int, _ month: Int, _ day: Int, _ days: Int) {
    #expect(CivilDate.daysSinceEpoch(year: year, month: month, day: day) == days)
    let back = CivilDate.civil(fromDaysSinceEpoch: days)
    #expect(back.year == year && back.month == month && back.day == day)
  }

  @Test func civilDateRoundTripsEveryDayOfFourCenturies() {
    // 1600-03-01 to 2000-02-29 is one whole 400-year cycle of 146,097 days.
    let first = CivilDate.daysSinceEpoch(year: 1600, month: 3, day: 1)
    var expected = (year: 1600, month: 3, day: 1)
    for days in first..<(first + 146_097) {
      let date = CivilDate.civil(fromDaysSinceEpoch: days)
      guard date == expected else {
        Issue.record("day \(days): \(date), expected \(expected)")
        return
      }
      if expected.day < CivilDate.daysInMonth(year: expected.year, month: expected.month) {
        expected.day += 1
      } else if expected.month < 12 {
        expected = (expected.year, expected.month + 1, 1)
      } else {
        expected = (expected.year + 1, 1, 1)
      }
    }
    #expect(expected == (2000, 3, 1))
  }

  @Test func leapYearsAndWeekdays() {
    #expect(CivilDate.isLeapYear(2024) && CivilDate.isLeapYear(2000) && CivilDate.isLeapYear(1600))
    #expect(!CivilDate.isLeapYear(2025) && !CivilDate.isLeapYear(1900) && !CivilDate.isLeapYear(2100))
    #expect(CivilDate.daysInMonth(year: 2024, month: 2) == 29)
    #expect(CivilDate.daysInMonth(year: 2025, month: 2) == 28)
    #expect(CivilDate.daysInMonth(year: 2025, month: 4) == 30)
    #expect(CivilDate.daysInMonth(year: 2025, month: 12) == 31)
    #expect(CivilDate.weekday(daysSinceEpoch: 0) == 4)  // Thursday
    #expect(CivilDate.weekday(daysSinceEpoch: -1) == 3)
    #expect(CivilDate.weekday(daysSinceEpoch: 19_782) == 4)  // 2024-02-29, Thursday
    #expect(CivilDate.weekday(daysSinceEpoch: 10_957) == 6)  // 2000-01-01, Saturday
  }

  @Test(arguments: [
    Locator.line(1, in: "audit.ndjson"),
    Locator.line(123_456, in: "/var/log/gitlab/audit_json.log"),
    Locator(path: "events.json", position: .record(index: 3, byteOffset: 1_024)),
    Locator(path: "C:\\exports\\a:b.json", position: .record(index: 1, byteOffset: 0)),
    Locator.line(7, in: "dir with spaces/x:12.csv"),
    Locator.line(2, in: ""),
  ])
  func locatorTextRoundTrips(_ locator: Locator) {
    #expect(Locator(parsing: locator.description) == locator)
  }

  @Test func locatorTextForms() {
    #expect(Locator.line(12, in: "a.ndjson").description == "a.ndjson:12")
    #expect(Locator(path: "a.json", position: .record(index: 2, byteOffset: 40)).description == "a.json:#2@40")
    #expect(Locator(parsing: "no-colon") == nil)
    #expect(Locator(parsing: "a.json:") == nil)
    #expect(Locator(parsing: "a.json:#2") == nil)
    #expect(Locator(parsing: "a.json:#x@1") == nil)
    #expect(Locator(parsing: "a.json:twelve") == nil)
  }

  @Test func locatorsSortByPathThenPosition() {
    let sorted = [
      Locator.line(10, in: "b"), Locator.line(2, in: "a"), Locator.line(1, in: "b"), Locator.line(11, in: "a"),
    ].sorted()
    #expect(sorted.map(\.description) == ["a:2", "a:11", "b:1", "b:10"])
  }
}
