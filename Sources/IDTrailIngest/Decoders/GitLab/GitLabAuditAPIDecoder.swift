import IDTrailModel

/// `gitlab.audit.api`: audit events from the REST API (`/audit_events`, `/groups/:id/audit_events`,
/// `/projects/:id/audit_events`), as saved JSON array pages or NDJSON of the same objects.
public struct GitLabAuditAPIDecoder: GitLabAuditShapeDecoder {
  public init() {}

  public let format = FormatID.gitlabAuditAPI
  public let summary = "GitLab audit events from the REST API: JSON array pages or NDJSON"

  public func recognizes(firstRecord: JSONObject) -> Bool {
    GitLabAuditRecord.looksLikeAuditEvent(firstRecord) && firstRecord.contains("details")
      && firstRecord.contains("created_at") && !firstRecord.contains("event_type")
      && !firstRecord.contains("severity")
  }
}
