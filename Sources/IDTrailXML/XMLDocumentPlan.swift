/// The layout of one input that every libxml2 session over it shares: where the prolog ends, where
/// the first record starts, and what the reader wraps around the part it feeds.
///
/// A session reads `prolog + <wrapper> + head + span + foot + </wrapper>`, where the head is
/// everything between the prolog and the first record (an `<Events>` start tag, stray text) and the
/// foot closes the elements the head left open when the span stops short of the input's end. The
/// wrapper start tag holds no line break, so lines in the session are lines of the input, shifted by
/// the lines between the head and the span.
struct XMLDocumentPlan: Sendable {
  var encoding: XMLTextEncoding
  var count: Int
  var prologEnd: Int
  /// Where the first record-start tag is (the prolog's end when there is none).
  var headEnd: Int
  /// The line `headEnd` is on.
  var headLine: Int
  /// End tags for the elements the head opens, innermost first, in the input's encoding.
  var foot: [UInt8]
  var wrapperOpen: [UInt8]
  var wrapperClose: [UInt8]
  /// `<` and the resume tag's name in the input's encoding, when the format has one.
  var resumePattern: [UInt8]?

  init(_ bytes: UnsafeRawBufferPointer, resumeTag: String?, refusingEntities: Bool) throws(XMLReadError) {
    let prolog = try XMLProlog.scan(bytes, refusingEntities: refusingEntities)
    encoding = prolog.encoding
    count = bytes.count
    prologEnd = prolog.end
    let pattern = resumeTag.map { prolog.encoding.encode("<" + $0) }
    resumePattern = pattern
    var first = prolog.end
    if let pattern,
      let found = XMLByteScan.tagStartOutsideMarkup(
        pattern, in: bytes, prolog.end..<bytes.count, scanningFrom: prolog.end, prolog.encoding)
    {
      first = found
    }
    headEnd = first
    headLine = 1 + XMLByteScan.newlines(bytes, 0..<headEnd, encoding)
    wrapperOpen = encoding.encode("<\(XMLSAXSession.wrapperName)>")
    wrapperClose = encoding.encode("</\(XMLSAXSession.wrapperName)>")
    foot = Self.closingTags(bytes, prologEnd..<headEnd, encoding)
  }

  /// What a session over `span` (of the input) reads.
  func segments(_ span: Range<Int>) -> [XMLSegment] {
    [
      .input(0..<prologEnd), .own(wrapperOpen), .input(prologEnd..<headEnd), .input(span),
      .own(span.upperBound == count ? [] : foot), .own(wrapperClose),
    ]
  }

  /// End tags for the elements opened and not closed in `range`, innermost first.
  private static func closingTags(
    _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ encoding: XMLTextEncoding
  ) -> [UInt8] {
    let size = encoding.unitSize
    var open: [Range<Int>] = []
    var position = range.lowerBound
    func unit(_ offset: Int) -> UInt16 { encoding.unit(bytes, at: offset) }
    while position + size <= range.upperBound {
      guard unit(position) == 0x3C, position + 2 * size <= range.upperBound else {
        position += size
        continue
      }
      let next = unit(position + size)
      let closing = next == 0x2F
      var cursor = position + (closing ? 2 : 1) * size
      let nameStart = cursor
      while cursor + size <= range.upperBound {
        let current = unit(cursor)
        if current == 0x3E || current == 0x2F || current == 0x20 || current == 0x09 || current == 0x0A
          || current == 0x0D
        {
          break
        }
        cursor += size
      }
      let name = nameStart..<cursor
      var quote: UInt16?
      var selfClosing = false
      while cursor + size <= range.upperBound {
        let current = unit(cursor)
        if let open = quote {
          if current == open { quote = nil }
        } else if current == 0x22 || current == 0x27 {
          quote = current
        } else if current == 0x3E {
          selfClosing = cursor > name.upperBound && unit(cursor - size) == 0x2F
          break
        }
        cursor += size
      }
      if next == 0x21 || next == 0x3F || name.isEmpty {
        // <!-- -->, <![CDATA[ ]]>, <? ?>: not elements.
      } else if closing {
        _ = open.popLast()
      } else if !selfClosing {
        open.append(name)
      }
      position = cursor + size
    }
    var foot: [UInt8] = []
    for name in open.reversed() {
      foot += encoding.encode("</")
      foot += UnsafeRawBufferPointer(rebasing: bytes[name])
      foot += encoding.encode(">")
    }
    return foot
  }
}
