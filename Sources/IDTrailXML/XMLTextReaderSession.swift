internal import CLibXML2
import Glibc

/// The bytes one libxml2 reader reads: ranges of the mapped input and the reader's own wrapper
/// pieces, served in order through libxml2's I/O callback, so the input is never copied whole.
final class XMLSegmentFeed {
  enum Segment {
    case input(Range<Int>)
    case own([UInt8])
  }

  private let input: UnsafeRawBufferPointer
  private let segments: [Segment]
  private var index = 0
  private var offset = 0

  init(input: UnsafeRawBufferPointer, segments: [Segment]) {
    self.input = input
    self.segments = segments.filter {
      switch $0 {
      case .input(let range): return !range.isEmpty
      case .own(let bytes): return !bytes.isEmpty
      }
    }
  }

  /// Copies up to `capacity` bytes into `buffer`; 0 at the end.
  func read(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
    var written = 0
    while written < capacity && index < segments.count {
      let piece: UnsafeRawBufferPointer
      switch segments[index] {
      case .input(let range):
        piece = UnsafeRawBufferPointer(rebasing: input[range])
        written += copy(piece, into: buffer + written, capacity: capacity - written)
      case .own(let bytes):
        written += bytes.withUnsafeBytes { copy($0, into: buffer + written, capacity: capacity - written) }
      }
    }
    return written
  }

  private func copy(_ piece: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawPointer, capacity: Int)
    -> Int
  {
    let count = min(capacity, piece.count - offset)
    if count > 0, let base = piece.baseAddress {
      buffer.copyMemory(from: base + offset, byteCount: count)
    }
    offset += count
    if offset == piece.count {
      index += 1
      offset = 0
    }
    return count
  }
}

/// How a session ended.
enum XMLSessionEnd {
  /// libxml2 read to the end; `completed` records were delivered or rejected.
  case finished(completed: Int)
  /// libxml2 stopped at malformed XML.
  case failed(XMLSessionFailure)
}

/// Where and why libxml2 stopped, with the state of the record in progress.
struct XMLSessionFailure {
  /// Line and column where libxml2 noticed the problem (lines in input terms).
  var line: Int
  var column: Int
  var message: String
  /// The line of the record being built when libxml2 stopped, if any.
  var recordLine: Int?
  /// Whether that record (or the region libxml2 stopped in) was already rejected for a limit.
  var alreadyRejected: Bool
  /// Records delivered or rejected before the failure.
  var completed: Int
}

/// One libxml2 `xmlTextReader` over one feed. Owns the reader and frees it in `deinit`; every
/// pointer libxml2 hands out is used inside `run` and copied into the record builder.
///
/// Not Sendable: one session runs on one thread from start to end.
final class XMLTextReaderSession {
  /// The synthetic root the reader wraps every input in, so that a root-less run of elements
  /// parses; a name no real document uses.
  static let wrapperName = "idtrail.input"

  /// Always network-free, quiet (errors are read from `xmlGetLastError`), never substituting
  /// entities, loading DTDs, defaulting attributes from them or processing XInclude.
  private static let options = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

  private let reader: OpaquePointer
  private let feed: XMLSegmentFeed

  init?(feed: XMLSegmentFeed) {
    XMLParserSetup.ensureInitialised()
    self.feed = feed
    let context = Unmanaged.passUnretained(feed).toOpaque()
    let made = xmlReaderForIO(
      { context, buffer, length in
        guard let context, let buffer, length > 0 else { return 0 }
        let feed = Unmanaged<XMLSegmentFeed>.fromOpaque(context).takeUnretainedValue()
        return Int32(feed.read(into: UnsafeMutableRawPointer(buffer), capacity: Int(length)))
      }, nil, context, nil, nil, Self.options)
    guard let made else { return nil }
    reader = made
  }

  deinit {
    xmlFreeTextReader(reader)
  }

  /// Reads the feed to its end or to the first malformed XML, building records with `builder`.
  ///
  /// - Parameters:
  ///   - lineShift: added to every line libxml2 reports, to turn lines of the feed into lines of
  ///     the input.
  ///   - body: called with each record and each rejection (limits, entity references).
  func run(
    builder: inout XMLRecordBuilder, limits: XMLReadLimits, isRecord: (XMLStartTag) -> Bool,
    lineShift: Int, body: (XMLReadResult) -> Void
  ) -> XMLSessionEnd {
    xmlResetLastError()
    builder.abandon()
    var names = XMLNameCache()
    var namespaces = XMLNamespaceCache()
    var ancestors: [Int] = []
    var completed = 0
    var recordDepth = 0
    var skipDepth = -1
    var skippingRecord = false
    var skippedRegionLine: Int?

    func reject(_ kind: XMLReadError.Kind, depth: Int, isEmpty: Bool) {
      if builder.isBuilding {
        body(.rejected(XMLReadError(kind, line: builder.record.line)))
        builder.abandon()
        if isEmpty && depth == recordDepth {
          completed += 1
        } else {
          skipDepth = recordDepth
          skippingRecord = true
        }
      } else {
        let line = currentLine(lineShift)
        body(.rejected(XMLReadError(kind, line: line)))
        if !isEmpty {
          skipDepth = depth
          skippedRegionLine = line
        }
      }
    }

    while true {
      let status = xmlTextReaderRead(reader)
      if status == 0 { break }
      if status < 0 {
        return .failed(
          failure(
            lineShift: lineShift, recordLine: builder.isBuilding ? builder.record.line : nil,
            alreadyRejected: skippingRecord || skippedRegionLine != nil, completed: completed))
      }
      let type = xmlTextReaderNodeType(reader)
      switch type {
      case 1:  // element
        let depth = Int(xmlTextReaderDepth(reader))
        if depth == 0 || skipDepth >= 0 { continue }
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        if depth > limits.maximumDepth {
          reject(.tooDeep(limit: limits.maximumDepth), depth: depth, isEmpty: isEmpty)
          continue
        }
        // The element's fields are read straight from libxml2's node, which stays valid until the
        // next xmlTextReaderRead; nothing of it is kept.
        guard let node = xmlTextReaderCurrentNode(reader) else { continue }
        let name = nameIndex(node.pointee.name, &names, &builder)
        let namespace = namespaceIndex(node.pointee.ns?.pointee.href, &namespaces, &builder)
        if !builder.isBuilding {
          let tag = XMLStartTag(
            name: builder.name(at: name), namespace: namespace < 0 ? nil : builder.name(at: namespace),
            depth: depth, parent: ancestors.last.map { builder.name(at: $0) })
          guard isRecord(tag) else {
            if !isEmpty { ancestors.append(name) }
            continue
          }
          builder.begin()
          recordDepth = depth
        }
        let nodeLine = Int(node.pointee.line)
        let line = nodeLine > 0 && nodeLine < 65535 ? nodeLine + lineShift : currentLine(lineShift)
        builder.openElement(name: name, namespace: namespace, line: line)
        if node.pointee.properties != nil,
          let problem = readAttributes(node.pointee.properties, &builder, &names, &namespaces, limits: limits)
        {
          reject(problem, depth: depth, isEmpty: isEmpty)
          continue
        }
        if isEmpty {
          builder.closeElement()
          if !builder.isBuilding {
            body(.record(builder.record))
            completed += 1
          }
        }
      case 15:  // end of element
        let depth = Int(xmlTextReaderDepth(reader))
        if depth == 0 { continue }
        if skipDepth >= 0 {
          if depth == skipDepth {
            skipDepth = -1
            skippedRegionLine = nil
            if skippingRecord {
              skippingRecord = false
              completed += 1
            }
          }
          continue
        }
        if builder.isBuilding {
          builder.closeElement()
          if !builder.isBuilding {
            body(.record(builder.record))
            completed += 1
          }
        } else {
          _ = ancestors.popLast()
        }
      case 3, 4, 13, 14:  // text, CDATA, white space
        guard skipDepth < 0, builder.isBuilding, let value = xmlTextReaderConstValue(reader) else { continue }
        if (type == 13 || type == 14) && builder.currentHasChildren { continue }
        let text = UnsafeBufferPointer(start: value, count: strlen(value))
        if builder.currentTextCount + text.count > limits.maximumTextBytes {
          reject(.textTooLong(limit: limits.maximumTextBytes), depth: recordDepth, isEmpty: false)
        } else if builder.byteCount + text.count > limits.maximumRecordBytes {
          reject(.recordTooLarge(limit: limits.maximumRecordBytes), depth: recordDepth, isEmpty: false)
        } else {
          builder.appendText(text)
        }
      case 5:  // entity reference (never substituted)
        guard skipDepth < 0 else { continue }
        let name = xmlTextReaderConstName(reader).map { String(cString: $0) } ?? ""
        reject(.entityReference(name: name), depth: Int(xmlTextReaderDepth(reader)), isEmpty: true)
      default:
        continue
      }
    }
    return .finished(completed: completed)
  }

  /// Copies the attributes of the current element (from its node's `properties` list, which holds
  /// no namespace declarations) into the builder.
  ///
  /// - Returns: the limit an attribute value broke, or a reference to an entity; nil when all is well.
  private func readAttributes(
    _ first: UnsafeMutablePointer<xmlAttr>?, _ builder: inout XMLRecordBuilder, _ names: inout XMLNameCache,
    _ namespaces: inout XMLNamespaceCache, limits: XMLReadLimits
  ) -> XMLReadError.Kind? {
    var attribute = first
    while let current = attribute {
      attribute = current.pointee.next
      let name = nameIndex(current.pointee.name, &names, &builder)
      let namespace = namespaceIndex(current.pointee.ns?.pointee.href, &namespaces, &builder)
      // The value is the attribute's text children: almost always one text node, read in place.
      if let only = current.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE {
        let text = only.pointee.content.map { UnsafeBufferPointer(start: $0, count: strlen($0)) }
        if let problem = check(text?.count ?? 0, builder, limits) { return problem }
        builder.appendAttribute(
          name: name, namespace: namespace, value: text ?? UnsafeBufferPointer(start: nil, count: 0))
        continue
      }
      var value: [UInt8] = []
      var part = current.pointee.children
      while let node = part {
        part = node.pointee.next
        if node.pointee.type == XML_ENTITY_REF_NODE {
          return .entityReference(name: node.pointee.name.map { String(cString: $0) } ?? "")
        }
        if let content = node.pointee.content {
          value.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
        }
      }
      if let problem = check(value.count, builder, limits) { return problem }
      value.withUnsafeBufferPointer { builder.appendAttribute(name: name, namespace: namespace, value: $0) }
    }
    return nil
  }

  /// The limit an attribute value of `count` bytes would break, or nil.
  private func check(_ count: Int, _ builder: XMLRecordBuilder, _ limits: XMLReadLimits) -> XMLReadError.Kind?
  {
    if count > limits.maximumTextBytes { return .textTooLong(limit: limits.maximumTextBytes) }
    if builder.byteCount + count > limits.maximumRecordBytes {
      return .recordTooLarge(limit: limits.maximumRecordBytes)
    }
    return nil
  }

  /// The index of a name libxml2 interned in its dictionary (so equal names share one pointer for
  /// the reader's lifetime), or -1 for none.
  private func nameIndex(
    _ pointer: UnsafePointer<xmlChar>?, _ names: inout XMLNameCache, _ builder: inout XMLRecordBuilder
  ) -> Int {
    guard let pointer else { return -1 }
    return names.index(for: UnsafeRawPointer(pointer)) { builder.nameIndex(String(cString: pointer)) }
  }

  /// The index of a namespace URI, or -1 for none.
  private func namespaceIndex(
    _ pointer: UnsafePointer<xmlChar>?, _ namespaces: inout XMLNamespaceCache,
    _ builder: inout XMLRecordBuilder
  ) -> Int {
    guard let pointer else { return -1 }
    return namespaces.index(for: pointer) { builder.nameIndex(String(cString: pointer)) }
  }

  /// The line of the current node: libxml2 keeps exact lines up to 65,534 on nodes; past that,
  /// the line its parser is on.
  private func currentLine(_ lineShift: Int) -> Int {
    if let node = xmlTextReaderCurrentNode(reader) {
      let line = Int(xmlGetLineNo(node))
      if line > 0 && line < 65535 { return line + lineShift }
    }
    return Int(xmlTextReaderGetParserLineNumber(reader)) + lineShift
  }

  private func failure(lineShift: Int, recordLine: Int?, alreadyRejected: Bool, completed: Int)
    -> XMLSessionFailure
  {
    var line = Int(xmlTextReaderGetParserLineNumber(reader))
    var column = 1
    var message = "libxml2 stopped without saying why"
    if let error = xmlGetLastError() {
      line = Int(error.pointee.line)
      column = max(1, Int(error.pointee.int2))
      if let text = error.pointee.message {
        message = Self.clean(String(cString: text), lineShift: lineShift)
      }
    }
    return XMLSessionFailure(
      line: line + lineShift, column: column, message: message, recordLine: recordLine,
      alreadyRejected: alreadyRejected, completed: completed)
  }

  /// libxml2's message without its trailing newline, with the lines it cites shifted into input
  /// terms and the wrapper element named as what it stands for.
  static func clean(_ message: String, lineShift: Int) -> String {
    var text = Substring(message)
    while let last = text.last, last.isNewline || last == " " { text.removeLast() }
    var result = String(text).replacing(wrapperName, with: "the end of the input")
    guard lineShift != 0 else { return result }
    var shifted = ""
    var rest = Substring(result)
    while let range = rest.firstRange(of: "line ") {
      shifted += rest[..<range.upperBound]
      rest = rest[range.upperBound...]
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      if let number = Int(digits) {
        shifted += String(number + lineShift)
        rest = rest[digits.endIndex...]
      }
    }
    shifted += rest
    result = shifted
    return result
  }
}

/// libxml2's one-time global set-up.
enum XMLParserSetup {
  private static let initialised: Bool = {
    xmlInitParser()
    return true
  }()

  /// Calls `xmlInitParser()` once per process, before the first reader is made; Swift runs a
  /// static's initialiser exactly once even when several threads get here together.
  static func ensureInitialised() {
    _ = initialised
  }
}
