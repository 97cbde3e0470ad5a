import Foundation

/// One CSV cell, quoted when needed and guarded against formula injection (DESIGN §9).
enum CSVField {
  /// Characters that make a spreadsheet read a cell as a formula.
  private static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

  /// `text` as a cell: prefixed with `'` when it starts like a formula, and quoted (with `"`
  /// doubled) when it holds a comma, quote, line break, or leading or trailing space.
  static func escape(_ text: String) -> String {
    var cell = text
    if let first = cell.first, formulaStarts.contains(first) { cell = "'" + cell }
    let needsQuotes =
      cell.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || cell.first == " " || cell.last == " "
    return needsQuotes ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
  }

  /// One line of cells, ended by a line feed.
  static func line(_ cells: [String]) -> String {
    cells.map(escape).joined(separator: ",") + "\n"
  }
}
