import Foundation

/// Escaping for every output format, shared by the renderers.
///
/// Names in logs are chosen by whoever created the account, so everything from an input is treated
/// as hostile: HTML-escaped, CSV-quoted and guarded against formula injection, XML-escaped,
/// Markdown-neutralised. Control characters (C0 but tab and line breaks, DEL, C1) and the Unicode
/// bidirectional overrides, which could hide or reorder text, become U+FFFD in every format but
/// JSON, which carries the data exactly (escaped as JSON requires).
///
/// Every function walks Unicode scalars, not characters: a CRLF is one `Character` in Swift and
/// would slip past a test for `"\n"`.
public enum Escaping {
  /// Text safe inside HTML element content and double-quoted attribute values.
  public static func html(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.unicodeScalars.append(isUnsafe(scalar) ? replacement : scalar)
      }
    }
    return escaped
  }

  /// Text safe in XML 1.0 content and attributes; characters XML 1.0 forbids become U+FFFD, and a
  /// carriage return is written as a reference so that parsers keep it.
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
      case "\r": escaped += "&#13;"
      case "\t", "\n": escaped.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        let allowed =
          (value >= 0x20 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD) || value >= 0x10000
        escaped.unicodeScalars.append(allowed && !isUnsafe(scalar) ? scalar : replacement)
      }
    }
    return escaped
  }

  /// One CSV cell (RFC 4180): quoted when needed, and prefixed with `'` when its first character
  /// that is not a space is one a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab,
  /// carriage return).
  public static func csvCell(_ text: String) -> String {
    var value = String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { scalar in
          scalar == "\t" || scalar == "\n" || scalar == "\r" || !isUnsafe(scalar) ? scalar : replacement
        }))
    if let first = value.unicodeScalars.first(where: { $0 != " " }), "=+-@\t\r".unicodeScalars.contains(first)
    {
      value = "'" + value
    }
    let needsQuotes =
      value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || value.hasPrefix(" ") || value.hasSuffix(" ")
    guard needsQuotes else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A CSV line from cells, ended with CRLF as RFC 4180 writes it.
  public static func csvLine(_ cells: [String]) -> String {
    cells.map(csvCell).joined(separator: ",") + "\r\n"
  }

  /// Text safe inside a Markdown table cell or list item, in GitLab and GitHub Markdown.
  ///
  /// Pipes and line breaks cannot end the cell; HTML, links, images, emphasis and code spans
  /// cannot start; GitLab references (`@user`, `#1`, `!1`, `~label`, `%milestone`, `$snippet`)
  /// cannot notify or link. Every ASCII punctuation a renderer acts on is backslash-escaped, which
  /// CommonMark renders as the character itself.
  public static func markdownCell(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "&": escaped += "&amp;"
      case "|", "\\", "`", "*", "_", "[", "]", "!", "#", "@", "~", "$", "%", "{", "}":
        escaped += "\\" + String(scalar)
      case "\n", "\r", "\t": escaped += " "
      default: escaped.unicodeScalars.append(isUnsafe(scalar) ? replacement : scalar)
      }
    }
    return escaped
  }

  /// Text for a Markdown table cell shown in monospace: `markdownCell` inside an HTML `<code>`
  /// element (a backtick code span would let a backtick in the text end it early, and does not
  /// honour backslash escapes).
  public static func markdownCode(_ text: String) -> String {
    "<code>" + markdownCell(text) + "</code>"
  }

  /// Text for one line of a terminal: control characters, escape sequences included, and
  /// bidirectional overrides become U+FFFD, line breaks and tabs become spaces.
  public static func terminalLine(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { scalar in
          scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : isUnsafe(scalar) ? replacement : scalar
        }))
  }

  /// A label value for OpenMetrics text: `\`, `"` and line feeds escaped as the format requires,
  /// other control characters replaced.
  public static func openMetricsLabel(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      case "\r", "\t": escaped.unicodeScalars.append(replacement)
      default: escaped.unicodeScalars.append(isUnsafe(scalar) ? replacement : scalar)
      }
    }
    return escaped
  }

  private static let replacement: Unicode.Scalar = "\u{FFFD}"

  /// C0 controls other than tab, line feed and carriage return; DEL; C1 controls; the
  /// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
  private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D: return false
    case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }
}
