/// A UTC instant with nanosecond resolution, counted from the Unix epoch.
///
/// Every time inside idtrail is one of these; time zones only matter when a value is shown.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
  /// Nanoseconds since 1970-01-01T00:00:00Z.
  public var nanosecondsSinceEpoch: Int64

  public init(nanosecondsSinceEpoch: Int64) {
    self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
  }

  public init(secondsSinceEpoch: Int64, nanoseconds: Int64 = 0) {
    self.nanosecondsSinceEpoch = secondsSinceEpoch * 1_000_000_000 + nanoseconds
  }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
  }

  /// Whole seconds since the epoch, rounded down.
  public var secondsSinceEpoch: Int64 {
    nanosecondsSinceEpoch >= 0
      ? nanosecondsSinceEpoch / 1_000_000_000
      : (nanosecondsSinceEpoch - 999_999_999) / 1_000_000_000
  }

  /// The instant `seconds` later (earlier when negative).
  public func adding(seconds: Double) -> Timestamp {
    Timestamp(nanosecondsSinceEpoch: nanosecondsSinceEpoch + Int64((seconds * 1e9).rounded()))
  }

  /// Seconds from `other` to `self` (positive when `self` is later).
  public func seconds(since other: Timestamp) -> Double {
    Double(nanosecondsSinceEpoch - other.nanosecondsSinceEpoch) / 1e9
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
