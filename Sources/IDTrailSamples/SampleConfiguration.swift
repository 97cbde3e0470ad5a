import IDTrailModel

/// What `idtrail samples` was asked to generate: the seed, the size and the period.
public struct SampleConfiguration: Sendable, Hashable {
  /// The seed of every random choice; the same seed gives byte-identical files.
  public var seed: UInt64
  /// How many people the organisation has over the period (joiners included).
  public var people: Int
  /// The first instant of the period (midnight UTC of the first day).
  public var start: Timestamp
  /// The instant just after the period (midnight UTC after the last day).
  public var end: Timestamp

  public static let defaultSeed: UInt64 = 1
  public static let defaultPeople = 80
  public static let defaultFrom = "2026-07-01"
  public static let defaultTo = "2026-09-30"
  /// The smallest organisation that has a distinct person for every planted incident.
  public static let minimumPeople = 40
  public static let maximumPeople = 20_000
  /// The shortest period with room for every planted incident and its follow-up.
  public static let minimumDays = 28

  /// A configuration for the days `from` through `to` (inclusive, `YYYY-MM-DD`, UTC).
  ///
  /// - Throws: `SampleConfigurationError` when a date does not parse, the period is shorter than
  ///   `minimumDays` or longer than a year, or `people` is out of range.
  public init(
    seed: UInt64 = defaultSeed, people: Int = defaultPeople, from: String = defaultFrom,
    to: String = defaultTo
  ) throws(SampleConfigurationError) {
    guard let first = Self.day(from) else { throw .badDate(option: "--from", value: from) }
    guard let last = Self.day(to) else { throw .badDate(option: "--to", value: to) }
    let days = last - first + 1
    guard days >= Self.minimumDays, days <= 366 else {
      throw .badPeriod(from: from, to: to, days: days)
    }
    guard (Self.minimumPeople...Self.maximumPeople).contains(people) else {
      throw .badPeople(people)
    }
    self.seed = seed
    self.people = people
    self.start = Timestamp.startOfDay(first)
    self.end = Timestamp.startOfDay(last + 1)
  }

  /// The default: seed 1, 80 people, 2026-07-01 through 2026-09-30 (the bundled `samples/`).
  public static let standard = SampleConfiguration(
    seed: defaultSeed, people: defaultPeople,
    start: Timestamp(secondsSinceEpoch: 1_782_864_000), end: Timestamp(secondsSinceEpoch: 1_790_812_800))

  private init(seed: UInt64, people: Int, start: Timestamp, end: Timestamp) {
    self.seed = seed
    self.people = people
    self.start = start
    self.end = end
  }

  /// The number of whole days in the period.
  var dayCount: Int { end.daysSinceEpoch - start.daysSinceEpoch }

  /// Days since the epoch of `YYYY-MM-DD`, or nil when it is not a valid date.
  private static func day(_ text: String) -> Int? {
    guard text.utf8.count == 10, let time = TimestampParser.parse(text + " 00:00:00") else { return nil }
    return time.daysSinceEpoch
  }
}

/// The options given to `idtrail samples` do not describe a period or organisation it can build.
public enum SampleConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  case badDate(option: String, value: String)
  case badPeriod(from: String, to: String, days: Int)
  case badPeople(Int)

  public var description: String {
    switch self {
    case .badDate(let option, let value):
      return "\(option) '\(value)' is not a date; write it as YYYY-MM-DD, e.g. 2026-07-01"
    case .badPeriod(let from, let to, let days):
      return "the period \(from)..\(to) has \(days) days; give --from and --to at least "
        + "\(SampleConfiguration.minimumDays) days and at most 366 days apart"
    case .badPeople(let count):
      return "--people \(count) is out of range; the sample organisation needs "
        + "\(SampleConfiguration.minimumPeople)...\(SampleConfiguration.maximumPeople) people"
    }
  }
}
