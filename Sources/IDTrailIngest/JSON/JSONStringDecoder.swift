/// Decodes the content of a JSON string that holds backslash escapes.
///
/// The parser has already validated the escapes and surrogate pairs, so decoding cannot fail.
enum JSONStringDecoder {
  static func decode(_ content: UnsafeRawBufferPointer) -> String {
    guard let base = content.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return "" }
    let count = content.count
    return String(unsafeUninitializedCapacity: count) { output in
      var read = 0
      var written = 0
      while read < count {
        let byte = base[read]
        guard byte == UInt8(ascii: "\\") else {
          output[written] = byte
          written += 1
          read += 1
          continue
        }
        let escape = base[read + 1]
        read += 2
        switch escape {
        case UInt8(ascii: "b"): output[written] = 0x08
        case UInt8(ascii: "f"): output[written] = 0x0C
        case UInt8(ascii: "n"): output[written] = 0x0A
        case UInt8(ascii: "r"): output[written] = 0x0D
        case UInt8(ascii: "t"): output[written] = 0x09
        case UInt8(ascii: "u"):
          var scalar = (try? JSONParser.hexUnit(base, at: read, limit: count)) ?? 0xFFFD
          read += 4
          if scalar >= 0xD800 && scalar <= 0xDBFF {
            let low = (try? JSONParser.hexUnit(base, at: read + 2, limit: count)) ?? 0xDC00
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            read += 6
          }
          // A \u escape of n bytes (6 or 12) never encodes to more than n UTF-8 bytes.
          for unit in UTF8.encode(scalar) {
            output[written] = unit
            written += 1
          }
          continue
        default: output[written] = escape  // \" \\ \/
        }
        written += 1
      }
      return written
    }
  }
}

extension UTF8 {
  /// The UTF-8 bytes of a Unicode scalar value (U+FFFD for an invalid one).
  fileprivate static func encode(_ value: UInt32) -> [UInt8] {
    let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
    return Array(String(Character(scalar)).utf8)
  }
}
