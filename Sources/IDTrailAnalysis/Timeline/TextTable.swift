/// Left-aligned columns for terminal output, with input text made safe to print.
enum TextTable {
  /// The rows under the header, each column as wide as its widest cell, two spaces apart.
  static func render(header: [String], rows: [[String]], indent: String = "  ") -> String {
    let cells = ([header] + rows).map { $0.map(printable) }
    var widths = [Int](repeating: 0, count: header.count)
    for row in cells {
      for (column, cell) in row.enumerated() where column < widths.count {
        widths[column] = max(widths[column], cell.count)
      }
    }
    var text = ""
    for row in cells {
      var line = indent
      for (column, cell) in row.enumerated() {
        let isLast = column == row.count - 1
        line += isLast ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
      }
      while line.hasSuffix(" ") { line.removeLast() }
      text += line + "\n"
    }
    return text
  }

  /// Control characters (terminal escapes, newlines) shown as `\u{1B}` so input cannot change
  /// the terminal or break a line.
  static func printable(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      if isControl(scalar) {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }
}
