/// Escaping for the text formats the generator writes besides JSON (which `JSONText` escapes).
enum TextEscaping {
  /// `text` safe inside XML character data and inside double-quoted attribute values.
  static func xml(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }

  /// `field` as one RFC 4180 CSV field: quoted (with inner quotes doubled) when it holds a comma,
  /// a quote, a CR or an LF, or starts or ends with a space.
  static func csv(_ field: String) -> String {
    let needsQuotes =
      field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
      || field.hasPrefix(" ") || field.hasSuffix(" ")
    guard needsQuotes else { return field }
    var quoted = "\""
    for character in field {
      quoted += character == "\"" ? "\"\"" : String(character)
    }
    return quoted + "\""
  }
}
