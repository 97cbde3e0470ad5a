/// One row of a CSV input, with the line it starts on.
public struct CSVRow: Sendable, Hashable {
  /// The 1-based line number where the row starts (a quoted field may carry it over more lines).
  public var line: Int
  /// The fields in order, unquoted (`""` inside quotes read as `"`), otherwise exactly as written.
  public var fields: [String]

  public init(line: Int, fields: [String]) {
    self.line = line
    self.fields = fields
  }
}

/// What `CSVReader` hands out for each row: the row, or why it could not be read.
public enum CSVRecord: Sendable, Hashable {
  case row(CSVRow)
  /// A row that breaks RFC 4180, with the line where it starts; the reader goes on after it.
  case malformed(line: Int, CSVSyntaxError)
}

/// Why a CSV row could not be read.
public struct CSVSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// A quoted field opened on `openedOnLine` never closes before the input ends.
    case unterminatedQuote(openedOnLine: Int)
    /// A `"` in the middle of a field that does not start with one.
    case strayQuote
    /// Something other than a comma or a line break right after a closing quote.
    case textAfterClosingQuote
    /// The row's bytes are not valid UTF-8.
    case invalidUTF8
    /// The row is longer than the reader's limit.
    case rowTooLong(limit: Int)
  }

  public var kind: Kind
  /// The 1-based field number where the problem is; nil when it concerns the whole row.
  public var field: Int?

  public init(_ kind: Kind, field: Int? = nil) {
    self.kind = kind
    self.field = field
  }

  public var description: String {
    let place = field.map { "field \($0): " } ?? ""
    switch kind {
    case .unterminatedQuote(let line):
      return "\(place)the quoted field opened on line \(line) is never closed before the end of the input"
    case .strayQuote:
      return "\(place)a quote (\") inside a field that does not start with one; "
        + "quote the whole field and double the quotes inside it (RFC 4180)"
    case .textAfterClosingQuote:
      return "\(place)text after a closing quote; a quoted field must end at a comma or line break, "
        + "and quotes inside it must be doubled (RFC 4180)"
    case .invalidUTF8:
      return "the row is not valid UTF-8; re-export the file as UTF-8"
    case .rowTooLong(let limit):
      return "the row is longer than \(limit) bytes, more than any export writes; the file is damaged"
    }
  }
}
