import Dispatch
import Foundation
import Synchronization

/// Encodes a report exactly as one `JSONEncoder` would (pretty printed, keys sorted, slashes
/// unescaped), with its long arrays encoded in slices side by side.
///
/// One encoder runs on one core: a report of millions of events held a core for a second on its
/// JSON while the other waited. Here the report without its long arrays is encoded, each slice of
/// those arrays is encoded as an array of its own, and the slices are indented one level and
/// spliced in where the skeleton holds the empty array. Should the skeleton not read as expected,
/// the whole report is encoded in one piece: the bytes are the same either way (tests compare).
enum ReportJSONEncoding {
  /// Elements per slice: large enough that a slice outweighs starting an encoder.
  static let defaultSliceSize = 4096

  /// The report's JSON, with the final newline.
  static func encode(_ report: Report, sliceSize: Int = defaultSliceSize) throws -> String {
    // The encoded pieces are let go before the text is made a string: two copies at a time, not three.
    guard let text = try splicedText(of: report, sliceSize: sliceSize) else { return try wholeText(of: report) }
    return String(decoding: text, as: UTF8.self)
  }

  /// The report's JSON bytes, with the final newline, or nil when the skeleton does not read as
  /// expected.
  private static func splicedText(of report: Report, sliceSize: Int) throws -> [UInt8]? {
    var skeleton = report
    /// The array at `path` as slices to encode, emptied in the skeleton.
    func takeLongArray<Element: Encodable & Sendable>(
      _ key: String, _ path: WritableKeyPath<Report, [Element]>
    ) -> LongArray {
      defer { skeleton[keyPath: path] = [] }
      return LongArray(key, report[keyPath: path], sliceSize: sliceSize)
    }
    let longArrays = [
      takeLongArray("accessReview", \.accessReview), takeLongArray("episodes", \.episodes),
      takeLongArray("findings", \.findings), takeLongArray("people", \.people),
      takeLongArray("rejections", \.rejections),
    ].filter { !$0.slices.isEmpty }
    let jobs: [@Sendable () throws -> Data] =
      [{ [skeleton] in try makeEncoder().encode(skeleton) }] + longArrays.flatMap(\.slices)
    let results = Mutex([Result<Data, any Error>?](repeating: nil, count: jobs.count))
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      let result = Result { try jobs[index]() }
      results.withLock { $0[index] = result }
    }
    var encoded = try results.withLock { $0 }.map { try $0.unsafelyUnwrapped.get() }
    let skeletonText = encoded.removeFirst()
    var slices = encoded[...]
    var splices: [(range: Range<Int>, key: String, slices: ArraySlice<Data>)] = []
    for array in longArrays {
      let pieces = slices.prefix(array.slices.count)
      slices = slices.dropFirst(array.slices.count)
      guard let range = emptyArrayRange(for: array.key, in: skeletonText), pieces.allSatisfy(isArrayText)
      else {
        return nil
      }
      splices.append((range, array.key, pieces))
    }
    splices.sort { $0.range.lowerBound < $1.range.lowerBound }
    var text = [UInt8]()
    text.reserveCapacity(skeletonText.count + encoded.reduce(0) { $0 + $1.count + $1.count / 8 } + 1)
    var copied = 0
    for splice in splices {
      text.append(contentsOf: skeletonText[copied..<splice.range.lowerBound])
      text.append(contentsOf: Array("[\n".utf8))
      for (index, piece) in splice.slices.enumerated() {
        if index > 0 { text.append(contentsOf: Array(",\n".utf8)) }
        appendIndented(elementsOf: piece, to: &text)
      }
      text.append(contentsOf: Array("\n  ]".utf8))
      copied = splice.range.upperBound
    }
    text.append(contentsOf: skeletonText[copied...])
    text.append(UInt8(ascii: "\n"))
    return text
  }

  /// The report encoded in one piece, with the final newline.
  static func wholeText(of report: Report) throws -> String {
    var data = try makeEncoder().encode(report)
    data.append(UInt8(ascii: "\n"))
    return String(decoding: data, as: UTF8.self)
  }

  private static func makeEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  /// One of the report's arrays, as jobs that each encode a slice of it.
  private struct LongArray {
    let key: String
    let slices: [@Sendable () throws -> Data]

    init<Element: Encodable & Sendable>(_ key: String, _ elements: [Element], sliceSize: Int) {
      self.key = key
      slices = stride(from: 0, to: elements.count, by: max(1, sliceSize)).map { start in
        let slice = Array(elements[start..<min(start + max(1, sliceSize), elements.count)])
        return { try makeEncoder().encode(slice) }
      }
    }
  }

  /// Where the skeleton holds `key`'s empty array at the top level (`[`, a blank line, `  ]`).
  /// Top-level keys are the only ones indented by exactly two spaces.
  private static func emptyArrayRange(for key: String, in skeleton: Data) -> Range<Int>? {
    let prefix = Data("\n  \"\(key)\" : ".utf8)
    let empty = Data("[\n\n  ]".utf8)
    guard let found = skeleton.range(of: prefix + empty) else { return nil }
    return (found.lowerBound + prefix.count)..<found.upperBound
  }

  /// Whether `piece` is a non-empty array as the encoder writes it at the top level.
  private static func isArrayText(_ piece: Data) -> Bool {
    piece.count > 4 && piece.starts(with: Array("[\n".utf8)) && piece.suffix(2).elementsEqual("\n]".utf8)
  }

  /// The elements of a top-level array's text, one level deeper: every line but a blank one (the
  /// inside of an empty array) gains two spaces. Strings in JSON text hold no raw newline, so
  /// each newline ends a line.
  private static func appendIndented(elementsOf piece: Data, to text: inout [UInt8]) {
    let indent: [UInt8] = [UInt8(ascii: " "), UInt8(ascii: " ")]
    piece.withUnsafeBytes { raw in
      let elements = UnsafeRawBufferPointer(rebasing: raw[2..<(raw.count - 2)])
      var lineStart = 0
      while lineStart < elements.count {
        var lineEnd = lineStart
        while lineEnd < elements.count && elements[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        if lineEnd > lineStart { text.append(contentsOf: indent) }
        // The line with its newline (the last line has none).
        let end = min(lineEnd + 1, elements.count)
        text.append(contentsOf: UnsafeRawBufferPointer(rebasing: elements[lineStart..<end]))
        lineStart = end
      }
    }
  }
}
