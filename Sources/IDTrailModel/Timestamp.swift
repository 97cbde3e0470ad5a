/// A UTC instant with nanosecond resolution, counted from the Unix epoch.
///
/// Every time inside idtrail is one of these; time zones only matter when a value is shown.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
  /// Nanoseconds since 1970-01-01T00:00:00Z.
  public var nanosecondsSinceEpoch: Int64

  public init(nanosecondsSinceEpoch: Int64) {
    self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
  }

  /// The instant `secondsSinceEpoch` plus `nanoseconds`; traps outside the representable range
  /// (years 1677 to 2262). For values read from input, use `init?(checkedSecondsSinceEpoch:)`.
  public init(secondsSinceEpoch: Int64, nanoseconds: Int64 = 0) {
    self.nanosecondsSinceEpoch = secondsSinceEpoch * 1_000_000_000 + nanoseconds
  }

  /// The instant `secondsSinceEpoch` plus `nanoseconds`, or nil when it falls outside what 64-bit
  /// nanoseconds hold (1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z).
  public init?(checkedSecondsSinceEpoch seconds: Int64, nanoseconds: Int64 = 0) {
    // Before the epoch, borrow a second first: the earliest instant is -9,223,372,037 s plus
    // 145,224,192 ns, whose whole seconds alone would not fit.
    var seconds = seconds
    var nanoseconds = nanoseconds
    if seconds < 0 && nanoseconds > 0 {
      seconds += 1
      nanoseconds -= 1_000_000_000
    }
    let (whole, overflowMultiply) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    let (total, overflowAdd) = whole.addingReportingOverflow(nanoseconds)
    guard !overflowMultiply && !overflowAdd else { return nil }
    self.nanosecondsSinceEpoch = total
  }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
  }

  /// Whole seconds since the epoch, rounded down.
  public var secondsSinceEpoch: Int64 {
    let (quotient, remainder) = nanosecondsSinceEpoch.quotientAndRemainder(dividingBy: 1_000_000_000)
    return remainder < 0 ? quotient - 1 : quotient
  }

  /// The nanoseconds past `secondsSinceEpoch` (0 to 999,999,999).
  public var nanosecondOfSecond: Int64 {
    let remainder = nanosecondsSinceEpoch % 1_000_000_000
    return remainder < 0 ? remainder + 1_000_000_000 : remainder
  }

  /// The instant `seconds` later (earlier when negative), held at the ends of the representable
  /// range rather than overflowing.
  public func adding(seconds: Double) -> Timestamp {
    let delta = (seconds * 1e9).rounded()
    guard delta.isFinite, delta > -9.2e18, delta < 9.2e18 else {
      return Timestamp(nanosecondsSinceEpoch: seconds < 0 ? .min : .max)
    }
    let (sum, overflow) = nanosecondsSinceEpoch.addingReportingOverflow(Int64(delta))
    guard !overflow else { return Timestamp(nanosecondsSinceEpoch: delta < 0 ? .min : .max) }
    return Timestamp(nanosecondsSinceEpoch: sum)
  }

  /// Seconds from `other` to `self` (positive when `self` is later).
  public func seconds(since other: Timestamp) -> Double {
    let (difference, overflow) = nanosecondsSinceEpoch.subtractingReportingOverflow(
      other.nanosecondsSinceEpoch)
    if overflow {
      return (Double(nanosecondsSinceEpoch) - Double(other.nanosecondsSinceEpoch)) / 1e9
    }
    return Double(difference) / 1e9
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let parsed = TimestampParser.parse(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "not an RFC 3339 time: \(text)")
    }
    self = parsed
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rfc3339)
  }
}
