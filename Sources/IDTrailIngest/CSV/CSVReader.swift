/// Reads RFC 4180 CSV row by row, straight from the input bytes.
///
/// - Fields are separated by commas; rows end at LF or CR LF, and the last row may have no line
///   ending. A leading UTF-8 byte order mark is skipped. Empty lines are not rows.
/// - A field that starts with `"` is quoted: it runs to the next lone `"`, may hold commas and line
///   breaks (kept exactly as written), and `""` inside it stands for one `"`. Other fields are taken
///   exactly as written, spaces included; a lone CR inside one is data.
/// - Each row carries the 1-based line where it starts.
/// - A row that breaks these rules, or is not valid UTF-8, comes out as `.malformed` with its line,
///   and reading goes on: after a stray quote, at the next line; after a quoted field that never
///   closes, at the line after the one that opened it. The latter happens at most once per input:
///   every run of quotes after such a field has an even length (or the field would have closed),
///   so no field opened later can stay open to the end, and no input costs more than two passes.
///
/// The reader never traps, whatever the bytes. It borrows `bytes`, so it must not outlive them.
public struct CSVReader: Sequence, IteratorProtocol {
  /// The default longest row: far beyond what an export writes (GitLab cuts its long audit
  /// fields at 5,500 characters), small enough that a damaged file cannot exhaust memory.
  public static let defaultMaximumRowBytes = 1 << 20

  private static let comma = UInt8(ascii: ",")
  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  private let bytes: UnsafeRawBufferPointer
  private let maximumRowBytes: Int
  private var position: Int
  /// The line that `position` is on.
  private var line = 1
  private var fieldRanges: [FieldRange] = []

  /// Where one field's content is, and whether it holds doubled quotes to undo.
  private struct FieldRange {
    var range: Range<Int>
    var hasDoubledQuotes: Bool
  }

  private enum FieldOutcome {
    /// A field, and whether a comma follows it (false: the row ends after it).
    case field(FieldRange, moreFollow: Bool)
    case failure(CSVSyntaxError.Kind)
  }

  /// - Parameter maximumRowBytes: rows longer than this are reported as malformed.
  public init(_ bytes: UnsafeRawBufferPointer, maximumRowBytes: Int = defaultMaximumRowBytes) {
    self.bytes = bytes
    self.maximumRowBytes = maximumRowBytes
    self.position = JSONRecordReader.bomLength(bytes)
  }

  /// The next row, or nil at the end of the input.
  public mutating func next() -> CSVRecord? {
    skipEmptyLines()
    guard position < bytes.count else { return nil }
    let rowStart = position
    let rowLine = line
    fieldRanges.removeAll(keepingCapacity: true)
    var tooLong = false
    while true {
      switch readField() {
      case .failure(let kind):
        let field = fieldRanges.count + 1
        return .malformed(line: rowLine, CSVSyntaxError(kind, field: tooLong ? nil : field))
      case .field(let range, let moreFollow):
        if position - rowStart > maximumRowBytes {
          tooLong = true
          fieldRanges.removeAll()
        }
        if !tooLong { fieldRanges.append(range) }
        if moreFollow { continue }
      }
      break
    }
    if tooLong {
      return .malformed(line: rowLine, CSVSyntaxError(.rowTooLong(limit: maximumRowBytes)))
    }
    guard UTF8Validation.isValid(UnsafeRawBufferPointer(rebasing: bytes[rowStart..<position])) else {
      return .malformed(line: rowLine, CSVSyntaxError(.invalidUTF8))
    }
    return .row(CSVRow(line: rowLine, fields: fieldRanges.map(text(of:))))
  }

  // MARK: - Fields

  private mutating func readField() -> FieldOutcome {
    if position < bytes.count && bytes[position] == Self.quote {
      return readQuotedField()
    }
    let start = position
    while position < bytes.count {
      switch bytes[position] {
      case Self.comma:
        defer { position += 1 }
        return .field(FieldRange(range: start..<position, hasDoubledQuotes: false), moreFollow: true)
      case Self.lineFeed:
        let end = position > start && bytes[position - 1] == Self.carriageReturn ? position - 1 : position
        position += 1
        line += 1
        return .field(FieldRange(range: start..<end, hasDoubledQuotes: false), moreFollow: false)
      case Self.quote:
        skipRestOfLine()
        return .failure(.strayQuote)
      default:
        position += 1
      }
    }
    let end = position > start && bytes[position - 1] == Self.carriageReturn ? position - 1 : position
    return .field(FieldRange(range: start..<end, hasDoubledQuotes: false), moreFollow: false)
  }

  private mutating func readQuotedField() -> FieldOutcome {
    let openedAt = position
    let openedOnLine = line
    position += 1
    let contentStart = position
    var hasDoubledQuotes = false
    while true {
      guard let closing = nextQuote(from: position) else {
        resumeAfterUnterminatedQuote(openedAt: openedAt, openedOnLine: openedOnLine)
        return .failure(.unterminatedQuote(openedOnLine: openedOnLine))
      }
      line += newlineCount(position..<closing)
      if closing + 1 < bytes.count && bytes[closing + 1] == Self.quote {
        hasDoubledQuotes = true
        position = closing + 2
        continue
      }
      let field = FieldRange(range: contentStart..<closing, hasDoubledQuotes: hasDoubledQuotes)
      position = closing + 1
      guard position < bytes.count else { return .field(field, moreFollow: false) }
      switch bytes[position] {
      case Self.comma:
        position += 1
        return .field(field, moreFollow: true)
      case Self.lineFeed:
        position += 1
        line += 1
        return .field(field, moreFollow: false)
      case Self.carriageReturn where position + 1 == bytes.count:
        position += 1
        return .field(field, moreFollow: false)
      case Self.carriageReturn where bytes[position + 1] == Self.lineFeed:
        position += 2
        line += 1
        return .field(field, moreFollow: false)
      default:
        skipRestOfLine()
        return .failure(.textAfterClosingQuote)
      }
    }
  }

  /// The field's text: its bytes as they are, or with each `""` read as `"`.
  private func text(of field: FieldRange) -> String {
    let content = UnsafeRawBufferPointer(rebasing: bytes[field.range])
    guard field.hasDoubledQuotes else { return String(decoding: content, as: UTF8.self) }
    var unquoted: [UInt8] = []
    unquoted.reserveCapacity(content.count)
    var index = 0
    while index < content.count {
      let byte = content[index]
      unquoted.append(byte)
      // Inside a quoted field every quote is the first of a pair; skip its twin.
      index += byte == Self.quote ? 2 : 1
    }
    return String(decoding: unquoted, as: UTF8.self)
  }

  // MARK: - Moving on

  private mutating func skipEmptyLines() {
    while position < bytes.count {
      if bytes[position] == Self.lineFeed {
        position += 1
      } else if bytes[position] == Self.carriageReturn, position + 1 < bytes.count,
        bytes[position + 1] == Self.lineFeed
      {
        position += 2
      } else {
        return
      }
      line += 1
    }
  }

  /// Moves to the start of the next line (after an error that ends the row where it was found).
  private mutating func skipRestOfLine() {
    if let newline = JSONRecordReader.firstNewline(bytes, from: position, limit: bytes.count) {
      position = newline + 1
      line += 1
    } else {
      position = bytes.count
    }
  }

  /// Goes back to the line after the one where a never-closed quote opened.
  private mutating func resumeAfterUnterminatedQuote(openedAt: Int, openedOnLine: Int) {
    position = openedAt
    line = openedOnLine
    skipRestOfLine()
  }

  private func nextQuote(from start: Int) -> Int? {
    var index = start
    while index < bytes.count {
      if bytes[index] == Self.quote { return index }
      index += 1
    }
    return nil
  }

  private func newlineCount(_ range: Range<Int>) -> Int {
    var count = 0
    for index in range where bytes[index] == Self.lineFeed {
      count += 1
    }
    return count
  }
}
