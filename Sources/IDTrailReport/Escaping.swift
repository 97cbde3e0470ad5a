import Foundation

/// Escaping for every output format, shared by the renderers.
///
/// Names in logs are chosen by whoever created the account, so everything from an input is treated
/// as hostile: HTML-escaped, CSV-quoted and guarded against formula injection, XML-escaped.
public enum Escaping {
  /// Text safe inside HTML element content and double-quoted attribute values.
  public static func html(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.unicodeScalars.append(character)
      }
    }
    return escaped
  }

  /// Text safe in XML 1.0 content and attributes; characters XML 1.0 forbids become U+FFFD.
  public static func xml(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&apos;"
      case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        let allowed = (value >= 0x20 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD) || value >= 0x10000
        escaped.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return escaped
  }

  /// One CSV cell (RFC 4180): quoted when needed, and prefixed with `'` when it starts with a
  /// character a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return).
  public static func csvCell(_ text: String) -> String {
    var value = text
    if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      value = "'" + value
    }
    let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || value.hasPrefix(" ") || value.hasSuffix(" ")
    guard needsQuotes else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A CSV line from cells, ended with CRLF as RFC 4180 writes it.
  public static func csvLine(_ cells: [String]) -> String {
    cells.map(csvCell).joined(separator: ",") + "\r\n"
  }

  /// Text safe inside a Markdown table cell: pipes, backslashes, HTML and line breaks neutralised.
  public static func markdownCell(_ text: String) -> String {
    var escaped = ""
    for character in text {
      switch character {
      case "|": escaped += "\\|"
      case "\\": escaped += "\\\\"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "&": escaped += "&amp;"
      case "`": escaped += "\\`"
      case "*", "_", "[", "]": escaped += "\\" + String(character)
      case "\n", "\r": escaped += " "
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
