import Dispatch
import Foundation
import Synchronization

/// Encodes a report exactly as one `JSONEncoder` would (pretty printed, keys sorted, slashes
/// unescaped), with its long arrays encoded in slices side by side.
///
/// One encoder runs on one core: a report of millions of events held a core for a second on its
/// JSON while the other waited. Here the report without its long arrays is encoded, each slice of
/// those arrays is encoded as an array of its own one level down, and the slices' elements are
/// spliced in where the skeleton holds the empty array. `JSONTextEncoder` writes the bytes
/// `JSONEncoder` would (the report's JSON with about half `JSONEncoder`'s CPU). Should the skeleton
/// not read as expected, the whole report is encoded in one piece: the bytes are the same either
/// way (tests compare).
enum ReportJSONEncoding {
  /// Elements per slice: large enough that a slice outweighs starting an encoder.
  static let defaultSliceSize = 4096

  /// The report's JSON, with the final newline, in the pieces it was encoded in (the skeleton's
  /// runs between the long arrays, and the slices' elements), to be written one after another.
  static func encode(_ report: Report, sliceSize: Int = defaultSliceSize) throws -> [ArraySlice<UInt8>] {
    try splicedPieces(of: report, sliceSize: sliceSize) ?? wholeText(of: report)
  }

  /// The report's JSON bytes in pieces, with the final newline, or nil when the skeleton does not
  /// read as expected.
  private static func splicedPieces(of report: Report, sliceSize: Int) throws -> [ArraySlice<UInt8>]? {
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
    let jobs: [@Sendable () throws -> [UInt8]] =
      [{ [skeleton] in try JSONTextEncoder.encode(skeleton) }] + longArrays.flatMap(\.slices)
    let results = Mutex([Result<[UInt8], any Error>?](repeating: nil, count: jobs.count))
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      let result = Result { try jobs[index]() }
      results.withLock { $0[index] = result }
    }
    var encoded = try results.withLock { $0 }.map { try $0.unsafelyUnwrapped.get() }
    let skeletonText = encoded.removeFirst()
    var slices = encoded[...]
    var splices: [(range: Range<Int>, slices: ArraySlice<[UInt8]>)] = []
    for array in longArrays {
      let pieces = slices.prefix(array.slices.count)
      slices = slices.dropFirst(array.slices.count)
      guard let range = emptyArrayRange(for: array.key, in: skeletonText), pieces.allSatisfy(isArrayText)
      else {
        return nil
      }
      splices.append((range, pieces))
    }
    splices.sort { $0.range.lowerBound < $1.range.lowerBound }
    // Slices of the encoded arrays: nothing is copied.
    var pieces: [ArraySlice<UInt8>] = []
    var copied = 0
    for splice in splices {
      pieces.append(skeletonText[copied..<splice.range.lowerBound])
      pieces.append(arrayOpening[...])
      for (index, piece) in splice.slices.enumerated() {
        if index > 0 { pieces.append(elementSeparator[...]) }
        pieces.append(piece[arrayOpening.count..<(piece.count - arrayClosing.count)])
      }
      pieces.append(arrayClosing[...])
      copied = splice.range.upperBound
    }
    pieces.append(skeletonText[copied...])
    pieces.append(finalNewline[...])
    return pieces
  }

  /// The report encoded in one piece, with the final newline.
  static func wholeText(of report: Report) throws -> [ArraySlice<UInt8>] {
    [try JSONTextEncoder.encode(report)[...], finalNewline[...]]
  }

  private static let elementSeparator = Array(",\n".utf8)
  private static let finalNewline = Array("\n".utf8)

  /// How an array one level down opens and closes (`JSONTextEncoder` at depth 1).
  private static let arrayOpening = Array("[\n".utf8)
  private static let arrayClosing = Array("\n  ]".utf8)

  /// One of the report's arrays, as jobs that each encode a slice of it.
  private struct LongArray {
    let key: String
    let slices: [@Sendable () throws -> [UInt8]]

    init<Element: Encodable & Sendable>(_ key: String, _ elements: [Element], sliceSize: Int) {
      self.key = key
      slices = stride(from: 0, to: elements.count, by: max(1, sliceSize)).map { start in
        let slice = ArrayPart(elements, start..<min(start + max(1, sliceSize), elements.count))
        // Encoded as the top-level object's member is, so its lines need no indenting afterwards.
        return { try JSONTextEncoder.encode(slice, depth: 1) }
      }
    }
  }

  /// Part of an array, encoded as an array of its own (as `Array.encode(to:)` does) without copying
  /// the elements out.
  private struct ArrayPart<Element: Encodable & Sendable>: Encodable, Sendable {
    let elements: [Element]
    let range: Range<Int>

    init(_ elements: [Element], _ range: Range<Int>) {
      self.elements = elements
      self.range = range
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.unkeyedContainer()
      for element in elements[range] { try container.encode(element) }
    }
  }

  /// Where the skeleton holds `key`'s empty array at the top level (`[`, a blank line, `  ]`).
  /// Top-level keys are the only ones indented by exactly two spaces.
  private static func emptyArrayRange(for key: String, in skeleton: [UInt8]) -> Range<Int>? {
    let prefix = Array("\n  \"\(key)\" : ".utf8)
    let pattern = prefix + Array("[\n\n  ]".utf8)
    guard pattern.count <= skeleton.count else { return nil }
    for start in 0...(skeleton.count - pattern.count)
    where skeleton[start] == pattern[0] && skeleton[start..<(start + pattern.count)].elementsEqual(pattern) {
      return (start + prefix.count)..<(start + pattern.count)
    }
    return nil
  }

  /// Whether `piece` is a non-empty array as the encoder writes it one level down.
  private static func isArrayText(_ piece: [UInt8]) -> Bool {
    piece.count > arrayOpening.count + arrayClosing.count + 2 && piece.starts(with: arrayOpening)
      && piece.suffix(arrayClosing.count).elementsEqual(arrayClosing)
  }
}
