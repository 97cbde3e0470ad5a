/// Finds the decoder for an input from its content, not its name.
public enum FormatSniffer {
  /// The first decoder in `decoders` that recognises `bytes`, or nil.
  public static func decoder(
    for bytes: UnsafeRawBufferPointer, among decoders: [any FormatDecoder]
  ) -> (any FormatDecoder)? {
    let layout = JSONRecordReader.detectLayout(bytes)
    let firstLine = Self.firstLine(bytes)
    guard let layout else {
      let sample = InputSample(bytes: bytes, jsonLayout: nil, firstJSONObject: nil, firstLine: firstLine)
      return decoders.first { $0.recognizes(sample) }
    }
    var reader = JSONRecordReader(path: "")
    var found: (any FormatDecoder)?
    var sawRecord = false
    let sniffRange = 0..<bytes.count
    reader.forEachFirstRecord(in: bytes, range: sniffRange, layout: layout) { object in
      sawRecord = true
      let sample = InputSample(bytes: bytes, jsonLayout: layout, firstJSONObject: object, firstLine: firstLine)
      found = decoders.first { $0.recognizes(sample) }
    }
    if !sawRecord {
      let sample = InputSample(bytes: bytes, jsonLayout: layout, firstJSONObject: nil, firstLine: firstLine)
      found = decoders.first { $0.recognizes(sample) }
    }
    return found
  }

  private static func firstLine(_ bytes: UnsafeRawBufferPointer) -> String {
    let start = JSONRecordReader.bomLength(bytes)
    let limit = min(bytes.count, start + 4096)
    var end = JSONRecordReader.firstNewline(bytes, from: start, limit: limit) ?? limit
    if end > start && bytes[end - 1] == 0x0D { end -= 1 }
    return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }
}

extension JSONRecordReader {
  /// Calls `body` with the first record that is a valid JSON object (looking at no more than the
  /// first 16 records), or never when there is none.
  mutating func forEachFirstRecord(
    in bytes: UnsafeRawBufferPointer, range: Range<Int>, layout: JSONLayout,
    _ body: (JSONObject) -> Void
  ) {
    var seen = 0
    forEachRecord(in: bytes, range: range, layout: layout) { record in
      seen += 1
      if case let .value(value, _) = record, let object = value.object {
        body(object)
        return false
      }
      return seen < 16
    }
  }
}
