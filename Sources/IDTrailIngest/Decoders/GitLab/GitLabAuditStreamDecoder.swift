import IDTrailModel

/// `gitlab.audit.stream`: streaming audit event payloads (HTTP destination bodies, or what a
/// collector saved of them): `event_type` and author/target fields at the top level, `id` possibly
/// a UUID for stream-only types. NDJSON, arrays, or one pretty-printed payload per file.
public struct GitLabAuditStreamDecoder: GitLabAuditShapeDecoder {
  public init() {}

  public let format = FormatID.gitlabAuditStream
  public let summary = "GitLab streaming audit event payloads (event_type at the top level)"

  public func recognizes(firstRecord: JSONObject) -> Bool {
    GitLabAuditRecord.looksLikeAuditEvent(firstRecord) && firstRecord.contains("event_type")
      && !firstRecord.contains("severity")
  }
}
