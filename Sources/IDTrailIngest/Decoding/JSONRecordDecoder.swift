import Dispatch
import IDTrailModel
import Synchronization

/// A decoder for a JSON format whose records are objects: NDJSON, a top-level array, pretty-printed
/// documents, or an envelope object holding the records in an array.
///
/// Conformers say how to recognise and decode one record; the reading, the accounting and the
/// parallel split of large NDJSON inputs come from the extension below.
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
      let chunks =
        layout == .lines
        ? JSONChunking.lineChunks(input, threads: options.threadCount)
        : [JSONChunk(range: 0..<bytes.count, firstLine: 1)]
      if chunks.count == 1 {
        let output = decodeChunk(bytes, chunks[0], layout: layout, path: input.path, options: options)
        return merge([output], path: input.path, byteCount: bytes.count, options: options)
      }
      return decodeInParallel(input, chunks, layout: layout, options: options)
    }
  }

  private func decodeInParallel(
    _ input: InputBytes, _ chunks: [JSONChunk], layout: JSONLayout, options: DecodeOptions
  ) -> DecodedInput {
    let results = Mutex([DecodedInput?](repeating: nil, count: chunks.count))
    DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
      let part = input.withBytes { bytes in
        decodeChunk(bytes, chunks[index], layout: layout, path: input.path, options: options)
      }
      results.withLock { $0[index] = part }
    }
    let parts = results.withLock { parts in
      defer { parts = [] }
      return parts.compactMap { $0 }
    }
    return merge(parts, path: input.path, byteCount: input.count, options: options)
  }

  /// Drops repeated deliveries across `parts` (when the format does), then joins them in order.
  private func merge(
    _ parts: [DecodedInput], path: String, byteCount: Int, options: DecodeOptions
  ) -> DecodedInput {
    var parts = parts
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
    // The events are joined on all threads; the rest (counts, rejections, facts) is small.
    let events = parts.count > 1 ? Self.joinEvents(&parts) : []
    var merged = parts[0]
    parts[0] = DecodedInput(path: "", format: nil, byteCount: 0)
    merged.byteCount = byteCount
    merged.strings = StringInterner()
    guard parts.count > 1 else { return merged }
    merged.facts.reserveCapacity(parts.reduce(0) { $0 + $1.facts.count })
    for index in parts.indices.dropFirst() {
      merged.append(parts[index])
      parts[index] = DecodedInput(path: "", format: nil, byteCount: 0)
    }
    merged.events = events
    return merged
  }

  /// The events of all `parts`, in order, taken out of them: each part's are copied into place
  /// and let go on the thread that copied them, so that neither the copies nor the releases of
  /// half a million events wait on one thread.
  private static func joinEvents(_ parts: inout [DecodedInput]) -> [IdentityEvent] {
    var offsets: [Int] = []
    var total = 0
    var sources: [[IdentityEvent]] = []
    for index in parts.indices {
      offsets.append(total)
      total += parts[index].events.count
      sources.append(parts[index].events)
      parts[index].events = []
    }
    guard total > 0 else { return [] }
    let starts = offsets
    let pending = Mutex(sources)
    sources = []
    return [IdentityEvent](unsafeUninitializedCapacity: total) { buffer, count in
      let destination = EventDestination(base: buffer.baseAddress.unsafelyUnwrapped)
      DispatchQueue.concurrentPerform(iterations: starts.count) { index in
        let events = pending.withLock { sources in
          defer { sources[index] = [] }
          return sources[index]
        }
        events.withUnsafeBufferPointer { events in
          guard let first = events.baseAddress else { return }
          (destination.base + starts[index]).initialize(from: first, count: events.count)
        }
      }
      count = total
    }
  }

  private func decodeChunk(
    _ bytes: UnsafeRawBufferPointer, _ chunk: JSONChunk, layout: JSONLayout, path: String,
    options: DecodeOptions
  ) -> DecodedInput {
    var output = DecodedInput(
      path: path, format: format, byteCount: chunk.range.count, keptRejections: options.keptRejections,
      retainsEvents: options.retainsEvents)
    if dropsRepeatedDeliveries { output.logDeliveries() }
    // A copy of the path of its own, so that the locators each record makes count references on
    // an object no other thread touches.
    var reader = JSONRecordReader(path: String(decoding: Array(path.utf8), as: UTF8.self))
    reader.forEachRecord(in: bytes, range: chunk.range, layout: layout, firstLine: chunk.firstLine) {
      record in
      switch record {
      case .malformed(let locator, let error):
        output.account(.rejected("malformed JSON: \(error)"), at: locator)
      case .value(let value, let locator):
        guard let object = value.object else {
          output.account(.rejected("the record is \(value.kind) JSON, not an object"), at: locator)
          return true
        }
        if let inner = records(inEnvelope: object) {
          decodeEnvelope(object, inner, at: locator, options: options, into: &output)
        } else {
          let disposition = decode(
            record: object, envelope: nil, at: locator, options: options, into: &output)
          output.account(disposition, at: locator)
        }
      }
      return true
    }
    return output
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

/// Where `joinEvents` copies the events: each thread writes only its own range of it.
private struct EventDestination: @unchecked Sendable {
  let base: UnsafeMutablePointer<IdentityEvent>
}

/// A slice of an NDJSON input that one thread reads.
struct JSONChunk: Sendable {
  var range: Range<Int>
  var firstLine: Int
}

/// Splits large NDJSON inputs at line boundaries so that each core reads a part.
enum JSONChunking {
  /// Inputs smaller than this are read on one thread.
  static let minimumParallelBytes = 4 << 20
  /// About how large a part is: small enough that threads finishing early find more work (the
  /// machine may be busy with other things), large enough that a part's fixed costs do not count.
  static let partBytes = 4 << 20

  /// The parts of `input`, each ending after a newline (the last at the end of the input), with
  /// the line number each starts at.
  static func lineChunks(_ input: InputBytes, threads: Int) -> [JSONChunk] {
    guard input.count >= minimumParallelBytes, threads > 1 else {
      return [JSONChunk(range: 0..<input.count, firstLine: 1)]
    }
    let ranges = input.withBytes { lineRanges($0, threads: threads) }
    // Line numbers need the newlines before each part: counted on all threads at once.
    let newlines = Mutex([Int](repeating: 0, count: ranges.count))
    DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
      let count = input.withBytes { JSONRecordReader.countNewlines($0, ranges[index]) }
      newlines.withLock { $0[index] = count }
    }
    var line = 1
    return zip(ranges, newlines.withLock { $0 }).map { range, count in
      defer { line += count }
      return JSONChunk(range: range, firstLine: line)
    }
  }

  private static func lineRanges(_ bytes: UnsafeRawBufferPointer, threads: Int) -> [Range<Int>] {
    let target = max(threads * 4, bytes.count / partBytes)
    let step = bytes.count / target
    var ranges: [Range<Int>] = []
    var start = 0
    while start < bytes.count {
      let proposed = start + step
      let end: Int
      if proposed >= bytes.count {
        end = bytes.count
      } else {
        end = (JSONRecordReader.firstNewline(bytes, from: proposed, limit: bytes.count) ?? (bytes.count - 1)) + 1
      }
      ranges.append(start..<end)
      start = end
    }
    return ranges
  }
}
