import IDTrailModel

/// Reads Microsoft Graph responses saved with their HTTP status line and headers (`curl -i`, the
/// Graph docs' examples): the headers are blanked to spaces, keeping every newline, so the JSON body
/// is read in place and locators still give the file's own lines and byte offsets.
///
/// A response body is one JSON value, so it is always read as one (`JSONLayout.values`): a broken
/// body is one rejection, whatever its first line looks like.
enum EntraHTTPCapture {
  /// Recognises `sample` for `decoder`: plain JSON as usual, or the body of an HTTP response; either
  /// way a Graph page whose `@odata.context` names `collection` (`auditLogs/provisioning`) counts,
  /// even when it is empty or its body is not valid JSON.
  static func recognizes(
    _ sample: InputSample, by decoder: some JSONRecordDecoder, collection: StaticString
  ) -> Bool {
    let reader = BodyReader(inner: decoder)
    if sample.jsonLayout != nil {
      return reader.recognizes(sample) || namesCollection(sample.bytes, collection)
    }
    guard let body = blankedHeader(sample.bytes) else { return false }
    return body.withUnsafeBytes { raw in
      var found = false
      var records = JSONRecordReader(path: "")
      records.forEachFirstRecord(in: raw, range: 0..<raw.count, layout: .values) { object in
        let inner = InputSample(bytes: raw, jsonLayout: .values, firstJSONObject: object, firstLine: "")
        found = reader.recognizes(inner)
      }
      return found || namesCollection(raw, collection)
    }
  }

  /// Decodes `input` with `decoder`'s record rules: an HTTP response's body in place, anything else
  /// as the protocol's JSON reading does.
  static func decode(
    _ input: InputBytes, options: DecodeOptions, by decoder: some JSONRecordDecoder
  ) -> DecodedInput {
    guard let body = input.withBytes(blankedHeader) else {
      return BodyReader(inner: decoder).decode(input, options: options)
    }
    var output = DecodedInput(
      path: input.path, format: decoder.format, byteCount: body.count,
      keptRejections: options.keptRejections)
    body.withUnsafeBytes { raw in
      var reader = JSONRecordReader(path: input.path)
      reader.forEachRecord(in: raw, range: 0..<raw.count, layout: .values) { record in
        switch record {
        case .malformed(let locator, let error):
          output.account(.rejected("malformed JSON: \(error)"), at: locator)
        case .value(let value, let locator):
          guard let object = value.object else {
            output.account(.rejected("the record is \(value.kind) JSON, not an object"), at: locator)
            return true
          }
          guard let elements = decoder.records(inEnvelope: object) else {
            let disposition = decoder.decode(
              record: object, envelope: nil, at: locator, options: options, into: &output)
            output.account(disposition, at: locator)
            return true
          }
          var index = 0
          for element in elements {
            index += 1
            let elementLocator = Locator(
              path: locator.path, position: .record(index: index, byteOffset: element.byteOffset))
            guard let inner = element.object else {
              output.account(
                .rejected("the record is \(element.kind) JSON, not an object"), at: elementLocator)
              continue
            }
            let disposition = decoder.decode(
              record: inner, envelope: object, at: elementLocator, options: options, into: &output)
            output.account(disposition, at: elementLocator)
          }
        }
        return true
      }
    }
    return output
  }

  /// A copy of `bytes` with the status line and headers of an HTTP response turned into spaces
  /// (newlines kept), or nil when `bytes` does not start with `HTTP/` and a blank line.
  static func blankedHeader(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
    let prefix = Array("HTTP/".utf8)
    guard bytes.count > prefix.count, zip(bytes, prefix).allSatisfy({ $0 == $1 }) else { return nil }
    var position = 0
    var lineIsBlank = false
    var bodyStart: Int?
    while position < bytes.count {
      let byte = bytes[position]
      if byte == 0x0A {
        if lineIsBlank {
          bodyStart = position + 1
          break
        }
        lineIsBlank = true
      } else if byte != 0x0D {
        lineIsBlank = false
      }
      position += 1
    }
    guard let bodyStart else { return nil }
    var copy = Array(bytes)
    for index in 0..<bodyStart where copy[index] != 0x0A {
      copy[index] = 0x20
    }
    return copy
  }

  /// Whether the first 4 KiB of `bytes` hold `$metadata#<collection>` (case aside): the Graph
  /// `@odata.context` of that collection.
  private static func namesCollection(_ bytes: UnsafeRawBufferPointer, _ collection: StaticString) -> Bool {
    let head = String(decoding: UnsafeRawBufferPointer(rebasing: bytes.prefix(4096)), as: UTF8.self)
    return head.lowercased().contains("$metadata#" + collection.description.lowercased())
  }

  /// `Inner`'s record rules with the protocol's own recognising and reading of JSON inputs: the
  /// Entra decoders replace both with the HTTP-aware ones above and reach the originals through
  /// this.
  private struct BodyReader<Inner: JSONRecordDecoder>: JSONRecordDecoder {
    let inner: Inner
    var format: FormatID { inner.format }
    var summary: String { inner.summary }

    func recognizes(firstRecord: JSONObject) -> Bool { inner.recognizes(firstRecord: firstRecord) }

    func records(inEnvelope object: JSONObject) -> JSONArray? { inner.records(inEnvelope: object) }

    func decode(
      record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
      into output: inout DecodedInput
    ) -> RecordDisposition {
      inner.decode(record: record, envelope: envelope, at: locator, options: options, into: &output)
    }
  }
}
