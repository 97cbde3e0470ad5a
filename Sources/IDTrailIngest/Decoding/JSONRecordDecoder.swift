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
  func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition
}

extension JSONRecordDecoder {
  public func records(inEnvelope object: JSONObject) -> JSONArray? { nil }

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
          path: input.path, format: format, byteCount: bytes.count, keptRejections: options.keptRejections)
        output.account(
          .rejected("the input is not JSON (it does not start with '{' or '[')"),
          at: .line(1, in: input.path))
        return output
      }
      let chunks = layout == .lines ? JSONChunking.lineChunks(bytes) : [JSONChunk(range: 0..<bytes.count, firstLine: 1)]
      if chunks.count == 1 {
        return decodeChunk(bytes, chunks[0], layout: layout, path: input.path, options: options)
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
    var parts = results.withLock { parts in
      defer { parts = [] }
      return parts
    }
    // The first part becomes the whole (its arrays move, not copy); the others are appended once
    // room for all of them is made.
    guard var merged = parts[0].take() else {
      return DecodedInput(
        path: input.path, format: format, byteCount: input.count, keptRejections: options.keptRejections)
    }
    merged.byteCount = input.count
    merged.events.reserveCapacity(parts.reduce(merged.events.count) { $0 + ($1?.events.count ?? 0) })
    merged.facts.reserveCapacity(parts.reduce(merged.facts.count) { $0 + ($1?.facts.count ?? 0) })
    for index in parts.indices.dropFirst() {
      if let part = parts[index].take() { merged.append(part) }
    }
    return merged
  }

  private func decodeChunk(
    _ bytes: UnsafeRawBufferPointer, _ chunk: JSONChunk, layout: JSONLayout, path: String,
    options: DecodeOptions
  ) -> DecodedInput {
    var output = DecodedInput(
      path: path, format: format, byteCount: chunk.range.count, keptRejections: options.keptRejections)
    var reader = JSONRecordReader(path: path)
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

/// A slice of an NDJSON input that one thread reads.
struct JSONChunk: Sendable {
  var range: Range<Int>
  var firstLine: Int
}

/// Splits large NDJSON inputs at line boundaries so that each core reads a part.
enum JSONChunking {
  /// Inputs smaller than this are read on one thread.
  static let minimumParallelBytes = 4 << 20

  static func lineChunks(_ bytes: UnsafeRawBufferPointer) -> [JSONChunk] {
    let cores = SystemInfo.activeProcessorCount
    guard bytes.count >= minimumParallelBytes, cores > 1 else {
      return [JSONChunk(range: 0..<bytes.count, firstLine: 1)]
    }
    let target = cores * 4
    let step = bytes.count / target
    var chunks: [JSONChunk] = []
    var start = 0
    var line = 1
    while start < bytes.count {
      let proposed = start + step
      let end: Int
      if proposed >= bytes.count {
        end = bytes.count
      } else {
        end = (JSONRecordReader.firstNewline(bytes, from: proposed, limit: bytes.count) ?? (bytes.count - 1)) + 1
      }
      chunks.append(JSONChunk(range: start..<end, firstLine: line))
      line += JSONRecordReader.countNewlines(bytes, start..<end)
      start = end
    }
    return chunks
  }
}
