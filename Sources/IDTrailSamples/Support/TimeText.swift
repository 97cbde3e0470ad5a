import IDTrailModel

/// Writes instants the ways the source systems do: RFC 3339 with 0, 3 or 7–9 fraction digits,
/// with `Z` or `+00:00`, and plain dates.
enum TimeText {
  /// `time` as `YYYY-MM-DDTHH:MM:SS[.fff…]` followed by `suffix`, the fraction truncated to
  /// `digits` digits (0 writes none).
  static func iso(_ time: Timestamp, digits: Int, suffix: String = "Z") -> String {
    let parts = Parts(time)
    var text = pad(parts.year, 4) + "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2) + "T"
    text += pad(parts.hour, 2) + ":" + pad(parts.minute, 2) + ":" + pad(parts.second, 2)
    if digits > 0 {
      var divisor = 1
      for _ in digits..<9 { divisor *= 10 }
      text += "." + pad(parts.nanosecond / divisor, digits)
    }
    return text + suffix
  }

  /// Milliseconds and `Z`, as GitLab, Okta and Google write.
  static func milliseconds(_ time: Timestamp) -> String { iso(time, digits: 3) }

  /// `YYYY-MM-DD`.
  static func date(_ time: Timestamp) -> String {
    let parts = Parts(time)
    return pad(parts.year, 4) + "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2)
  }

  /// Appends `time` with `digits` fraction digits and `Z` to `sink`, without building strings.
  static func write(_ time: Timestamp, digits: Int, to sink: ByteSink) {
    let parts = Parts(time)
    sink.append(digits: parts.year, width: 4)
    sink.append(byte: UInt8(ascii: "-"))
    sink.append(digits: parts.month, width: 2)
    sink.append(byte: UInt8(ascii: "-"))
    sink.append(digits: parts.day, width: 2)
    sink.append(byte: UInt8(ascii: "T"))
    sink.append(digits: parts.hour, width: 2)
    sink.append(byte: UInt8(ascii: ":"))
    sink.append(digits: parts.minute, width: 2)
    sink.append(byte: UInt8(ascii: ":"))
    sink.append(digits: parts.second, width: 2)
    if digits > 0 {
      var divisor = 1
      for _ in digits..<9 { divisor *= 10 }
      sink.append(byte: UInt8(ascii: "."))
      sink.append(digits: parts.nanosecond / divisor, width: digits)
    }
    sink.append(byte: UInt8(ascii: "Z"))
  }

  /// The calendar fields of an instant in UTC.
  struct Parts {
    var year, month, day, hour, minute, second, nanosecond: Int

    init(_ time: Timestamp) {
      let seconds = time.secondsSinceEpoch
      nanosecond = Int(time.nanosecondsSinceEpoch - seconds * 1_000_000_000)
      var days = Int(seconds / 86_400)
      var secondOfDay = Int(seconds % 86_400)
      if secondOfDay < 0 {
        secondOfDay += 86_400
        days -= 1
      }
      (year, month, day) = CivilDate.civil(fromDaysSinceEpoch: days)
      hour = secondOfDay / 3600
      minute = secondOfDay / 60 % 60
      second = secondOfDay % 60
    }
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}

extension Timestamp {
  /// The instant `milliseconds` later.
  func plus(milliseconds: Int) -> Timestamp {
    Timestamp(nanosecondsSinceEpoch: nanosecondsSinceEpoch + Int64(milliseconds) * 1_000_000)
  }

  /// The instant `seconds` later.
  func plus(seconds: Int) -> Timestamp { plus(milliseconds: seconds * 1000) }

  /// Days since 1970-01-01 (UTC) of this instant.
  var daysSinceEpoch: Int { Int(secondsSinceEpoch / 86_400) }

  /// Midnight UTC of `day` (days since the epoch).
  static func startOfDay(_ day: Int) -> Timestamp { Timestamp(secondsSinceEpoch: Int64(day) * 86_400) }
}
