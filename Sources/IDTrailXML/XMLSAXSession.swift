internal import CLibXML2
import Glibc

/// How a session ended.
enum XMLSessionEnd {
  /// libxml2 read to the end.
  case finished
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
  /// Whether libxml2 said where the problem is. An encoding error is raised while converting input
  /// ahead of the parser, without a position: `line` is then the parser's, and the problem may lie
  /// after it, so reading must not resume from there.
  var located = true
}

/// One libxml2 SAX2 push parser over the pieces of one input. Owns the parser context and frees it
/// in `deinit`; every pointer libxml2 hands to the callbacks is used inside the callback and copied
/// into the record builder.
///
/// SAX2 rather than `xmlTextReader`: libxml2 builds no tree for it (about 45 % fewer instructions
/// than the reader on Windows exports, measured), and its callbacks come in document order, so
/// every record that ends before malformed XML is delivered (the reader parses ahead and drops
/// what it has not handed out when it meets an error).
///
/// Not Sendable: one session runs on one thread from start to end.
final class XMLSAXSession {
  /// The synthetic root the reader wraps every input in, so that a root-less run of elements
  /// parses; a name no real document uses.
  static let wrapperName = "idtrail.input"

  /// Always network-free and quiet (errors are read from the context), never substituting
  /// entities, loading DTDs, defaulting attributes from them or processing XInclude.
  private static let options = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

  /// How much of the input one `xmlParseChunk` call gets.
  private static let chunkSize = 1 << 16

  private var context: xmlParserCtxtPtr?
  private var state: XMLSAXState

  init(
    builder: XMLRecordBuilder, limits: XMLReadLimits, isRecord: @escaping (XMLStartTag) -> Bool,
    isContainer: ((XMLStartTag) -> Bool)? = nil, expected: String? = nil, lineShift: Int
  ) {
    XMLParserSetup.ensureInitialised()
    state = XMLSAXState(
      builder: builder, limits: limits, isRecord: isRecord, isContainer: isContainer, expected: expected,
      lineShift: lineShift)
  }

  deinit {
    if let context {
      if let document = context.pointee.myDoc { xmlFreeDoc(document) }
      xmlFreeParserCtxt(context)
    }
  }

  /// The builder, with the storage it grew, for the next session.
  var builder: XMLRecordBuilder { state.builder }

  /// Parses `segments` of `input` to their end or to the first malformed XML, calling `body` with
  /// each record and each rejection for a limit or an entity reference.
  func run(
    _ input: UnsafeRawBufferPointer, _ segments: [XMLSegment], body: (XMLReadResult) -> Void
  ) -> XMLSessionEnd {
    withoutActuallyEscaping(body) { body in
      state.body = body
      defer { state.body = nil }
      return parse(input, segments)
    }
  }

  private func parse(_ input: UnsafeRawBufferPointer, _ segments: [XMLSegment]) -> XMLSessionEnd {
    var handler = Self.makeHandler()
    // The callbacks get a pointer to the state, valid for this call: no reference counting and no
    // exclusivity checks per callback.
    return withUnsafeMutablePointer(to: &state) { state in
      guard let context = xmlCreatePushParserCtxt(&handler, UnsafeMutableRawPointer(state), nil, 0, nil)
      else {
        return .failed(
          XMLSessionFailure(
            line: state.pointee.lineShift + 1, column: 1, message: "libxml2 could not create a parser",
            recordLine: nil, alreadyRejected: false))
      }
      self.context = context
      state.pointee.context = context
      _ = xmlCtxtUseOptions(context, Self.options)
      // Errors raised outside the parser context (a byte the declared encoding cannot convert) go
      // to this thread's handlers, which print to standard error unless replaced; `failure()`
      // reads the last of them instead.
      xmlSetStructuredErrorFunc(nil) { _, _ in }
      xmlResetLastError()
      for segment in segments {
        let failed = segment.withBytes(input) { bytes -> Bool in
          var offset = 0
          while offset < bytes.count, let base = bytes.baseAddress {
            let size = min(Self.chunkSize, bytes.count - offset)
            let status = base.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: size) {
              xmlParseChunk(context, $0, Int32(size), 0)
            }
            if status != 0 || context.pointee.wellFormed == 0 { return true }
            offset += size
          }
          return false
        }
        if failed { return .failed(state.pointee.failure()) }
      }
      if xmlParseChunk(context, nil, 0, 1) != 0 || context.pointee.wellFormed == 0 {
        return .failed(state.pointee.failure())
      }
      return .finished
    }
  }

  /// The SAX2 callbacks; everything else (DTD, entity declarations and look-ups, documents) is
  /// left unset, so libxml2 builds nothing and declares nothing.
  private static func makeHandler() -> xmlSAXHandler {
    var handler = xmlSAXHandler()
    handler.initialized = XML_SAX2_MAGIC
    handler.startElementNs = { user, localName, _, uri, _, _, attributeCount, _, attributes in
      guard let user, let localName else { return }
      user.assumingMemoryBound(to: XMLSAXState.self).pointee.start(
        localName, uri, attributeCount: Int(attributeCount), attributes)
    }
    handler.endElementNs = { user, _, _, _ in
      user?.assumingMemoryBound(to: XMLSAXState.self).pointee.end()
    }
    let characters: charactersSAXFunc = { user, text, length in
      guard let user, let text, length > 0 else { return }
      user.assumingMemoryBound(to: XMLSAXState.self).pointee.characters(
        UnsafeBufferPointer(start: text, count: Int(length)))
    }
    handler.characters = characters
    handler.ignorableWhitespace = characters
    handler.cdataBlock = characters
    handler.reference = { user, name in
      user?.assumingMemoryBound(to: XMLSAXState.self).pointee.reference(
        name.map { String(cString: $0) } ?? "")
    }
    return handler
  }

  /// libxml2's message without its trailing newline, with the lines it cites shifted into input
  /// terms and the wrapper element named as what it stands for.
  static func clean(_ message: String, lineShift: Int) -> String {
    var text = Substring(message)
    while let last = text.last, last.isNewline || last == " " { text.removeLast() }
    let result = String(text).replacing(wrapperName, with: "the end of the input")
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
    return shifted + rest
  }
}

/// What the SAX callbacks of one session share: the record being built, the elements open outside
/// records, and the skipping of a rejected record.
private struct XMLSAXState {
  var builder: XMLRecordBuilder
  /// The parser, for its position; set once it is made.
  var context: xmlParserCtxtPtr?
  let limits: XMLReadLimits
  let isRecord: (XMLStartTag) -> Bool
  let isContainer: ((XMLStartTag) -> Bool)?
  /// The name of the format's records, for the message about an unexpected element.
  let expected: String?
  let lineShift: Int
  var body: ((XMLReadResult) -> Void)?
  var names = XMLNameCache()
  var namespaces = XMLNamespaceCache()
  /// Depth of the element being read: 0 is the wrapper, 1 the document's top level.
  var depth = -1
  var recordDepth = 0
  /// While at least 0: ignore everything until the end tag at this depth.
  var skipDepth = -1
  /// The name indices of the open elements outside records.
  var ancestors: [Int] = []

  init(
    builder: XMLRecordBuilder, limits: XMLReadLimits, isRecord: @escaping (XMLStartTag) -> Bool,
    isContainer: ((XMLStartTag) -> Bool)?, expected: String?, lineShift: Int
  ) {
    self.builder = builder
    self.limits = limits
    self.isRecord = isRecord
    self.isContainer = isContainer
    self.expected = expected
    self.lineShift = lineShift
    self.builder.abandon()
  }

  /// The line libxml2's parser is on (where the token just read ends), in input terms.
  var line: Int {
    guard let input = context?.pointee.input else { return lineShift }
    return Int(input.pointee.line) + lineShift
  }

  /// Where and why libxml2 stopped, from its context's last error, or else from the thread's (an
  /// encoding error is raised outside the context, with no line: then the parser's line is used).
  func failure() -> XMLSessionFailure {
    let error = context?.pointee.lastError
    let message = (error?.message ?? xmlGetLastError()?.pointee.message).map {
      XMLSAXSession.clean(String(cString: $0), lineShift: lineShift)
    }
    let errorLine = Int(error?.line ?? 0)
    return XMLSessionFailure(
      line: errorLine > 0 ? errorLine + lineShift : max(1, line), column: max(1, Int(error?.int2 ?? 1)),
      message: message ?? "libxml2 stopped without saying why",
      recordLine: builder.isBuilding ? builder.record.line : nil, alreadyRejected: skipDepth >= 0,
      located: errorLine > 0)
  }

  mutating func start(
    _ localName: UnsafePointer<xmlChar>, _ uri: UnsafePointer<xmlChar>?, attributeCount: Int,
    _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
  ) {
    let line = self.line
    depth += 1
    if depth == 0 || skipDepth >= 0 { return }
    if depth > limits.maximumDepth {
      reject(.tooDeep(limit: limits.maximumDepth), line: line)
      return
    }
    let name = names.index(for: UnsafeRawPointer(localName)) { builder.nameIndex(String(cString: localName)) }
    let namespace =
      uri.map { uri in namespaces.index(for: uri) { builder.nameIndex(String(cString: uri)) } } ?? -1
    if !builder.isBuilding {
      let tag = XMLStartTag(
        name: builder.name(at: name), namespace: namespace < 0 ? nil : builder.name(at: namespace),
        depth: depth, parent: ancestors.last.map { builder.name(at: $0) })
      guard isRecord(tag) else {
        if let isContainer, !isContainer(tag) {
          reject(.unexpectedElement(name: tag.name, expected: expected), line: line)
          return
        }
        ancestors.append(name)
        return
      }
      builder.begin()
      recordDepth = depth
    }
    builder.openElement(name: name, namespace: namespace, line: line)
    if attributeCount > 0, let attributes, let problem = readAttributes(attributeCount, attributes) {
      reject(problem, line: line)
    }
  }

  mutating func end() {
    defer { depth -= 1 }
    if depth == 0 { return }
    if skipDepth >= 0 {
      if depth == skipDepth { skipDepth = -1 }
      return
    }
    if builder.isBuilding {
      builder.closeElement()
      if !builder.isBuilding { body?(.record(builder.record)) }
    } else {
      _ = ancestors.popLast()
    }
  }

  mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
    guard skipDepth < 0, builder.isBuilding else { return }
    if builder.currentHasChildren && text.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D })
    {
      return
    }
    if builder.currentTextCount + text.count > limits.maximumTextBytes {
      reject(.textTooLong(limit: limits.maximumTextBytes), line: builder.record.line)
    } else if builder.byteCount + text.count > limits.maximumRecordBytes {
      reject(.recordTooLarge(limit: limits.maximumRecordBytes), line: builder.record.line)
    } else {
      builder.appendText(text)
    }
  }

  /// An entity reference libxml2 did not substitute (it substitutes none but the predefined five).
  mutating func reference(_ name: String) {
    guard skipDepth < 0 else { return }
    reject(.entityReference(name: name), line: line)
  }

  /// Rejects the record being built (and skips the rest of it), or, outside records, the element
  /// just started (and skips its content).
  private mutating func reject(_ kind: XMLReadError.Kind, line: Int) {
    if builder.isBuilding {
      body?(.rejected(XMLReadError(kind, line: builder.record.line)))
      builder.abandon()
      skipDepth = recordDepth
    } else {
      body?(.rejected(XMLReadError(kind, line: line)))
      skipDepth = depth
    }
  }

  /// Copies libxml2's attribute array (local name, prefix, URI, value start, value end per
  /// attribute) into the builder.
  ///
  /// Without entity substitution libxml2 passes an ampersand in a value as `&#38;`; it is turned
  /// back here (no other `&` can be in a value it passes).
  ///
  /// - Returns: the limit a value broke, or nil.
  private mutating func readAttributes(
    _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>
  ) -> XMLReadError.Kind? {
    for index in 0..<count {
      let base = attributes + index * 5
      guard let localName = base[0], let start = base[3], let end = base[4] else { continue }
      let name = names.index(for: UnsafeRawPointer(localName)) {
        builder.nameIndex(String(cString: localName))
      }
      let namespace =
        base[2].map { uri in namespaces.index(for: uri) { builder.nameIndex(String(cString: uri)) } } ?? -1
      let value = UnsafeBufferPointer(start: start, count: end - start)
      if value.count > limits.maximumTextBytes { return .textTooLong(limit: limits.maximumTextBytes) }
      if builder.byteCount + value.count > limits.maximumRecordBytes {
        return .recordTooLarge(limit: limits.maximumRecordBytes)
      }
      if value.contains(0x26) {
        Self.decodingAmpersands(value) {
          builder.appendAttribute(name: name, namespace: namespace, value: $0)
        }
      } else {
        builder.appendAttribute(name: name, namespace: namespace, value: value)
      }
    }
    return nil
  }

  private static func decodingAmpersands(
    _ value: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    let escaped: [UInt8] = Array("&#38;".utf8)
    var decoded: [UInt8] = []
    var index = 0
    while index < value.count {
      if value[index] == 0x26 && index + 5 <= value.count && value[index..<(index + 5)].elementsEqual(escaped)
      {
        decoded.append(0x26)
        index += 5
      } else {
        decoded.append(value[index])
        index += 1
      }
    }
    decoded.withUnsafeBufferPointer(body)
  }
}

/// A piece of what a session parses: a range of the input, or bytes of the reader's own.
enum XMLSegment {
  case input(Range<Int>)
  case own([UInt8])

  func withBytes<Result>(_ input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Result)
    -> Result
  {
    switch self {
    case .input(let range): return body(UnsafeRawBufferPointer(rebasing: input[range]))
    case .own(let bytes): return bytes.withUnsafeBytes(body)
    }
  }
}

/// libxml2's one-time global set-up.
enum XMLParserSetup {
  private static let initialised: Bool = {
    xmlInitParser()
    return true
  }()

  /// Calls `xmlInitParser()` once per process, before the first parser is made; Swift runs a
  /// static's initialiser exactly once even when several threads get here together.
  static func ensureInitialised() {
    _ = initialised
  }
}
