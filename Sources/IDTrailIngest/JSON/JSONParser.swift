/// A strict RFC 8259 parser that turns one JSON value into a tape of tokens over the input bytes.
///
/// It builds no strings and no tree: values stay bytes in the input until a decoder asks for one
/// field. String escapes, `\u` surrogate pairs, UTF-8, numbers and literals are all validated, and
/// nesting deeper than `maximumDepth` is an error rather than a stack overflow. The tape is reused
/// from one record to the next, so a stream of records allocates nothing once it is warm; it is
/// written through a pointer, so a token costs a store and no array bookkeeping.
struct JSONParser {
  /// The deepest nesting accepted; deeper input is rejected with `tooDeep`.
  let maximumDepth: Int
  /// Owns the tape's memory; copies of a parser share it until one of them parses.
  private var storage: JSONTapeStorage
  private var count = 0

  init(maximumDepth: Int = JSONParser.defaultMaximumDepth) {
    self.maximumDepth = maximumDepth
    storage = JSONTapeStorage(capacity: 256)
  }

  /// The tokens of the value last parsed; valid until the next parse.
  var tokens: JSONTape {
    JSONTape(buffer: UnsafeBufferPointer(start: storage.base, count: count))
  }

  static let defaultMaximumDepth = 128

  /// Parses the single value that starts at or after `start` (after whitespace) and ends before
  /// `limit`.
  ///
  /// - Parameter withinLine: when true, a line feed is not white space, so that a value that would
  ///   run on past the end of its line fails (with whatever error comes first) instead: an NDJSON
  ///   reader can then parse a line without finding its end first, and find it only for the lines
  ///   that fail, whose exact error it gets by parsing again up to the line's end.
  /// - Returns: the offset just past the value. Bytes after it are the caller's to check.
  /// - Throws: `JSONSyntaxError` with the absolute offset of the problem.
  mutating func parseValue(
    in buffer: UnsafeRawBufferPointer, from start: Int, limit: Int, withinLine: Bool = false
  ) throws(JSONSyntaxError) -> Int {
    if !isKnownUniquelyReferenced(&storage) { storage = JSONTapeStorage(capacity: storage.capacity) }
    count = 0
    guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
      throw JSONSyntaxError(.unexpectedEnd, at: start)
    }
    var cursor = Cursor(base: base, position: start, limit: limit, lineFeedIsWhitespace: !withinLine)
    try parseAny(&cursor, depth: 0)
    return cursor.position
  }

  @inline(__always)
  private mutating func append(_ token: JSONToken) {
    if count == storage.capacity { storage = storage.doubled(keeping: count) }
    storage.base[count] = token
    count += 1
  }

  // MARK: - Values

  private mutating func parseAny(_ cursor: inout Cursor, depth: Int) throws(JSONSyntaxError) {
    cursor.skipWhitespace()
    guard cursor.position < cursor.limit else {
      throw JSONSyntaxError(.unexpectedEnd, at: cursor.position)
    }
    let byte = cursor.base[cursor.position]
    switch byte {
    case UInt8(ascii: "{"): try parseObject(&cursor, depth: depth + 1)
    case UInt8(ascii: "["): try parseArray(&cursor, depth: depth + 1)
    case UInt8(ascii: "\""): try parseString(&cursor)
    case UInt8(ascii: "t"): try parseLiteral(&cursor, "true", .true)
    case UInt8(ascii: "f"): try parseLiteral(&cursor, "false", .false)
    case UInt8(ascii: "n"): try parseLiteral(&cursor, "null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber(&cursor)
    default: throw JSONSyntaxError(.unexpectedByte(byte), at: cursor.position)
    }
  }

  private mutating func parseObject(_ cursor: inout Cursor, depth: Int) throws(JSONSyntaxError) {
    guard depth <= maximumDepth else {
      throw JSONSyntaxError(.tooDeep(limit: maximumDepth), at: cursor.position)
    }
    let index = count
    let start = cursor.position
    append(JSONToken(kind: .object, isEscaped: false, start: start, end: start, next: 0))
    cursor.position += 1
    cursor.skipWhitespace()
    if cursor.peek() == UInt8(ascii: "}") {
      cursor.position += 1
    } else {
      while true {
        cursor.skipWhitespace()
        guard cursor.position < cursor.limit else {
          throw JSONSyntaxError(.unexpectedEnd, at: cursor.position)
        }
        let byte = cursor.base[cursor.position]
        guard byte == UInt8(ascii: "\"") else {
          throw JSONSyntaxError(.unexpectedByte(byte), at: cursor.position)
        }
        try parseString(&cursor)
        cursor.skipWhitespace()
        try cursor.expect(UInt8(ascii: ":"))
        try parseAny(&cursor, depth: depth)
        cursor.skipWhitespace()
        guard cursor.position < cursor.limit else {
          throw JSONSyntaxError(.unexpectedEnd, at: cursor.position)
        }
        let separator = cursor.base[cursor.position]
        cursor.position += 1
        if separator == UInt8(ascii: ",") { continue }
        if separator == UInt8(ascii: "}") { break }
        throw JSONSyntaxError(.unexpectedByte(separator), at: cursor.position - 1)
      }
    }
    storage.base[index].end = cursor.position
    storage.base[index].next = count
  }

  private mutating func parseArray(_ cursor: inout Cursor, depth: Int) throws(JSONSyntaxError) {
    guard depth <= maximumDepth else {
      throw JSONSyntaxError(.tooDeep(limit: maximumDepth), at: cursor.position)
    }
    let index = count
    let start = cursor.position
    append(JSONToken(kind: .array, isEscaped: false, start: start, end: start, next: 0))
    cursor.position += 1
    cursor.skipWhitespace()
    if cursor.peek() == UInt8(ascii: "]") {
      cursor.position += 1
    } else {
      while true {
        try parseAny(&cursor, depth: depth)
        cursor.skipWhitespace()
        guard cursor.position < cursor.limit else {
          throw JSONSyntaxError(.unexpectedEnd, at: cursor.position)
        }
        let separator = cursor.base[cursor.position]
        cursor.position += 1
        if separator == UInt8(ascii: ",") { continue }
        if separator == UInt8(ascii: "]") { break }
        throw JSONSyntaxError(.unexpectedByte(separator), at: cursor.position - 1)
      }
    }
    storage.base[index].end = cursor.position
    storage.base[index].next = count
  }

  private mutating func parseLiteral(
    _ cursor: inout Cursor, _ literal: StaticString, _ kind: JSONKind
  ) throws(JSONSyntaxError) {
    let start = cursor.position
    let length = literal.utf8CodeUnitCount
    guard start + length <= cursor.limit else {
      throw JSONSyntaxError(.invalidLiteral, at: start)
    }
    let expected = literal.utf8Start
    for i in 0..<length where cursor.base[start + i] != expected[i] {
      throw JSONSyntaxError(.invalidLiteral, at: start)
    }
    cursor.position += length
    // Like a number, a literal must end at a separator: "nulll" and "truefalse" are one bad word.
    if let after = cursor.peek(), Self.isDigit(after) || Self.isLetter(after) {
      throw JSONSyntaxError(.invalidLiteral, at: start)
    }
    append(JSONToken(kind: kind, isEscaped: false, start: start, end: cursor.position, next: count + 1))
  }

  private mutating func parseNumber(_ cursor: inout Cursor) throws(JSONSyntaxError) {
    let start = cursor.position
    if cursor.peek() == UInt8(ascii: "-") { cursor.position += 1 }
    guard let first = cursor.peek(), Self.isDigit(first) else {
      throw JSONSyntaxError(.invalidNumber, at: start)
    }
    cursor.position += 1
    if first != UInt8(ascii: "0") {
      cursor.skipDigits()
    }
    if cursor.peek() == UInt8(ascii: ".") {
      cursor.position += 1
      guard let digit = cursor.peek(), Self.isDigit(digit) else {
        throw JSONSyntaxError(.invalidNumber, at: start)
      }
      cursor.skipDigits()
    }
    if let e = cursor.peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      cursor.position += 1
      if let sign = cursor.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        cursor.position += 1
      }
      guard let digit = cursor.peek(), Self.isDigit(digit) else {
        throw JSONSyntaxError(.invalidNumber, at: start)
      }
      cursor.skipDigits()
    }
    // A number must end at a separator, not run into more number-like bytes ("12abc", "01",
    // "1.2.3", "1-2").
    if let after = cursor.peek(),
      Self.isDigit(after) || Self.isLetter(after) || after == UInt8(ascii: ".")
        || after == UInt8(ascii: "+") || after == UInt8(ascii: "-")
    {
      throw JSONSyntaxError(.invalidNumber, at: start)
    }
    append(JSONToken(kind: .number, isEscaped: false, start: start, end: cursor.position, next: count + 1))
  }

  @inline(__always)
  private static func isDigit(_ byte: UInt8) -> Bool {
    byte &- UInt8(ascii: "0") < 10
  }

  @inline(__always)
  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) &- UInt8(ascii: "a") < 26
  }

  // MARK: - Strings

  @inline(__always)
  private mutating func parseString(_ cursor: inout Cursor) throws(JSONSyntaxError) {
    let base = cursor.base
    let limit = cursor.limit
    let contentStart = cursor.position + 1
    var position = contentStart
    var escaped = false
    while true {
      // Eight bytes at a time while none is a quote, a backslash, a control byte or non-ASCII;
      // then straight to the first byte that is.
      while position + 8 <= limit {
        let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
        let attention = Self.attentionMask(word)
        if attention != 0 {
          position += attention.trailingZeroBitCount >> 3
          break
        }
        position += 8
      }
      guard position < limit else {
        throw JSONSyntaxError(.unexpectedEnd, at: position)
      }
      let byte = base[position]
      if byte == UInt8(ascii: "\"") {
        break
      } else if byte == UInt8(ascii: "\\") {
        escaped = true
        position = try Self.validateEscape(base, at: position, limit: limit)
      } else if byte < 0x20 {
        throw JSONSyntaxError(.controlCharacterInString, at: position)
      } else if byte >= 0x80 {
        position = try UTF8Validation.validateSequence(base, at: position, limit: limit)
      } else {
        position += 1
      }
    }
    append(JSONToken(kind: .string, isEscaped: escaped, start: contentStart, end: position, next: count + 1))
    cursor.position = position + 1
  }

  /// A mask whose lowest set bit is the high bit of the first byte of `word` (in memory order)
  /// that is `"`, `\`, below 0x20 or at or above 0x80; zero when there is none.
  ///
  /// Each test may also flag bytes above a true match (a borrow runs upwards), never below one,
  /// so only the lowest set bit is exact.
  @inline(__always)
  private static func attentionMask(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let hasQuote = (quote &- ones) & ~quote
    let hasBackslash = (backslash &- ones) & ~backslash
    let hasControl = word &- (ones &* 0x20)
    return (hasQuote | hasBackslash | hasControl | word) & highs
  }

  /// Validates the escape at `position` (a backslash) and returns the offset after it.
  private static func validateEscape(
    _ base: UnsafePointer<UInt8>, at position: Int, limit: Int
  ) throws(JSONSyntaxError) -> Int {
    guard position + 1 < limit else { throw JSONSyntaxError(.unexpectedEnd, at: position) }
    switch base[position + 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
      UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return position + 2
    case UInt8(ascii: "u"):
      let unit = try hexUnit(base, at: position + 2, limit: limit)
      if unit >= 0xDC00 && unit <= 0xDFFF {
        throw JSONSyntaxError(.unpairedSurrogate, at: position)
      }
      guard unit >= 0xD800 && unit <= 0xDBFF else { return position + 6 }
      // A high surrogate must be followed at once by an escaped low surrogate.
      guard position + 12 <= limit, base[position + 6] == UInt8(ascii: "\\"),
        base[position + 7] == UInt8(ascii: "u")
      else { throw JSONSyntaxError(.unpairedSurrogate, at: position) }
      let low = try hexUnit(base, at: position + 8, limit: limit)
      guard low >= 0xDC00 && low <= 0xDFFF else {
        throw JSONSyntaxError(.unpairedSurrogate, at: position)
      }
      return position + 12
    default:
      throw JSONSyntaxError(.invalidEscape, at: position)
    }
  }

  /// Reads the four hex digits at `position` as one UTF-16 code unit.
  static func hexUnit(
    _ base: UnsafePointer<UInt8>, at position: Int, limit: Int
  ) throws(JSONSyntaxError) -> UInt32 {
    guard position + 4 <= limit else { throw JSONSyntaxError(.invalidUnicodeEscape, at: position) }
    var value: UInt32 = 0
    for i in 0..<4 {
      let byte = base[position + i]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw JSONSyntaxError(.invalidUnicodeEscape, at: position)
      }
      value = value << 4 | digit
    }
    return value
  }
}

/// The tokens of the value a `JSONParser` parsed last: a view of its tape, valid until it parses
/// again.
struct JSONTape: RandomAccessCollection {
  let buffer: UnsafeBufferPointer<JSONToken>

  var startIndex: Int { 0 }
  var endIndex: Int { buffer.count }
  subscript(position: Int) -> JSONToken { buffer[position] }

  func withUnsafeBufferPointer<Result>(
    _ body: (UnsafeBufferPointer<JSONToken>) throws -> Result
  ) rethrows -> Result {
    try body(buffer)
  }
}

/// The memory of a parser's tape, freed with the last parser that uses it.
private final class JSONTapeStorage {
  let base: UnsafeMutablePointer<JSONToken>
  let capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  /// Storage twice as large holding the first `count` tokens.
  func doubled(keeping count: Int) -> JSONTapeStorage {
    let larger = JSONTapeStorage(capacity: capacity * 2)
    larger.base.initialize(from: base, count: count)
    return larger
  }
}

/// A read position over the input bytes, bounded by `limit`.
private struct Cursor {
  let base: UnsafePointer<UInt8>
  var position: Int
  let limit: Int
  /// False when parsing within one line (`JSONParser.parseValue(withinLine:)`).
  let lineFeedIsWhitespace: Bool

  @inline(__always)
  func peek() -> UInt8? {
    position < limit ? base[position] : nil
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while position < limit {
      let byte = base[position]
      guard byte == 0x20 || byte == 0x0D || byte == 0x09 || (byte == 0x0A && lineFeedIsWhitespace) else {
        return
      }
      position += 1
    }
  }

  @inline(__always)
  mutating func skipDigits() {
    while position < limit, base[position] &- UInt8(ascii: "0") < 10 { position += 1 }
  }

  @inline(__always)
  mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
    guard position < limit else { throw JSONSyntaxError(.unexpectedEnd, at: position) }
    guard base[position] == byte else {
      throw JSONSyntaxError(.unexpectedByte(base[position]), at: position)
    }
    position += 1
  }
}
