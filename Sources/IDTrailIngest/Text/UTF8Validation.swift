/// Validation of UTF-8 sequences, shared by the JSON and CSV readers.
enum UTF8Validation {
  /// Validates the multi-byte sequence that starts at `position` (whose lead byte is ≥ 0x80) and
  /// returns the offset after it.
  ///
  /// Rejects stray continuation bytes, overlong forms, UTF-16 surrogates and code points above
  /// U+10FFFF (RFC 3629).
  @inline(__always)
  static func validateSequence(
    _ base: UnsafePointer<UInt8>, at position: Int, limit: Int
  ) throws(JSONSyntaxError) -> Int {
    let lead = base[position]
    let length: Int
    var lowest: UInt8 = 0x80
    var highest: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; lowest = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; highest = 0x9F
    case 0xF0: length = 4; lowest = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; highest = 0x8F
    default: throw JSONSyntaxError(.invalidUTF8, at: position)
    }
    guard position + length <= limit else { throw JSONSyntaxError(.invalidUTF8, at: position) }
    let second = base[position + 1]
    guard second >= lowest && second <= highest else {
      throw JSONSyntaxError(.invalidUTF8, at: position)
    }
    for i in 2..<length where base[position + i] & 0xC0 != 0x80 {
      throw JSONSyntaxError(.invalidUTF8, at: position)
    }
    return position + length
  }

  /// Whether all of `bytes` is valid UTF-8.
  static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return true }
    var position = 0
    let limit = bytes.count
    while position < limit {
      if base[position] < 0x80 {
        position += 1
      } else {
        do {
          position = try validateSequence(base, at: position, limit: limit)
        } catch {
          return false
        }
      }
    }
    return true
  }
}
