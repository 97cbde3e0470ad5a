import IDTrailXML

/// What the XML decoders look at to recognise their format: the first KiB of the input as text.
enum XMLSniffing {
  /// The first `limit` bytes of `bytes` as text (UTF-8, or UTF-16 after its byte order mark), or nil
  /// when the first character that is not white space, a byte order mark or stray text is not `<`.
  static func head(_ bytes: UnsafeRawBufferPointer, limit: Int = 4096) -> String? {
    let (encoding, bomLength) = XMLTextEncoding.detect(bytes)
    let end = min(bytes.count, bomLength + limit)
    let text: String
    switch encoding {
    case .utf8:
      text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[bomLength..<end]), as: UTF8.self)
    case .utf16LittleEndian, .utf16BigEndian:
      var units: [UInt16] = []
      var offset = bomLength
      while offset + 1 < end {
        let pair = (UInt16(bytes[offset]), UInt16(bytes[offset + 1]))
        units.append(encoding == .utf16LittleEndian ? pair.0 | pair.1 << 8 : pair.0 << 8 | pair.1)
        offset += 2
      }
      text = String(decoding: units, as: UTF16.self)
    }
    // The Event Viewer's XML view, copied, puts "- " before elements.
    let start = text.drop { $0.isWhitespace || $0 == "-" }
    return start.first == "<" ? text : nil
  }
}
