/// Decodes the content of a JSON string that holds backslash escapes.
///
/// The parser has already validated the escapes, surrogate pairs and UTF-8, so decoding cannot
/// fail and writes the output in place, without a temporary buffer per escape.
enum JSONStringDecoder {
  static func decode(_ content: UnsafeRawBufferPointer) -> String {
    guard let base = content.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return "" }
    let count = content.count
    // An escape never decodes to more bytes than it takes: `\n` (2) to 1, `\uXXXX` (6) to at most
    // 3, a surrogate pair (12) to 4.
    return String(unsafeUninitializedCapacity: count) { output in
      var read = 0
      var written = 0
      while read < count {
        let byte = base[read]
        guard byte == UInt8(ascii: "\\"), read + 1 < count else {
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
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + ((low &- 0xDC00) & 0x3FF)
            read += 6
          }
          written += encode(scalar, into: output.baseAddress.unsafelyUnwrapped + written)
          continue
        default: output[written] = escape  // \" \\ \/
        }
        written += 1
      }
      return written
    }
  }

  /// Writes the UTF-8 form of a scalar value (U+FFFD for a lone surrogate) and returns its length.
  @inline(__always)
  private static func encode(_ scalar: UInt32, into output: UnsafeMutablePointer<UInt8>) -> Int {
    switch scalar {
    case ..<0x80:
      output[0] = UInt8(scalar)
      return 1
    case ..<0x800:
      output[0] = UInt8(0xC0 | scalar >> 6)
      output[1] = UInt8(0x80 | scalar & 0x3F)
      return 2
    case 0xD800...0xDFFF:
      return encode(0xFFFD, into: output)
    case ..<0x10000:
      output[0] = UInt8(0xE0 | scalar >> 12)
      output[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
      output[2] = UInt8(0x80 | scalar & 0x3F)
      return 3
    default:
      output[0] = UInt8(0xF0 | scalar >> 18 & 0x07)
      output[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
      output[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
      output[3] = UInt8(0x80 | scalar & 0x3F)
      return 4
    }
  }
}
