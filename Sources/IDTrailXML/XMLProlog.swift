/// What comes before an XML document's first element: the byte order mark, the XML declaration,
/// comments, processing instructions and a DOCTYPE.
///
/// The reader scans it itself, before libxml2 sees a byte, for two reasons: a DOCTYPE that declares
/// entities is refused here, before anything could expand; and the reader's synthetic wrapper
/// element (which lets a root-less run of elements parse) must go right after the prolog.
struct XMLProlog: Sendable {
  var encoding: XMLTextEncoding
  /// The offset of the first byte after the prolog: where the wrapper element goes.
  var end: Int

  /// Scans the prolog of `bytes`.
  ///
  /// - Throws: `.declaresEntities` (with the DOCTYPE's line) when the internal subset declares an
  ///   entity.
  static func scan(_ bytes: UnsafeRawBufferPointer, refusingEntities: Bool = true) throws(XMLReadError)
    -> XMLProlog
  {
    let (encoding, bomLength) = XMLTextEncoding.detect(bytes)
    let size = encoding.unitSize
    let count = bytes.count - (bytes.count - bomLength) % size
    var position = bomLength
    func unit(_ offset: Int) -> UInt16? { offset + size <= count ? encoding.unit(bytes, at: offset) : nil }
    func skip(past terminator: StaticString, from start: Int) -> Int {
      var offset = start
      while offset < count {
        if XMLByteScan.matches(terminator, in: bytes, at: offset, encoding) {
          return offset + terminator.utf8CodeUnitCount * size
        }
        offset += size
      }
      return count
    }
    while position < count {
      guard let current = unit(position) else { break }
      if current == 0x20 || current == 0x09 || current == 0x0A || current == 0x0D {
        position += size
      } else if XMLByteScan.matches("<?", in: bytes, at: position, encoding) {
        position = skip(past: "?>", from: position + 2 * size)
      } else if XMLByteScan.matches("<!--", in: bytes, at: position, encoding) {
        position = skip(past: "-->", from: position + 4 * size)
      } else if XMLByteScan.matches("<!DOCTYPE", in: bytes, at: position, encoding) {
        let start = position
        position = try doctypeEnd(
          bytes, from: position + 9 * size, count: count, encoding: encoding,
          refusingEntities: refusingEntities
        ) {
          XMLReadError(.declaresEntities, line: 1 + XMLByteScan.newlines(bytes, 0..<start, encoding))
        }
      } else {
        break
      }
    }
    return XMLProlog(encoding: encoding, end: min(position, count))
  }

  /// The offset after the DOCTYPE's closing `>`, scanning its internal subset for `<!ENTITY`.
  private static func doctypeEnd(
    _ bytes: UnsafeRawBufferPointer, from start: Int, count: Int, encoding: XMLTextEncoding,
    refusingEntities: Bool, entityError: () -> XMLReadError
  ) throws(XMLReadError) -> Int {
    let size = encoding.unitSize
    var position = start
    var inSubset = false
    var quote: UInt16?
    while position + size <= count {
      let current = encoding.unit(bytes, at: position)
      if let open = quote {
        if current == open { quote = nil }
      } else if current == 0x22 || current == 0x27 {
        quote = current
      } else if inSubset && XMLByteScan.matches("<!--", in: bytes, at: position, encoding) {
        position += 4 * size
        while position + size <= count && !XMLByteScan.matches("-->", in: bytes, at: position, encoding) {
          position += size
        }
        position += 2 * size
      } else if inSubset && refusingEntities
        && XMLByteScan.matches("<!ENTITY", in: bytes, at: position, encoding)
      {
        throw entityError()
      } else if current == 0x5B {
        inSubset = true
      } else if current == 0x5D {
        inSubset = false
      } else if current == 0x3E && !inSubset {
        return position + size
      }
      position += size
    }
    return count
  }
}
