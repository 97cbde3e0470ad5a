import Glibc

/// Byte-level searches over an XML input that the reader needs before and around libxml2: lines,
/// tag starts, the end of the prolog. All offsets are byte offsets into the whole input.
enum XMLByteScan {
  /// The number of line feeds in `range`.
  static func newlines(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ encoding: XMLTextEncoding)
    -> Int
  {
    guard !range.isEmpty, let base = bytes.baseAddress else { return 0 }
    var count = 0
    if encoding == .utf8 {
      var cursor = base + range.lowerBound
      let end = base + range.upperBound
      while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
        count += 1
        cursor = UnsafeRawPointer(found) + 1
      }
      return count
    }
    var offset = range.lowerBound
    while offset + 1 < range.upperBound {
      if encoding.unit(bytes, at: offset) == 0x0A { count += 1 }
      offset += 2
    }
    return count
  }

  /// Whether `range` of UTF-8 `bytes` holds the start of a comment, CDATA section, DOCTYPE or
  /// processing instruction (`<!` or `<?`). `!` and `?` are rare in XML, so they are looked for
  /// with `memchr` and the byte before each is checked.
  static func containsMarkupOpener(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
    guard !range.isEmpty, let base = bytes.baseAddress else { return false }
    for mark in [UInt8(ascii: "!"), UInt8(ascii: "?")] {
      var cursor = base + range.lowerBound
      let end = base + range.upperBound
      while cursor < end, let found = memchr(cursor, Int32(mark), end - cursor) {
        let offset = UnsafeRawPointer(found) - base
        if offset > range.lowerBound, bytes[offset - 1] == UInt8(ascii: "<") { return true }
        cursor = UnsafeRawPointer(found) + 1
      }
    }
    return false
  }

  /// The offset of the first `<name` start tag (followed by white space, `>` or `/`) in `range`.
  static func tagStart(
    _ name: [UInt8], in bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ encoding: XMLTextEncoding
  ) -> Int? {
    var from = range.lowerBound
    while let found = find(name, in: bytes, from..<range.upperBound, encoding) {
      let after = found + name.count
      guard after + encoding.unitSize <= range.upperBound else { return nil }
      switch encoding.unit(bytes, at: after) {
      case 0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F: return found
      default: from = found + encoding.unitSize
      }
    }
    return nil
  }

  /// The offset of the first `<name` start tag in `range` that is markup: not inside a comment, a
  /// CDATA section or a processing instruction. `safe`, at or before the range, must be outside
  /// them; the bytes from there are scanned once, a `<` at a time.
  static func tagStartOutsideMarkup(
    _ name: [UInt8], in bytes: UnsafeRawBufferPointer, _ range: Range<Int>, scanningFrom safe: Int,
    _ encoding: XMLTextEncoding
  ) -> Int? {
    let lessThan = encoding.encode("<")
    var position = safe
    var from = range.lowerBound
    while let candidate = tagStart(name, in: bytes, from..<range.upperBound, encoding) {
      while position < candidate {
        guard let tag = find(lessThan, in: bytes, position..<candidate, encoding) else {
          position = candidate
          break
        }
        let construct: (opener: Int, closing: String)?
        if matches("<!--", in: bytes, at: tag, encoding) {
          construct = (4, "-->")
        } else if matches("<![CDATA[", in: bytes, at: tag, encoding) {
          construct = (9, "]]>")
        } else if matches("<?", in: bytes, at: tag, encoding) {
          construct = (2, "?>")
        } else {
          construct = nil
        }
        guard let construct else {
          position = tag + encoding.unitSize
          continue
        }
        let closing = encoding.encode(construct.closing)
        let body = tag + construct.opener * encoding.unitSize
        guard body <= range.upperBound, let end = find(closing, in: bytes, body..<range.upperBound, encoding)
        else { return nil }
        position = end + closing.count
      }
      if position == candidate { return candidate }
      // The candidate lies inside the comment, CDATA section or instruction that ends at `position`.
      from = position
    }
    return nil
  }

  /// The offset of the first occurrence of `pattern` in `range`, on a code-unit boundary.
  static func find(
    _ pattern: [UInt8], in bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ encoding: XMLTextEncoding
  ) -> Int? {
    guard let base = bytes.baseAddress, let first = pattern.first else { return nil }
    var from = range.lowerBound
    let lastStart = range.upperBound - pattern.count
    while from <= lastStart {
      guard let found = memchr(base + from, Int32(first), lastStart - from + 1) else { return nil }
      let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
      let aligned = encoding == .utf8 || (offset - range.lowerBound) % 2 == 0
      if aligned
        && pattern.withUnsafeBytes({ needle in
          needle.baseAddress.map { memcmp(base + offset, $0, needle.count) == 0 } ?? false
        })
      {
        return offset
      }
      from = offset + 1
    }
    return nil
  }

  /// Whether the code units at `offset` spell `text` (ASCII).
  static func matches(
    _ text: StaticString, in bytes: UnsafeRawBufferPointer, at offset: Int, _ encoding: XMLTextEncoding
  ) -> Bool {
    let size = encoding.unitSize
    guard offset + text.utf8CodeUnitCount * size <= bytes.count else { return false }
    var index = 0
    for byte in UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount) {
      if encoding.unit(bytes, at: offset + index * size) != UInt16(byte) { return false }
      index += 1
    }
    return true
  }
}

/// Turns line numbers into byte offsets, moving forward only, so that repeated look-ups over one
/// input cost one pass in total.
struct XMLLineCursor {
  private var line: Int
  private var offset: Int
  private let encoding: XMLTextEncoding

  /// A cursor at `offset`, which is the start of line `line`.
  init(encoding: XMLTextEncoding, line: Int = 1, offset: Int = 0) {
    self.encoding = encoding
    self.line = line
    self.offset = offset
  }

  /// The byte offset where line `target` starts (or the end of the input when it has fewer lines).
  /// Targets before the cursor's line answer the cursor's line.
  mutating func offset(ofLine target: Int, in bytes: UnsafeRawBufferPointer) -> Int {
    let size = encoding.unitSize
    while line < target && offset < bytes.count {
      if encoding == .utf8, let base = bytes.baseAddress {
        guard let found = memchr(base + offset, 0x0A, bytes.count - offset) else {
          offset = bytes.count
          break
        }
        offset = UnsafeRawPointer(found) - base + 1
      } else {
        while offset + 1 < bytes.count && encoding.unit(bytes, at: offset) != 0x0A { offset += size }
        offset = min(bytes.count, offset + size)
      }
      line += 1
    }
    return offset
  }
}
