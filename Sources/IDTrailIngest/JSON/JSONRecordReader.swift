import Glibc
import IDTrailModel

/// How the records of a JSON input are laid out.
public enum JSONLayout: String, Sendable {
  /// One value per line (NDJSON / JSON Lines). Locators are line numbers.
  case lines
  /// One top-level array whose elements are the records. Locators are element index and offset.
  case array
  /// One or more values that span lines (a pretty-printed document, or several in a row).
  /// Locators are the line where each value starts.
  case values
}

/// Streams the records of a JSON input one at a time, each parsed onto a reused tape.
///
/// A record that is not valid JSON is reported with its locator and the reader goes on with the
/// next one: the next line for `lines`, the next line that opens a value for `values`. A broken
/// array element cannot be split from what follows it, so the rest of the array is reported as one
/// malformed record.
public struct JSONRecordReader {
  /// What the reader hands to its caller for each record.
  public enum Record {
    case value(JSONValue, Locator)
    case malformed(Locator, JSONSyntaxError)
  }

  private var parser: JSONParser
  private let path: String

  public init(path: String, maximumDepth: Int = 128) {
    self.path = path
    self.parser = JSONParser(maximumDepth: maximumDepth)
  }

  /// Works out the layout from the first lines, or nil when the input does not start like JSON.
  ///
  /// `[` opens an array. An object whose first line ends with `}` is NDJSON; one that goes on over
  /// several lines is a pretty-printed value, unless the next non-blank line opens another object
  /// (then the first NDJSON line is truncated or broken). Nothing is parsed, so a huge single-line
  /// input is not read twice.
  public static func detectLayout(_ bytes: UnsafeRawBufferPointer) -> JSONLayout? {
    var position = bomLength(bytes)
    skipWhitespace(bytes, &position, limit: bytes.count)
    guard position < bytes.count else { return nil }
    switch bytes[position] {
    case UInt8(ascii: "["):
      return .array
    case UInt8(ascii: "{"):
      // One value per line when the first value fits on the first line: a first line that is
      // valid JSON, or broken in some other way than running on past its end, is NDJSON. A value
      // that runs on past its line and parses is a pretty-printed document or an envelope such as
      // `{"users": [` with one element per line. One that runs on and does not parse is a cut
      // NDJSON record when the next line opens a new object, else a broken pretty document.
      guard let lineEnd = firstNewline(bytes, from: position, limit: bytes.count) else { return .lines }
      var parser = JSONParser()
      do throws(JSONSyntaxError) {
        _ = try parser.parseValue(in: bytes, from: position, limit: lineEnd)
        return .lines
      } catch {
        guard error.problem == .unexpectedEnd else { return .lines }
      }
      if (try? parser.parseValue(in: bytes, from: position, limit: bytes.count)) != nil { return .values }
      let next = lineEnd + 1
      return next < bytes.count && bytes[next] == UInt8(ascii: "{") ? .lines : .values
    default:
      return nil
    }
  }

  /// Reads every record in `range` of `bytes`.
  ///
  /// - Parameters:
  ///   - firstLine: the line number of the first byte of `range` (for inputs split into chunks).
  ///   - body: called once per record, in input order; it returns false to stop reading.
  public mutating func forEachRecord(
    in bytes: UnsafeRawBufferPointer, range: Range<Int>, layout: JSONLayout, firstLine: Int = 1,
    _ body: (Record) -> Bool
  ) {
    switch layout {
    case .lines: readLines(bytes, range, firstLine, body)
    case .array: readArray(bytes, range, body)
    case .values: readValues(bytes, range, firstLine, body)
    }
  }

  /// `forEachRecord` for the `lines` layout, numbering lines from 1.
  ///
  /// - Returns: how many line feeds the reading went past: all those in `range` unless `body`
  ///   stopped it (so that a reader of one part of an input need not count them again).
  mutating func forEachLine(
    in bytes: UnsafeRawBufferPointer, range: Range<Int>, _ body: (Record) -> Bool
  ) -> Int {
    readLines(bytes, range, 1, body)
  }

  /// Reads the lines of `range`; returns how many line feeds it went past.
  ///
  /// Each line is parsed within its line (`JSONParser.parseValue(withinLine:)`), which finds its
  /// end on the way; only a line that fails so is looked at again: its end found first, then
  /// parsed up to it, for the same error as ever.
  @discardableResult
  private mutating func readLines(
    _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ firstLine: Int, _ body: (Record) -> Bool
  ) -> Int {
    var lineStart = range.lowerBound == 0 ? Self.bomLength(bytes) : range.lowerBound
    var line = firstLine
    while lineStart < range.upperBound {
      var position = lineStart
      Self.skipBlanks(bytes, &position, limit: range.upperBound)
      var lineEnd = position
      if position < range.upperBound && bytes[position] != UInt8(ascii: "\n") {
        let locator = Locator.line(line, in: path)
        if let end = parsedWithinLine(bytes, from: position, limit: range.upperBound) {
          lineEnd = end
          guard deliver(bytes, locator, body) else { return line - firstLine }
        } else {
          // The value failed, or more than white space follows it on its line.
          lineEnd = Self.firstNewline(bytes, from: position, limit: range.upperBound) ?? range.upperBound
          guard parseOne(bytes, from: position, limit: lineEnd, locator: locator, body) else {
            return line - firstLine
          }
        }
      }
      guard lineEnd < range.upperBound else { break }
      lineStart = lineEnd + 1
      line += 1
    }
    return line - firstLine
  }

  private mutating func readValues(
    _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ firstLine: Int, _ body: (Record) -> Bool
  ) {
    var position = range.lowerBound == 0 ? Self.bomLength(bytes) : range.lowerBound
    var line = firstLine
    var counted = range.lowerBound
    while true {
      Self.skipWhitespace(bytes, &position, limit: range.upperBound)
      guard position < range.upperBound else { return }
      line += Self.countNewlines(bytes, counted..<position)
      counted = position
      let locator = Locator.line(line, in: path)
      do throws(JSONSyntaxError) {
        position = try parser.parseValue(in: bytes, from: position, limit: range.upperBound)
        guard deliver(bytes, locator, body) else { return }
      } catch {
        guard body(.malformed(locator, error)) else { return }
        // Go on at the next line that opens a value, after the place the error was found.
        position = Self.nextValueLine(bytes, after: max(error.offset, position + 1), limit: range.upperBound)
      }
    }
  }

  private mutating func readArray(
    _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ body: (Record) -> Bool
  ) {
    var position = range.lowerBound == 0 ? Self.bomLength(bytes) : range.lowerBound
    Self.skipWhitespace(bytes, &position, limit: range.upperBound)
    do throws(JSONSyntaxError) {
      guard position < range.upperBound else { throw JSONSyntaxError(.unexpectedEnd, at: position) }
      guard bytes[position] == UInt8(ascii: "[") else {
        throw JSONSyntaxError(.unexpectedByte(bytes[position]), at: position)
      }
    } catch {
      _ = body(.malformed(Locator(path: path, position: .record(index: 1, byteOffset: error.offset)), error))
      return
    }
    position += 1
    Self.skipWhitespace(bytes, &position, limit: range.upperBound)
    if position < range.upperBound && bytes[position] == UInt8(ascii: "]") {
      var end = position + 1
      Self.skipWhitespace(bytes, &end, limit: range.upperBound)
      if end < range.upperBound {
        let error = JSONSyntaxError(.trailingBytes, at: end)
        _ = body(.malformed(Locator(path: path, position: .record(index: 1, byteOffset: end)), error))
      }
      return
    }
    _ = readArrayElements(bytes, from: position, until: range.upperBound, limit: range.upperBound, body)
  }

  /// How reading a run of array elements ended.
  enum ArrayRunEnd: Equatable, Sendable {
    /// At the start of the element at this offset, the first at or after the `until` offset.
    case element(at: Int)
    /// At the array's closing bracket, with nothing but white space after it.
    case closed
    /// At a syntax error, reported as the last record: nothing after it can be delimited.
    case malformed
  }

  /// Reads array elements from `start`, the first byte of an element, numbering them from 1,
  /// until the array closes, an element fails, or the next element starts at or after `until`.
  ///
  /// The parallel reader starts runs at places that look like element starts and keeps a run
  /// only when the run before it ended exactly there.
  mutating func readArrayElements(
    _ bytes: UnsafeRawBufferPointer, from start: Int, until: Int, limit: Int, _ body: (Record) -> Bool
  ) -> ArrayRunEnd {
    var position = start
    var index = 1
    do throws(JSONSyntaxError) {
      while true {
        Self.skipWhitespace(bytes, &position, limit: limit)
        if position >= until && position < limit && position > start { return .element(at: position) }
        let locator = Locator(path: path, position: .record(index: index, byteOffset: position))
        do throws(JSONSyntaxError) {
          position = try parser.parseValue(in: bytes, from: position, limit: limit)
        } catch {
          // The element could not be delimited, so neither can anything after it.
          _ = body(.malformed(locator, error))
          return .malformed
        }
        guard deliver(bytes, locator, body) else { return .malformed }
        index += 1
        // From here on a problem belongs to the rest of the array: the next record.
        Self.skipWhitespace(bytes, &position, limit: limit)
        guard position < limit else { throw JSONSyntaxError(.unexpectedEnd, at: position) }
        let separator = bytes[position]
        position += 1
        if separator == UInt8(ascii: "]") { break }
        if separator != UInt8(ascii: ",") {
          throw JSONSyntaxError(.unexpectedByte(separator), at: position - 1)
        }
      }
      Self.skipWhitespace(bytes, &position, limit: limit)
      if position < limit { throw JSONSyntaxError(.trailingBytes, at: position) }
      return .closed
    } catch {
      let rest = Locator(path: path, position: .record(index: index, byteOffset: error.offset))
      _ = body(.malformed(rest, error))
      return .malformed
    }
  }

  /// Parses the value at `start` within its line; returns the end of the line (its line feed, or
  /// `limit`) when the value parses and only white space follows it there, else nil.
  @inline(__always)
  private mutating func parsedWithinLine(
    _ bytes: UnsafeRawBufferPointer, from start: Int, limit: Int
  ) -> Int? {
    guard var end = try? parser.parseValue(in: bytes, from: start, limit: limit, withinLine: true) else {
      return nil
    }
    Self.skipBlanks(bytes, &end, limit: limit)
    return end == limit || bytes[end] == UInt8(ascii: "\n") ? end : nil
  }

  private mutating func parseOne(
    _ bytes: UnsafeRawBufferPointer, from start: Int, limit: Int, locator: Locator,
    _ body: (Record) -> Bool
  ) -> Bool {
    do throws(JSONSyntaxError) {
      var end = try parser.parseValue(in: bytes, from: start, limit: limit)
      Self.skipWhitespace(bytes, &end, limit: limit)
      guard end == limit else { throw JSONSyntaxError(.trailingBytes, at: end) }
      return deliver(bytes, locator, body)
    } catch {
      return body(.malformed(locator, error))
    }
  }

  /// Hands the value just parsed to `body`; the view lives only as long as that call.
  private func deliver(
    _ bytes: UnsafeRawBufferPointer, _ locator: Locator, _ body: (Record) -> Bool
  ) -> Bool {
    parser.tokens.withUnsafeBufferPointer { tokens in
      body(.value(JSONValue(bytes: bytes, tokens: tokens, index: 0), locator))
    }
  }

  // MARK: - Byte helpers

  static func bomLength(_ bytes: UnsafeRawBufferPointer) -> Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  @inline(__always)
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  static func skipWhitespace(_ bytes: UnsafeRawBufferPointer, _ position: inout Int, limit: Int) {
    while position < limit, isWhitespace(bytes[position]) { position += 1 }
  }

  /// Skips white space other than line feeds.
  @inline(__always)
  private static func skipBlanks(_ bytes: UnsafeRawBufferPointer, _ position: inout Int, limit: Int) {
    while position < limit, bytes[position] == 0x20 || bytes[position] == 0x0D || bytes[position] == 0x09 {
      position += 1
    }
  }

  /// Offset of the first `\n` in `start..<limit`, found with `memchr`.
  static func firstNewline(_ bytes: UnsafeRawBufferPointer, from start: Int, limit: Int) -> Int? {
    guard start < limit, let base = bytes.baseAddress else { return nil }
    guard let found = memchr(base + start, 0x0A, limit - start) else { return nil }
    return UnsafeRawPointer(found) - base
  }

  static func countNewlines(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
    var count = 0
    var position = range.lowerBound
    while let newline = firstNewline(bytes, from: position, limit: range.upperBound) {
      count += 1
      position = newline + 1
    }
    return count
  }

  /// The start of the next line, after `offset`, whose first byte opens an object or array.
  private static func nextValueLine(_ bytes: UnsafeRawBufferPointer, after offset: Int, limit: Int) -> Int {
    var position = offset
    while let newline = firstNewline(bytes, from: position, limit: limit) {
      let next = newline + 1
      if next < limit, bytes[next] == UInt8(ascii: "{") || bytes[next] == UInt8(ascii: "[") {
        return next
      }
      position = next
    }
    return limit
  }
}
