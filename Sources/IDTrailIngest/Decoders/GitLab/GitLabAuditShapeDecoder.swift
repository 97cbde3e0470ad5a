import IDTrailModel

/// The REST, streaming and `audit_json.log` decoders differ only in how they recognise their
/// shape; `GitLabAuditRecord` reads all three, so they share this `decode`.
///
/// GitLab delivers streamed events at least once and offset pagination can repeat a row on the
/// next page, so within one input a record whose `id` was already decoded is skipped as a repeated
/// delivery rather than decoded twice. (Repeats across inputs are the trail's to drop, by the
/// events' `nativeID`, which is the same for a row in every shape.)
public protocol GitLabAuditShapeDecoder: JSONRecordDecoder {}

extension GitLabAuditShapeDecoder {
  public var dropsRepeatedDeliveries: Bool { true }

  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    guard output.retainsEvents else {
      // Without events to build, only what decides the record's disposition is read, and the id
      // goes to the delivery log from the input's bytes.
      return GitLabAuditRecord.decodeDisposition(record, source: format, at: locator, into: &output)
    }
    var read = GitLabAuditRecord()
    GitLabAuditRecord.read(record, as: &read, into: &output)
    return GitLabAuditNormalizer.normalize(
      read, source: format, at: locator, into: &output, idValue: read.idValue(in: record))
  }

  /// Reads the whole input (in parallel for large NDJSON), dropping repeated deliveries.
  public func decode(_ input: InputBytes, options: DecodeOptions) -> DecodedInput {
    guard input.count > 0 else {
      var output = DecodedInput(
        path: input.path, format: format, byteCount: 0, keptRejections: options.keptRejections,
        retainsEvents: options.retainsEvents)
      output.account(.rejected("the input is empty"), at: .line(1, in: input.path))
      return output
    }
    return GitLabAuditRecordReader(shape: self).decode(input, options: options)
  }
}

/// Reads the records of a GitLab audit input with `JSONRecordDecoder`'s reader on behalf of a
/// shape decoder (which overrides `decode(_:options:)` itself and so cannot call the reader's).
private struct GitLabAuditRecordReader<Shape: GitLabAuditShapeDecoder>: JSONRecordDecoder {
  let shape: Shape

  var format: FormatID { shape.format }
  var summary: String { shape.summary }
  var dropsRepeatedDeliveries: Bool { shape.dropsRepeatedDeliveries }

  func recognizes(firstRecord: JSONObject) -> Bool {
    shape.recognizes(firstRecord: firstRecord)
  }

  func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    shape.decode(record: record, envelope: envelope, at: locator, options: options, into: &output)
  }
}
