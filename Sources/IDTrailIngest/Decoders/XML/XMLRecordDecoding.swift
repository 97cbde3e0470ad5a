import Dispatch
import IDTrailModel
import IDTrailXML
import Synchronization

/// A decoder for an XML format whose records are elements: it names its reader (which elements are
/// records, where to resume after malformed XML) and decodes one record; the reading, the accounting
/// and the parallel split of large inputs come from the extension below.
public protocol XMLRecordDecoding: FormatDecoder {
  /// The reader that finds this format's records.
  var reader: XMLRecordReader { get }

  /// Decodes one record, emitting its events and facts into `output`.
  ///
  /// - Returns: what became of the record; the caller counts it.
  func decode(record: XMLRecord, at locator: Locator, options: DecodeOptions, into output: inout DecodedInput)
    -> RecordDisposition
}

extension XMLRecordDecoding {
  public func decode(_ input: InputBytes, options: DecodeOptions) -> DecodedInput {
    input.withBytes { bytes in
      let threads = options.threadCount
      let wanted =
        bytes.count >= XMLParallelReading.minimumParallelBytes && threads > 1
        ? InputParts.count(forBytes: bytes.count, threads: threads) : 1
      // The split reads the whole input once; each stretch's pages go as soon as it is read.
      let parts = reader.parts(of: bytes, count: wanted) { input.doneReading($0) }
      guard parts.count > 1 else {
        return decodePart(bytes, parts.first, path: input.path, byteCount: bytes.count, options: options)
      }
      let results = Mutex([DecodedInput?](repeating: nil, count: parts.count))
      let pool = PartTablePool()
      DispatchQueue.concurrentPerform(iterations: parts.count) { index in
        let decoded = input.withBytes { bytes in
          decodePart(
            bytes, parts[index], path: input.path, byteCount: parts[index].byteRange.count, options: options,
            pool: pool)
        }
        input.doneReading(parts[index].byteRange)
        results.withLock { $0[index] = decoded }
      }
      var decodedParts = results.withLock { decodedParts in
        defer { decodedParts = [] }
        return decodedParts.compactMap { $0 }
      }
      // Each part's events stay in their own array (`DecodedInput.takeEventRuns`).
      var merged = DecodedInput(
        path: input.path, format: format, byteCount: bytes.count, keptRejections: options.keptRejections,
        retainsEvents: options.retainsEvents)
      for index in decodedParts.indices { merged.append(decodedParts[index].take()) }
      return merged
    }
  }

  private func decodePart(
    _ bytes: UnsafeRawBufferPointer, _ part: XMLPart?, path: String, byteCount: Int, options: DecodeOptions,
    pool: PartTablePool? = nil
  ) -> DecodedInput {
    var output = DecodedInput(
      path: path, format: format, byteCount: byteCount, keptRejections: options.keptRejections,
      retainsEvents: options.retainsEvents)
    guard let part else { return output }
    if let pool { output.tables = pool.take() }
    output.reserveEvents(forBytes: byteCount)
    // A copy of the path of its own, so that the locators each record makes count references on
    // an object no other thread touches.
    let path = String(decoding: Array(path.utf8), as: UTF8.self)
    reader.read(bytes, part: part) { result in
      switch result {
      case .record(let record):
        let locator = Locator.line(record.line, in: path)
        output.account(decode(record: record, at: locator, options: options, into: &output), at: locator)
      case .rejected(let error):
        output.account(.rejected(error.description), at: .line(error.line, in: path))
      }
    }
    // The tables go on to the next part, or with an input read in one part; the parts are held
    // until all are read.
    let filled = output.takeTables()
    pool?.giveBack(filled)
    return output
  }
}

/// When XML inputs are read on several threads.
enum XMLParallelReading {
  /// Inputs smaller than this are read on one thread.
  static let minimumParallelBytes = 4 << 20
}
