extension Timestamp {
  /// RFC 3339 in UTC: `2025-02-01T10:15:30Z`, with milliseconds (or finer) only when present.
  public var rfc3339: String {
    let seconds = secondsSinceEpoch
    let fraction = Int(nanosecondOfSecond)
    var days = Int(seconds / 86_400)
    var secondOfDay = Int(seconds % 86_400)
    if secondOfDay < 0 {
      secondOfDay += 86_400
      days -= 1
    }
    let date = CivilDate.civil(fromDaysSinceEpoch: days)
    var text = Self.pad(date.year, 4) + "-" + Self.pad(date.month, 2) + "-" + Self.pad(date.day, 2)
    text += "T" + Self.pad(secondOfDay / 3600, 2) + ":" + Self.pad(secondOfDay / 60 % 60, 2)
    text += ":" + Self.pad(secondOfDay % 60, 2)
    if fraction != 0 {
      var digits = Self.pad(fraction, 9)
      while digits.count > 3 && digits.hasSuffix("0") { digits.removeLast() }
      text += "." + digits
    }
    return text + "Z"
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
