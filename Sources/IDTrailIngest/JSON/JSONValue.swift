/// A read-only view of one value of a parsed JSON record.
///
/// A view points into the input bytes and the parser's tape: it is valid only inside the callback
/// that handed it out, and must not be stored. Reading a field costs a walk over one object's keys;
/// a `String` is built only when asked for.
public struct JSONValue {
  let bytes: UnsafeRawBufferPointer
  let tokens: UnsafeBufferPointer<JSONToken>
  let index: Int

  private var token: JSONToken { tokens[index] }

  public var kind: JSONKind { token.kind }

  public var isNull: Bool { token.kind == .null }

  /// The value as an object, or nil when it is not one.
  public var object: JSONObject? {
    token.kind == .object ? JSONObject(value: self) : nil
  }

  /// The value as an array, or nil when it is not one.
  public var array: JSONArray? {
    token.kind == .array ? JSONArray(value: self) : nil
  }

  /// The decoded string, or nil when the value is not a string.
  public var string: String? {
    let token = self.token
    guard token.kind == .string else { return nil }
    let content = UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end])
    return token.isEscaped
      ? JSONStringDecoder.decode(content)
      : String(decoding: content, as: UTF8.self)
  }

  /// A string as is, or a number's or boolean's literal text; nil for null, objects and arrays.
  ///
  /// For fields that sources write either way, such as GitLab's `target_id` and `active`.
  public var scalarText: String? {
    switch token.kind {
    case .string: return string
    case .number, .true, .false: return rawText
    case .null, .object, .array: return nil
    }
  }

  /// Calls `body` with the UTF-8 of `scalarText` (nil when that is nil), taken straight from the
  /// input unless the value is a string written with escapes.
  func withScalarTextBytes<Result>(_ body: (UnsafeRawBufferPointer?) -> Result) -> Result {
    let token = self.token
    switch token.kind {
    case .string where token.isEscaped:
      guard var text = string else { return body(nil) }
      return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    case .string, .number, .true, .false:
      return body(UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end]))
    case .null, .object, .array:
      return body(nil)
    }
  }

  /// `scalarText`, with strings written without escapes taken from `strings`, so that a value
  /// repeated across records is one allocation.
  func scalarText(interning strings: inout StringInterner) -> String? {
    let token = self.token
    guard token.kind == .string, !token.isEscaped else { return scalarText }
    return strings.string(UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end]))
  }

  /// An integer from a number, or from a string holding only an integer; nil otherwise.
  ///
  /// Only plain decimal integers count (`42`, `-7`, `"42"`): nil for fractions and exponents
  /// (`1.0`, `1e3`), signs other than a leading `-`, spaces, and values outside `Int`'s range.
  public var int: Int? {
    let token = self.token
    switch token.kind {
    case .number:
      return Self.parseInteger(UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end]))
    case .string where !token.isEscaped:
      return Self.parseInteger(UnsafeRawBufferPointer(rebasing: bytes[token.start..<token.end]))
    case .string:
      guard var text = string else { return nil }
      return text.withUTF8 { Self.parseInteger(UnsafeRawBufferPointer($0)) }
    default:
      return nil
    }
  }

  /// A number as a `Double` (or a string holding exactly a JSON number); nil otherwise.
  ///
  /// Strings such as `"NaN"`, `"inf"`, `"0x10"` or `" 1"` are not numbers here, although Swift's
  /// `Double(_:)` would take them. Exponents beyond `Double`'s range give ±infinity.
  public var double: Double? {
    switch token.kind {
    case .number: return Double(rawText)
    case .string:
      guard var text = string else { return nil }
      let isNumber = text.withUTF8 { utf8 -> Bool in
        guard let first = utf8.first, first == UInt8(ascii: "-") || first &- UInt8(ascii: "0") < 10 else {
          return false
        }
        var parser = JSONParser(maximumDepth: 1)
        let end = try? parser.parseValue(in: UnsafeRawBufferPointer(utf8), from: 0, limit: utf8.count)
        return end == utf8.count
      }
      return isNumber ? Double(text) : nil
    default: return nil
    }
  }

  /// A boolean, or the strings `"true"`/`"false"` that some sources write; nil otherwise.
  public var bool: Bool? {
    switch token.kind {
    case .true: return true
    case .false: return false
    case .string:
      switch string?.lowercased() {
      case "true": return true
      case "false": return false
      default: return nil
      }
    default: return nil
    }
  }

  /// The value's JSON text exactly as it stands in the input.
  public var rawText: String { String(decoding: rawBytes, as: UTF8.self) }

  /// `rawText`, from `strings` when it is long: an object-valued message written the same way
  /// record after record shares one string.
  func rawText(interning strings: inout StringInterner) -> String { strings.string(rawBytes) }

  /// The UTF-8 of `rawText`, in the input.
  private var rawBytes: UnsafeRawBufferPointer {
    let token = self.token
    let start = token.kind == .string ? token.start - 1 : token.start
    let end = token.kind == .string ? token.end + 1 : token.end
    return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
  }

  /// Byte offset of the value in the input.
  public var byteOffset: Int {
    token.kind == .string ? token.start - 1 : token.start
  }

  /// Whether this is a string equal to `text` (compared byte for byte, after unescaping).
  public func stringEquals(_ text: StaticString) -> Bool {
    let token = self.token
    guard token.kind == .string else { return false }
    if token.isEscaped { return string == text.description }
    let length = token.end - token.start
    guard length == text.utf8CodeUnitCount else { return false }
    return memcmpEqual(bytes, token.start, text.utf8Start, length)
  }

  private static func parseInteger(_ digits: UnsafeRawBufferPointer) -> Int? {
    var position = 0
    let negative = digits.first == UInt8(ascii: "-")
    if negative { position = 1 }
    guard position < digits.count else { return nil }
    // Accumulated as a negative number, whose range reaches Int.min.
    var value = 0
    while position < digits.count {
      let digit = Int(digits[position]) &- 48
      guard digit >= 0 && digit <= 9 else { return nil }
      let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
      let (next, overflowAdd) = shifted.subtractingReportingOverflow(digit)
      guard !overflowShift && !overflowAdd else { return nil }
      value = next
      position += 1
    }
    if negative { return value }
    return value == .min ? nil : -value
  }
}

/// A JSON object: look members up by key.
public struct JSONObject {
  let value: JSONValue

  /// The value of the first member named `key`, or nil when there is none.
  public subscript(key: StaticString) -> JSONValue? {
    let tokens = value.tokens
    let bytes = value.bytes
    let keyLength = key.utf8CodeUnitCount
    let keyBytes = key.utf8Start
    var index = value.index + 1
    let end = tokens[value.index].next
    while index < end {
      let keyToken = tokens[index]
      let valueIndex = index + 1
      if keyToken.end - keyToken.start == keyLength, !keyToken.isEscaped,
        memcmpEqual(bytes, keyToken.start, keyBytes, keyLength)
      {
        return JSONValue(bytes: bytes, tokens: tokens, index: valueIndex)
      }
      if keyToken.isEscaped,
        JSONValue(bytes: bytes, tokens: tokens, index: index).string == key.description
      {
        return JSONValue(bytes: bytes, tokens: tokens, index: valueIndex)
      }
      index = tokens[valueIndex].next
    }
    return nil
  }

  /// The value at a path of keys through nested objects (`["details", "target_id"]`).
  public subscript(path first: StaticString, _ rest: StaticString...) -> JSONValue? {
    var current = self[first]
    for key in rest {
      current = current?.object?[key]
    }
    return current
  }

  /// Whether a member named `key` exists (even when its value is null).
  public func contains(_ key: StaticString) -> Bool { self[key] != nil }

  /// Calls `body` with each member's key and value, in document order.
  public func forEachMember(_ body: (String, JSONValue) throws -> Void) rethrows {
    let tokens = value.tokens
    var index = value.index + 1
    let end = tokens[value.index].next
    while index < end {
      let key = JSONValue(bytes: value.bytes, tokens: tokens, index: index).string ?? ""
      let member = JSONValue(bytes: value.bytes, tokens: tokens, index: index + 1)
      try body(key, member)
      index = tokens[index + 1].next
    }
  }

  /// The member names, in document order.
  public var keys: [String] {
    var keys: [String] = []
    forEachMember { key, _ in keys.append(key) }
    return keys
  }

  /// Byte offset of the object in the input.
  public var byteOffset: Int { value.byteOffset }

  /// The object's JSON text exactly as it stands in the input.
  public var rawText: String { value.rawText }
}

/// A JSON array: iterate its elements in order.
public struct JSONArray: Sequence {
  let value: JSONValue

  public var count: Int {
    var count = 0
    for _ in self { count += 1 }
    return count
  }

  public func makeIterator() -> Iterator {
    Iterator(value: value, index: value.index + 1, end: value.tokens[value.index].next)
  }

  public struct Iterator: IteratorProtocol {
    let value: JSONValue
    var index: Int
    let end: Int

    public mutating func next() -> JSONValue? {
      guard index < end else { return nil }
      let element = JSONValue(bytes: value.bytes, tokens: value.tokens, index: index)
      index = value.tokens[index].next
      return element
    }
  }
}

/// Whether the `length` bytes at `offset` in `bytes` equal those at `rhs`.
///
/// Compared a word at a time: two overlapping loads cover any length up to twice the word, so a
/// member name costs two comparisons rather than one per byte. No load reaches outside either
/// range.
@inline(__always)
func memcmpEqual(
  _ bytes: UnsafeRawBufferPointer, _ offset: Int, _ rhs: UnsafePointer<UInt8>, _ length: Int
) -> Bool {
  guard length > 0, let base = bytes.baseAddress else { return length <= 0 }
  let left = base + offset
  let right = UnsafeRawPointer(rhs)
  @inline(__always)
  func headAndTail<Word: FixedWidthInteger>(_: Word.Type) -> Bool {
    let tail = length - MemoryLayout<Word>.size
    return left.loadUnaligned(as: Word.self) == right.loadUnaligned(as: Word.self)
      && (left + tail).loadUnaligned(as: Word.self) == (right + tail).loadUnaligned(as: Word.self)
  }
  switch length {
  case 1: return left.load(as: UInt8.self) == right.load(as: UInt8.self)
  case 2...3: return headAndTail(UInt16.self)
  case 4...7: return headAndTail(UInt32.self)
  case 8...16: return headAndTail(UInt64.self)
  default:
    var position = 0
    while position + 8 < length {
      let word = (left + position).loadUnaligned(as: UInt64.self)
      guard word == (right + position).loadUnaligned(as: UInt64.self) else { return false }
      position += 8
    }
    let tail = length - 8
    return (left + tail).loadUnaligned(as: UInt64.self) == (right + tail).loadUnaligned(as: UInt64.self)
  }
}
