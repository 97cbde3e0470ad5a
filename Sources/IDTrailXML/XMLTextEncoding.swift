/// The encoding of an XML input, as its byte order mark says: UTF-8 (with or without a BOM) or UTF-16
/// with a BOM (PowerShell's `Out-File` default).
///
/// The reader scans the bytes before libxml2 does (the prolog, record boundaries, lines), so it
/// reads them as code units of this encoding.
public enum XMLTextEncoding: Sendable, Hashable {
  case utf8
  case utf16LittleEndian
  case utf16BigEndian

  /// The encoding announced by the first bytes of `bytes`, and the length of its byte order mark.
  public static func detect(_ bytes: UnsafeRawBufferPointer) -> (encoding: XMLTextEncoding, bomLength: Int) {
    if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return (.utf16LittleEndian, 2) }
    if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return (.utf16BigEndian, 2) }
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return (.utf8, 3) }
    return (.utf8, 0)
  }

  /// Bytes per code unit.
  var unitSize: Int { self == .utf8 ? 1 : 2 }

  /// The code unit at byte offset `offset` (which must leave room for a whole unit).
  @inline(__always)
  func unit(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt16 {
    switch self {
    case .utf8: return UInt16(bytes[offset])
    case .utf16LittleEndian: return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    case .utf16BigEndian: return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }
  }

  /// `text` (ASCII) in this encoding.
  func encode(_ text: String) -> [UInt8] {
    var result: [UInt8] = []
    for byte in text.utf8 {
      switch self {
      case .utf8: result.append(byte)
      case .utf16LittleEndian: result.append(contentsOf: [byte, 0])
      case .utf16BigEndian: result.append(contentsOf: [0, byte])
      }
    }
    return result
  }
}
