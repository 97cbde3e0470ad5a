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
  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    GitLabAuditNormalizer.normalize(GitLabAuditRecord(record), source: format, at: locator, into: &output)
  }

  /// Reads the whole input (in parallel for large NDJSON), then drops repeated deliveries.
  public func decode(_ input: InputBytes, options: DecodeOptions) -> DecodedInput {
    guard input.count > 0 else {
      var output = DecodedInput(
        path: input.path, format: format, byteCount: 0, keptRejections: options.keptRejections)
      output.account(.rejected("the input is empty"), at: .line(1, in: input.path))
      return output
    }
    var output = GitLabAuditRecordReader(shape: self).decode(input, options: options)
    output.skipRepeatedDeliveries()
    return output
  }
}

/// Reads the records of a GitLab audit input with `JSONRecordDecoder`'s reader on behalf of a
/// shape decoder (which overrides `decode(_:options:)` itself and so cannot call the reader's).
private struct GitLabAuditRecordReader<Shape: GitLabAuditShapeDecoder>: JSONRecordDecoder {
  let shape: Shape

  var format: FormatID { shape.format }
  var summary: String { shape.summary }

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

extension DecodedInput {
  /// Moves every event whose `nativeID` an earlier event has from decoded to skipped.
  ///
  /// Each decoded GitLab audit record emits exactly one event, so removing the event and moving
  /// one count keeps `records = decoded + skipped + rejected`.
  fileprivate mutating func skipRepeatedDeliveries() {
    var seen: Set<String> = []
    seen.reserveCapacity(events.count)
    var repeated: [Int] = []
    for (index, event) in events.enumerated() {
      if let id = event.nativeID, !seen.insert(id).inserted { repeated.append(index) }
    }
    guard !repeated.isEmpty else { return }
    var next = repeated.startIndex
    var kept: [IdentityEvent] = []
    kept.reserveCapacity(events.count - repeated.count)
    for (index, event) in events.enumerated() {
      if next < repeated.endIndex, repeated[next] == index {
        next += 1
      } else {
        kept.append(event)
      }
    }
    events = kept
    decoded -= repeated.count
    skipped["repeated delivery of an event already read from this input (same id)", default: 0] +=
      repeated.count
    coverage = nil
    for event in events {
      coverage =
        coverage.map { min($0.lowerBound, event.time)...max($0.upperBound, event.time) }
        ?? event.time...event.time
    }
  }
}
