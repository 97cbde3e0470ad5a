import Dispatch
import Synchronization

/// A hardened streaming XML reader: hands out the records of an input one at a time, as plain Swift
/// values, with constant memory in the input's size.
///
/// It runs libxml2's SAX2 push parser over the mapped bytes (64 KiB at a time), always without
/// network access, entity substitution, DTD loading or XInclude; a DOCTYPE that declares entities is
/// refused before libxml2 sees a byte. Every input is wrapped in a synthetic root element (pushed as
/// its own chunks before and after the input's, so nothing is copied but what libxml2 buffers),
/// which lets a root-less run of elements, such as `wevtutil qe /f:xml` output, parse like a
/// document. UTF-8 and UTF-16 with a byte order mark are accepted.
///
/// A format says which elements are records (`isRecord`, asked for each element outside a record).
/// Malformed XML ends libxml2's reading; when the format names a `resumeTag`, the reader rejects the
/// record the problem is in and starts again at the next start tag of that name; every record that
/// ends before the problem has been handed out by then.
public struct XMLRecordReader: Sendable {
  public var limits: XMLReadLimits
  /// The local name of the record elements to resume at after malformed XML (`Event`), or nil to
  /// stop at the first malformed XML.
  public var resumeTag: String?
  /// Whether an element outside any record is a record.
  public var isRecord: @Sendable (XMLStartTag) -> Bool
  /// Whether an element outside any record that is not a record is one records sit in; any other
  /// is rejected with its content, so that a damaged start tag is reported, not passed over. Nil:
  /// every such element may hold records.
  public var isContainer: (@Sendable (XMLStartTag) -> Bool)?

  public init(
    limits: XMLReadLimits = .default, resumeTag: String? = nil,
    isContainer: (@Sendable (XMLStartTag) -> Bool)? = nil,
    isRecord: @escaping @Sendable (XMLStartTag) -> Bool
  ) {
    self.limits = limits
    self.resumeTag = resumeTag
    self.isContainer = isContainer
    self.isRecord = isRecord
  }

  /// Whether the reader refuses DOCTYPEs that declare entities before parsing; only tests turn this
  /// off, to show what libxml2 itself does with such a document under the reader's options.
  var refusesEntityDeclarations = true

  /// Reads all of `bytes` on the calling thread, calling `body` with each record and rejection in
  /// input order.
  public func read(_ bytes: UnsafeRawBufferPointer, _ body: (XMLReadResult) -> Void) {
    guard let whole = parts(of: bytes, count: 1).first else { return }
    read(bytes, part: whole, body)
  }

  /// Splits `bytes` into at most `count` parts that can be read on different threads, each starting
  /// at a `resumeTag` start tag; reading them in order yields what `read(_:_:)` yields.
  ///
  /// Inputs without a resume tag, in UTF-16, or with a DOCTYPE that declares entities come back as
  /// one part. Split points are start tags outside comments, CDATA sections and processing
  /// instructions.
  ///
  /// - Parameter scanned: called with each stretch of `bytes` the split has read through (from
  ///   any thread), so that the caller can let its pages go.
  public func parts(
    of bytes: UnsafeRawBufferPointer, count: Int, scanned: @Sendable (Range<Int>) -> Void = { _ in }
  ) -> [XMLPart] {
    let plan: XMLDocumentPlan
    do {
      plan = try makePlan(bytes)
    } catch {
      return [XMLPart(plan: .failure(error), span: 0..<0, startLine: 1)]
    }
    let whole = XMLPart(plan: .success(plan), span: plan.headEnd..<bytes.count, startLine: plan.headLine)
    guard count > 1, plan.encoding == .utf8, let pattern = plan.resumePattern else { return [whole] }
    let step = max(1, (bytes.count - plan.headEnd) / count)
    // Likely split points first: the first start tag after each step, found without regard to
    // comments. Each stretch between them is then checked, on all threads, for anything that
    // opens a comment, CDATA section or instruction (where a start tag is no place to split) and
    // its lines counted. Clean stretches are parts as they are; from the first stretch that is
    // not, split points are found the careful way, scanning every tag from a known-safe place.
    var bounds = [plan.headEnd]
    var proposed = plan.headEnd + step
    while proposed < bytes.count,
      let next = XMLByteScan.tagStart(pattern, in: bytes, proposed..<bytes.count, .utf8)
    {
      bounds.append(next)
      proposed = next + step
    }
    bounds.append(bytes.count)
    let stretches = bounds.count - 1
    let edges = bounds
    let scans = Mutex([(hasMarkup: Bool, newlines: Int)](repeating: (false, 0), count: stretches))
    let byteCount = bytes.count
    let address = UInt(bitPattern: bytes.baseAddress)
    DispatchQueue.concurrentPerform(iterations: stretches) { index in
      let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: address), count: byteCount)
      let range = edges[index]..<edges[index + 1]
      let scan = (XMLByteScan.containsMarkupOpener(bytes, range), XMLByteScan.newlines(bytes, range, .utf8))
      scanned(range)
      scans.withLock { $0[index] = scan }
    }
    var parts: [XMLPart] = []
    var start = plan.headEnd
    var line = plan.headLine
    for (index, scan) in scans.withLock({ $0 }).enumerated() {
      guard !scan.hasMarkup else { break }
      parts.append(XMLPart(plan: .success(plan), span: bounds[index]..<bounds[index + 1], startLine: line))
      line += scan.newlines
      start = bounds[index + 1]
    }
    while start < bytes.count {
      var end = bytes.count
      // A `<Event` in a comment or CDATA section is no place to split: the part would start there.
      if start + step < bytes.count,
        let next = XMLByteScan.tagStartOutsideMarkup(
          pattern, in: bytes, (start + step)..<bytes.count, scanningFrom: start, .utf8)
      {
        end = next
      }
      parts.append(XMLPart(plan: .success(plan), span: start..<end, startLine: line))
      line += XMLByteScan.newlines(bytes, start..<end, .utf8)
      start = end
    }
    return parts.isEmpty ? [whole] : parts
  }

  /// Reads one part of `bytes` (from `parts(of:count:)`), calling `body` in input order.
  public func read(_ bytes: UnsafeRawBufferPointer, part: XMLPart, _ body: (XMLReadResult) -> Void) {
    let plan: XMLDocumentPlan
    switch part.plan {
    case .failure(let error):
      body(.rejected(error))
      return
    case .success(let success):
      plan = success
    }
    var builder = XMLRecordBuilder()
    var position = (offset: part.span.lowerBound, line: part.startLine)
    var lines = XMLLineCursor(encoding: plan.encoding, line: part.startLine, offset: part.span.lowerBound)
    var start = part.span.lowerBound
    let end = part.span.upperBound
    repeat {
      position.line += XMLByteScan.newlines(bytes, position.offset..<start, plan.encoding)
      position.offset = start
      let session = XMLSAXSession(
        builder: builder, limits: limits, isRecord: isRecord, isContainer: isContainer, expected: resumeTag,
        lineShift: position.line - plan.headLine)
      let outcome = session.run(bytes, plan.segments(start..<end), body: body)
      builder = session.builder
      guard case .failed(let failure) = outcome else { return }
      report(failure, body)
      // Resume at the first record start tag after the problem.
      guard failure.located, let pattern = plan.resumePattern else { return }
      let errorOffset =
        lines.offset(ofLine: failure.line, in: bytes) + (failure.column - 1) * plan.encoding.unitSize
      let from = max(errorOffset, start + 1)
      guard errorOffset >= plan.headEnd, from < end,
        let next = XMLByteScan.tagStart(pattern, in: bytes, from..<end, plan.encoding)
      else { return }
      start = next
    } while start < end
  }

  private func makePlan(_ bytes: UnsafeRawBufferPointer) throws(XMLReadError) -> XMLDocumentPlan {
    try XMLDocumentPlan(bytes, resumeTag: resumeTag, refusingEntities: refusesEntityDeclarations)
  }

  /// Rejects what a failed session was reading, unless a limit already rejected it.
  private func report(_ failure: XMLSessionFailure, _ body: (XMLReadResult) -> Void) {
    guard !failure.alreadyRejected else { return }
    body(
      .rejected(
        XMLReadError(
          .malformed(message: failure.message, errorLine: failure.line),
          line: failure.recordLine ?? failure.line)))
  }
}

/// A part of an input that one thread reads (see `XMLRecordReader.parts(of:count:)`).
public struct XMLPart: Sendable {
  let plan: Result<XMLDocumentPlan, XMLReadError>
  let span: Range<Int>
  let startLine: Int

  /// The bytes of the input this part covers.
  public var byteRange: Range<Int> { span }
}
