/// Parses the time strings that identity logs carry, without Foundation.
///
/// Accepted: RFC 3339 (`2025-02-01T10:15:30Z`, 0–9 fractional digits, `Z` or `±HH:MM`, `T`, `t` or a
/// space between date and time), and `YYYY-MM-DD HH:MM:SS` without a zone, read as UTC (GitLab's CSV
/// export). Impossible dates (month 13, February 30, hour 24) are rejected. A leap second (`:60`) is
/// accepted and counted as the next second, as POSIX time does. Times outside what `Timestamp` holds
/// (before 1677-09-21 or after 2262-04-11, such as a `9999-12-31` "never" sentinel) return nil.
public enum TimestampParser {
  /// Parses `text`, or returns nil when it is not one of the accepted forms.
  public static func parse(_ text: String) -> Timestamp? {
    var copy = text
    return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
  }

  /// Parses the UTF-8 bytes of a time string, or returns nil when they are not an accepted form.
  public static func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
    let count = bytes.count
    guard count >= 19 else { return nil }
    // Inlined, with wrapping arithmetic: at most four digits, which cannot overflow (this runs
    // once per record of a large input).
    @inline(__always)
    func digits(_ start: Int, _ length: Int) -> Int? {
      var value = 0
      for i in start..<(start + length) {
        let digit = Int(bytes[i]) &- 48
        guard digit >= 0 && digit <= 9 else { return nil }
        value = value &* 10 &+ digit
      }
      return value
    }
    guard let year = digits(0, 4), bytes[4] == UInt8(ascii: "-"),
      let month = digits(5, 2), bytes[7] == UInt8(ascii: "-"),
      let day = digits(8, 2)
    else { return nil }
    let separator = bytes[10]
    guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t")
      || separator == UInt8(ascii: " ")
    else { return nil }
    guard let hour = digits(11, 2), bytes[13] == UInt8(ascii: ":"),
      let minute = digits(14, 2), bytes[16] == UInt8(ascii: ":"),
      let second = digits(17, 2)
    else { return nil }
    guard (1...12).contains(month), day >= 1,
      day <= CivilDate.daysInMonth(year: year, month: month),
      hour <= 23, minute <= 59, second <= 60
    else { return nil }

    var position = 19
    var nanoseconds = 0
    if position < count && bytes[position] == UInt8(ascii: ".") {
      position += 1
      var fractionDigits = 0
      // At most nine digits: no overflow.
      while position < count, let digit = digits(position, 1) {
        guard fractionDigits < 9 else { return nil }
        nanoseconds = nanoseconds &* 10 &+ digit
        fractionDigits += 1
        position += 1
      }
      guard fractionDigits > 0 else { return nil }
      for _ in fractionDigits..<9 { nanoseconds = nanoseconds &* 10 }
    }

    var offsetSeconds = 0
    if position == count {
      // A zone-less time is UTC only in the space-separated form; `T` without a zone is ambiguous.
      guard separator == UInt8(ascii: " ") else { return nil }
    } else {
      let zone = bytes[position]
      if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
        position += 1
      } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
        guard position + 6 <= count, let zoneHours = digits(position + 1, 2),
          bytes[position + 3] == UInt8(ascii: ":"), let zoneMinutes = digits(position + 4, 2),
          zoneHours <= 23, zoneMinutes <= 59
        else { return nil }
        offsetSeconds = (zoneHours * 3600 + zoneMinutes * 60) * (zone == UInt8(ascii: "+") ? 1 : -1)
        position += 6
      } else {
        return nil
      }
      guard position == count else { return nil }
    }

    let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    return Timestamp(checkedSecondsSinceEpoch: Int64(seconds), nanoseconds: Int64(nanoseconds))
  }
}
