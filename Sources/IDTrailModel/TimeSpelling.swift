/// How a source wrote an event's time, kept without a copy of the text where the time itself
/// spells it again.
///
/// Most sources write RFC 3339 in UTC (`2026-07-01T00:00:00.037Z`): that text follows from the
/// parsed time and the number of fraction digits, so an event need not hold a string of 24 to 30
/// bytes on the heap for it. Any other spelling (offsets, spaces, Windows' seven digits written
/// as nine, …) is kept verbatim.
public enum TimeSpelling: Sendable, Hashable {
  /// `YYYY-MM-DDTHH:MM:SS`, then `.` and this many fraction digits when it is not 0, then `Z`.
  case utc(fractionDigits: UInt8)
  /// Any other spelling, as written (boxed, so that the common case takes 8 bytes).
  indirect case verbatim(String)

  /// The spelling of `text`, which the source wrote for `time`: `.utc` only when `time` spells
  /// `text` byte for byte.
  public init(_ text: String, of time: Timestamp) {
    let utc = text.utf8.withContiguousStorageIfAvailable { utf8 in
      Self(utcBytes: UnsafeRawBufferPointer(utf8), of: time)
    }
    self = (utc ?? nil) ?? .verbatim(text)
  }

  /// `.utc` for `bytes`, the UTF-8 of a time the source wrote for `time`, when `time` spells them
  /// byte for byte; nil otherwise (the caller then keeps the text, `init(_:of:)`). For decoders
  /// that read the time from the input's bytes and need make no string of it.
  public init?(utcBytes bytes: UnsafeRawBufferPointer, of time: Timestamp) {
    let digits: Int
    switch bytes.count {
    case 20: digits = 0
    case 22...Self.longest: digits = bytes.count - 21
    default: return nil
    }
    let spelled = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.longest) { buffer in
      guard let count = Self.write(time, fractionDigits: digits, into: buffer), count == bytes.count else {
        return false
      }
      return (0..<count).allSatisfy { buffer[$0] == bytes[$0] }
    }
    guard spelled else { return nil }
    self = .utc(fractionDigits: UInt8(digits))
  }

  /// The text as the source wrote it.
  public func text(of time: Timestamp) -> String {
    switch self {
    case .verbatim(let text):
      return text
    case .utc(let digits):
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.longest) { buffer in
        guard let count = Self.write(time, fractionDigits: Int(digits), into: buffer) else {
          // Only reachable for a time no `.utc` spelling was made for; say it plainly.
          return time.rfc3339
        }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
      }
    }
  }

  /// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
  private static let longest = 30

  /// Writes `time` as RFC 3339 in UTC with `fractionDigits` digits and returns the byte count; nil
  /// for a year outside 0–9999 or a time with more precision than `fractionDigits` can hold.
  private static func write(
    _ time: Timestamp, fractionDigits: Int, into buffer: UnsafeMutableBufferPointer<UInt8>
  ) -> Int? {
    let seconds = time.secondsSinceEpoch
    var fraction = Int(time.nanosecondOfSecond)
    var dropped = 9 - fractionDigits
    while dropped > 0 {
      guard fraction % 10 == 0 else { return nil }
      fraction /= 10
      dropped -= 1
    }
    let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
    let (dayCount, second) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
    let date = CivilDate.civil(fromDaysSinceEpoch: Int(dayCount))
    guard (0...9999).contains(date.year) else { return nil }
    var position = 0
    func put(_ value: Int, width: Int) {
      var value = value
      for offset in stride(from: width - 1, through: 0, by: -1) {
        buffer[position + offset] = UInt8(ascii: "0") + UInt8(value % 10)
        value /= 10
      }
      position += width
    }
    func put(_ character: Unicode.Scalar) {
      buffer[position] = UInt8(ascii: character)
      position += 1
    }
    put(date.year, width: 4)
    put("-")
    put(date.month, width: 2)
    put("-")
    put(date.day, width: 2)
    put("T")
    put(Int(second / 3600), width: 2)
    put(":")
    put(Int(second / 60 % 60), width: 2)
    put(":")
    put(Int(second % 60), width: 2)
    if fractionDigits > 0 {
      put(".")
      put(fraction, width: fractionDigits)
    }
    put("Z")
    return position
  }
}
