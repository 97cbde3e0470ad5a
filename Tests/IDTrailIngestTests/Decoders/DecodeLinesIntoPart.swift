@testable import IDTrailIngest

/// Decodes the NDJSON `text` record by record into `output`, as a part's decoder does, for tests
/// that set the part up themselves (a cache with small bounds, say).
func decodeLines(_ text: String, with decoder: some JSONRecordDecoder, into output: inout DecodedInput) {
  var reader = JSONRecordReader(path: output.path)
  Array(text.utf8).withUnsafeBytes { bytes in
    reader.forEachRecord(in: bytes, range: 0..<bytes.count, layout: .lines) { record in
      if case .value(let value, let locator) = record, let object = value.object {
        let disposition = decoder.decode(
          record: object, envelope: nil, at: locator, options: DecodeOptions(), into: &output)
        output.account(disposition, at: locator)
      }
      return true
    }
  }
}
