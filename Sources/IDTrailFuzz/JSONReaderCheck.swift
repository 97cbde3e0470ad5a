import IDTrailIngest
import IDTrailModel

/// The `json` target: reads the input in all three layouts, walks every value it yields, and reads
/// NDJSON again in two chunks split at a line break, which must give the same records.
enum JSONReaderCheck {
  /// One record as the reader reported it, for comparing two readings.
  private struct Seen: Equatable {
    var locator: Locator
    var problem: String?
  }

  static func run(_ bytes: UnsafeRawBufferPointer) {
    _ = JSONRecordReader.detectLayout(bytes)
    let lines = lineBound(bytes)
    for layout in [JSONLayout.lines, .array, .values] {
      let whole = read(bytes, 0..<bytes.count, layout: layout, firstLine: 1, lines: lines)
      guard layout == .lines, let split = splitPoint(bytes) else { continue }
      let linesBefore = bytes[0..<split].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
      let chunked =
        read(bytes, 0..<split, layout: layout, firstLine: 1, lines: lines)
        + read(bytes, split..<bytes.count, layout: layout, firstLine: 1 + linesBefore, lines: lines)
      precondition(whole == chunked, "NDJSON read in two chunks differs from the whole read")
    }
  }

  /// Just after the first `\n` at or after the middle, or nil when there is none.
  private static func splitPoint(_ bytes: UnsafeRawBufferPointer) -> Int? {
    guard let newline = bytes[(bytes.count / 2)...].firstIndex(of: 0x0A) else { return nil }
    return newline + 1
  }

  private static func read(
    _ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, layout: JSONLayout, firstLine: Int, lines: Int
  ) -> [Seen] {
    var reader = JSONRecordReader(path: FuzzTarget.inputPath)
    var seen: [Seen] = []
    reader.forEachRecord(in: bytes, range: range, layout: layout, firstLine: firstLine) { record in
      switch record {
      case .value(let value, let locator):
        checkLocator(locator, in: bytes, lines: lines, "JSON \(layout) record")
        _ = value.rawText
        var budget = 10_000
        walk(value, in: bytes, budget: &budget)
        seen.append(Seen(locator: locator, problem: nil))
      case .malformed(let locator, let error):
        checkLocator(locator, in: bytes, lines: lines, "JSON \(layout) malformed record")
        precondition((0...bytes.count).contains(error.offset), "syntax error offset \(error.offset)")
        seen.append(Seen(locator: locator, problem: error.description))
      }
      precondition(seen.count <= bytes.count + 1, "more JSON records than bytes")
      return true
    }
    return seen
  }

  /// Reads every accessor of `value` and of what it holds, up to `budget` values.
  private static func walk(_ value: JSONValue, in bytes: UnsafeRawBufferPointer, budget: inout Int) {
    guard budget > 0 else { return }
    budget -= 1
    precondition((0..<bytes.count).contains(value.byteOffset), "value offset \(value.byteOffset)")
    _ = (value.kind, value.isNull, value.string, value.scalarText, value.int, value.double, value.bool)
    _ = value.stringEquals("id")
    if let object = value.object {
      _ = (object["id"], object[path: "details", "event_name"], object.keys)
      object.forEachMember { _, member in walk(member, in: bytes, budget: &budget) }
    }
    if let array = value.array {
      _ = array.count
      for element in array { walk(element, in: bytes, budget: &budget) }
    }
  }
}
