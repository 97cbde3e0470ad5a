import Dispatch
import IDTrailModel
import Synchronization

/// A decoder for a JSON format whose records are objects: NDJSON, a top-level array, pretty-printed
/// documents, or an envelope object holding the records in an array.
///
/// Conformers say how to recognise and decode one record; the reading, the accounting and the
/// parallel split of large NDJSON inputs and top-level arrays come from the extension below.
public protocol JSONRecordDecoder: FormatDecoder {
  /// Whether the first record of an input says it is in this format.
  func recognizes(firstRecord: JSONObject) -> Bool

  /// The array that holds the records when `object` is an envelope (Graph's `value`, a SCIM
  /// `ListResponse`'s `Resources`, …), or nil when `object` is itself a record. Default: nil.
  func records(inEnvelope object: JSONObject) -> JSONArray?

  /// Decodes one record, emitting its events and facts into `output`.
  ///
  /// - Parameters:
  ///   - envelope: the object that held the record, when it came from `records(inEnvelope:)`.
  /// - Returns: what became of the record; the caller counts it.
  ///
  /// `output` may not keep the events emitted into it (`DecodedInput.retainsEvents`): read nothing
  /// back from `output.events`.
  func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition

  /// Whether a record whose event has the `nativeID` of an earlier event of the same input is a
  /// repeated delivery, to be skipped rather than decoded twice. Each record must then emit at
  /// most one event. Default: false.
  var dropsRepeatedDeliveries: Bool { get }
}

extension JSONRecordDecoder {
  public func records(inEnvelope object: JSONObject) -> JSONArray? { nil }

  public var dropsRepeatedDeliveries: Bool { false }

  public func recognizes(_ sample: InputSample) -> Bool {
    guard let object = sample.firstJSONObject else { return false }
    if let first = records(inEnvelope: object)?.first(where: { $0.object != nil })?.object {
      return recognizes(firstRecord: first)
    }
    return recognizes(firstRecord: object)
  }

  public func decode(_ input: InputBytes, options: DecodeOptions) -> DecodedInput {
    input.withBytes { bytes in
      guard let layout = JSONRecordReader.detectLayout(bytes) else {
        var output = DecodedInput(
          path: input.path, format: format, byteCount: bytes.count, keptRejections: options.keptRejections,
          retainsEvents: options.retainsEvents)
        output.account(
          .rejected("the input is not JSON (it does not start with '{' or '[')"),
          at: .line(1, in: input.path))
        return output
      }
      if layout == .array, let parallel = decodeArrayInParallel(input, bytes, options: options) {
        return parallel
      }
      let ranges = layout == .lines ? JSONChunking.lineRanges(input, threads: options.threadCount) : []
      guard ranges.count > 1 else {
        var parts = [
          decodeChunk(bytes, 0..<bytes.count, layout: layout, path: input.path, options: options).part
        ]
        return merge(&parts, path: input.path, byteCount: bytes.count, options: options)
      }
      return decodeLinesInParallel(input, ranges, options: options)
    }
  }

  /// Reads the line ranges of an NDJSON input on all threads, each numbering its lines from 1
  /// and counting them, then numbers them in order: no thread waits for the lines before its
  /// part to be counted, and each part's pages are let go as soon as it has been read.
  private func decodeLinesInParallel(
    _ input: InputBytes, _ ranges: [Range<Int>], options: DecodeOptions
  ) -> DecodedInput {
    let results = Mutex([(part: DecodedInput, newlines: Int)?](repeating: nil, count: ranges.count))
    let pool = PartTablePool()
    DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
      let read = input.withBytes { bytes in
        decodeChunk(bytes, ranges[index], layout: .lines, path: input.path, options: options, pool: pool)
      }
      input.doneReading(ranges[index])
      results.withLock { $0[index] = read }
    }
    var reads = results.withLock { reads in
      defer { reads = [] }
      return reads.compactMap { $0 }
    }
    var parts: [DecodedInput] = []
    var linesBefore = 0
    for index in reads.indices {
      var part = reads[index].part.take()
      part.offsetLineNumbers(by: linesBefore)
      linesBefore += reads[index].newlines
      parts.append(part)
    }
    reads = []
    return merge(&parts, path: input.path, byteCount: input.count, options: options)
  }

  /// Drops repeated deliveries across `parts` (when the format does), then joins them in order.
  ///
  /// `parts` is taken `inout` and left empty: a part whose events were shared with the caller
  /// would be copied whole when its repeats are dropped.
  private func merge(
    _ parts: inout [DecodedInput], path: String, byteCount: Int, options: DecodeOptions
  ) -> DecodedInput {
    defer { parts = [] }
    if dropsRepeatedDeliveries {
      let logs = parts.map { $0.deliveries ?? DeliveryLog() }
      let repeats = DeliveryLog.repeats(in: logs, threads: options.threadCount)
      for index in parts.indices {
        parts[index].skipRepeatedDeliveries(at: repeats[index])
      }
    }
    guard !parts.isEmpty else {
      return DecodedInput(
        path: path, format: format, byteCount: byteCount, keptRejections: options.keptRejections,
        retainsEvents: options.retainsEvents)
    }
    // Each part's events stay in their own array (`DecodedInput.takeEventRuns`).
    var merged = parts[0].take()
    merged.byteCount = byteCount
    guard parts.count > 1 else { return merged }
    merged.facts.reserveCapacity(parts.reduce(0) { $0 + $1.facts.count })
    for index in parts.indices.dropFirst() {
      merged.append(parts[index].take())
    }
    return merged
  }

  /// Decodes the records in `range`, numbering lines from 1 at its start; `newlines` counts the
  /// line feeds in `range` for the `lines` layout (0 for the others).
  private func decodeChunk(
    _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, layout: JSONLayout, path: String,
    options: DecodeOptions, pool: PartTablePool? = nil
  ) -> (part: DecodedInput, newlines: Int) {
    var output = DecodedInput(
      path: path, format: format, byteCount: range.count, keptRejections: options.keptRejections,
      retainsEvents: options.retainsEvents)
    if dropsRepeatedDeliveries { output.logDeliveries() }
    if let pool { output.tables = pool.take() }
    output.reserveEvents(forBytes: range.count)
    // A copy of the path of its own, so that the locators each record makes count references on
    // an object no other thread touches.
    var reader = JSONRecordReader(path: String(decoding: Array(path.utf8), as: UTF8.self))
    func decodeRecord(_ record: JSONRecordReader.Record) -> Bool {
      _ = decode(record, options: options, into: &output)
      return true
    }
    var newlines = 0
    if layout == .lines {
      newlines = reader.forEachLine(in: bytes, range: range, decodeRecord)
    } else {
      reader.forEachRecord(in: bytes, range: range, layout: layout, decodeRecord)
    }
    // The tables go on to the next part, or with an input read in one part; the parts are held
    // until all are read.
    let filled = output.takeTables()
    pool?.giveBack(filled)
    return (output, newlines)
  }

  /// Decodes and counts one record of the reader; true when it was an envelope of records.
  private func decode(
    _ record: JSONRecordReader.Record, options: DecodeOptions, into output: inout DecodedInput
  ) -> Bool {
    switch record {
    case .malformed(let locator, let error):
      output.account(.rejected("malformed JSON: \(error)"), at: locator)
    case .value(let value, let locator):
      guard let object = value.object else {
        output.account(.rejected("the record is \(value.kind) JSON, not an object"), at: locator)
        return false
      }
      if let inner = records(inEnvelope: object) {
        decodeEnvelope(object, inner, at: locator, options: options, into: &output)
        return true
      }
      let disposition = decode(record: object, envelope: nil, at: locator, options: options, into: &output)
      output.account(disposition, at: locator)
    }
    return false
  }

  // MARK: - Top-level arrays on all threads

  /// Decodes a large top-level array in runs on all threads, or nil when it should be read on one.
  ///
  /// Runs start at lines that look like element starts (a line opening `{` or `[` after a line
  /// ending in `,`). A JSON string cannot hold a raw newline, but such a line may still open a
  /// nested value; so a run counts only when the run before it stopped exactly where it starts,
  /// and the stretch after a run that did not is read again on this thread. The result is the
  /// same, byte for byte, as reading on one thread. Arrays of envelopes are read on one thread,
  /// since their records are numbered inside each envelope.
  private func decodeArrayInParallel(
    _ input: InputBytes, _ bytes: UnsafeRawBufferPointer, options: DecodeOptions
  ) -> DecodedInput? {
    guard bytes.count >= JSONChunking.minimumParallelBytes, options.threadCount > 1,
      let first = JSONChunking.firstArrayElement(bytes)
    else { return nil }
    let starts = [first] + JSONChunking.arrayElementStarts(bytes, after: first, threads: options.threadCount)
    guard starts.count > 1 else { return nil }
    let results = Mutex([ArrayRun?](repeating: nil, count: starts.count))
    let pool = PartTablePool()
    let byteCount = bytes.count
    DispatchQueue.concurrentPerform(iterations: starts.count) { index in
      let until = index + 1 < starts.count ? starts[index + 1] : byteCount
      let run = input.withBytes { bytes in
        readArrayRun(
          bytes, from: starts[index], until: until, path: input.path, options: options, pool: pool)
      }
      input.doneReading(starts[index]..<until)
      results.withLock { $0[index] = run }
    }
    var runs = results.withLock { runs in
      defer { runs = [] }
      return runs.compactMap { $0 }
    }
    var parts: [DecodedInput] = []
    var expected = first
    var elements = 0
    var finished = false
    var heldEnvelopes = false
    func accept(_ run: inout ArrayRun) {
      heldEnvelopes = heldEnvelopes || run.heldEnvelopes
      var part = run.part.take()
      part.offsetRecordIndices(by: elements)
      parts.append(part)
      elements += run.elements
      switch run.end {
      case .element(let next): expected = next
      case .closed, .malformed: finished = true
      }
    }
    for index in runs.indices where !finished {
      let start = runs[index].start
      if expected < start {
        // The run before stopped short of this one: read the stretch between them here.
        var between = readArrayRun(
          bytes, from: expected, until: start, path: input.path, options: options, pool: pool)
        accept(&between)
        if finished { break }
      }
      // A run that starts before `expected` began inside an element: it is not used.
      if expected == start { accept(&runs[index]) }
    }
    runs = []
    if !finished {
      var rest = readArrayRun(
        bytes, from: expected, until: bytes.count, path: input.path, options: options, pool: pool)
      accept(&rest)
    }
    guard !heldEnvelopes else { return nil }
    return merge(&parts, path: input.path, byteCount: bytes.count, options: options)
  }

  /// Reads the array elements from `start` until the first that starts at or after `until`.
  private func readArrayRun(
    _ bytes: UnsafeRawBufferPointer, from start: Int, until: Int, path: String, options: DecodeOptions,
    pool: PartTablePool
  ) -> ArrayRun {
    var output = DecodedInput(
      path: path, format: format, byteCount: 0, keptRejections: options.keptRejections,
      retainsEvents: options.retainsEvents)
    if dropsRepeatedDeliveries { output.logDeliveries() }
    output.tables = pool.take()
    output.reserveEvents(forBytes: until - start)
    var reader = JSONRecordReader(path: String(decoding: Array(path.utf8), as: UTF8.self))
    var elements = 0
    var heldEnvelopes = false
    let end = reader.readArrayElements(bytes, from: start, until: until, limit: bytes.count) { record in
      elements += 1
      if decode(record, options: options, into: &output) { heldEnvelopes = true }
      return true
    }
    pool.giveBack(output.takeTables())
    return ArrayRun(start: start, part: output, end: end, elements: elements, heldEnvelopes: heldEnvelopes)
  }

  private func decodeEnvelope(
    _ envelope: JSONObject, _ records: JSONArray, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) {
    var index = 0
    for element in records {
      index += 1
      let elementLocator = Locator(
        path: locator.path, position: .record(index: index, byteOffset: element.byteOffset))
      guard let object = element.object else {
        output.account(.rejected("the record is \(element.kind) JSON, not an object"), at: elementLocator)
        continue
      }
      let disposition = decode(
        record: object, envelope: envelope, at: elementLocator, options: options, into: &output)
      output.account(disposition, at: elementLocator)
    }
  }
}

/// One run of top-level array elements read by one thread.
private struct ArrayRun: Sendable {
  var start: Int
  var part: DecodedInput
  var end: JSONRecordReader.ArrayRunEnd
  var elements: Int
  var heldEnvelopes: Bool
}

/// Splits large NDJSON inputs at line boundaries so that each core reads a part.
enum JSONChunking {
  /// Inputs smaller than this are read on one thread.
  static let minimumParallelBytes = 4 << 20
  /// The parts of `input` one thread each reads, each ending after a newline (the last at the end
  /// of the input); one part for small inputs or one thread.
  static func lineRanges(_ input: InputBytes, threads: Int) -> [Range<Int>] {
    guard input.count >= minimumParallelBytes, threads > 1 else { return [0..<input.count] }
    return input.withBytes { lineRanges($0, threads: threads) }
  }

  /// The offset of the first element of a top-level array, or nil when the input is not an array
  /// or the array is empty.
  static func firstArrayElement(_ bytes: UnsafeRawBufferPointer) -> Int? {
    var position = JSONRecordReader.bomLength(bytes)
    JSONRecordReader.skipWhitespace(bytes, &position, limit: bytes.count)
    guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else { return nil }
    position += 1
    JSONRecordReader.skipWhitespace(bytes, &position, limit: bytes.count)
    guard position < bytes.count, bytes[position] != UInt8(ascii: "]") else { return nil }
    return position
  }

  /// Places after `first` where an array element seems to start, about one per part: the first
  /// byte of a line that opens `{` or `[` (after spaces or tabs), when the line before ends in
  /// `,`. They are guesses: the caller checks each.
  static func arrayElementStarts(_ bytes: UnsafeRawBufferPointer, after first: Int, threads: Int) -> [Int] {
    let target = InputParts.count(forBytes: bytes.count, threads: threads)
    let step = max(1, bytes.count / target)
    var starts: [Int] = []
    var proposed = first + step
    while proposed < bytes.count {
      let searchLimit = min(bytes.count, proposed + step)
      var position = proposed
      var found: Int?
      while found == nil,
        let newline = JSONRecordReader.firstNewline(bytes, from: position, limit: searchLimit)
      {
        position = newline + 1
        var start = position
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0D {
          start += 1
        }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[")
        else { continue }
        var before = newline
        while before > first, JSONRecordReader.isWhitespace(bytes[before - 1]) { before -= 1 }
        if before > first, bytes[before - 1] == UInt8(ascii: ",") { found = start }
      }
      if let found { starts.append(found) }
      proposed = max(searchLimit, (found ?? 0) + 1)
    }
    return starts
  }

  private static func lineRanges(_ bytes: UnsafeRawBufferPointer, threads: Int) -> [Range<Int>] {
    let target = InputParts.count(forBytes: bytes.count, threads: threads)
    let step = bytes.count / target
    var ranges: [Range<Int>] = []
    var start = 0
    while start < bytes.count {
      let proposed = start + step
      let end: Int
      if proposed >= bytes.count {
        end = bytes.count
      } else {
        let newline = JSONRecordReader.firstNewline(bytes, from: proposed, limit: bytes.count)
        end = (newline ?? (bytes.count - 1)) + 1
      }
      ranges.append(start..<end)
      start = end
    }
    return ranges
  }
}
