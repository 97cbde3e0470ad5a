import IDTrailModel

/// The REST, streaming and `audit_json.log` decoders differ only in how they recognise their
/// shape; `GitLabAuditRecord` reads all three, so they share this `decode`.
public protocol GitLabAuditShapeDecoder: JSONRecordDecoder {}

extension GitLabAuditShapeDecoder {
  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    GitLabAuditNormalizer.normalize(GitLabAuditRecord(record), source: format, at: locator, into: &output)
  }
}
