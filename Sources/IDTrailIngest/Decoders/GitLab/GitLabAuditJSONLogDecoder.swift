import IDTrailModel

/// `gitlab.log.audit_json`: `audit_json.log` lines, where the details hash is repeated at the top
/// level next to the logger's `severity` and `time`.
public struct GitLabAuditJSONLogDecoder: GitLabAuditShapeDecoder {
  public init() {}

  public let format = FormatID.gitlabAuditJSONLog
  public let summary = "GitLab audit_json.log lines"

  public func recognizes(firstRecord: JSONObject) -> Bool {
    firstRecord.contains("severity") && firstRecord.contains("time")
      && GitLabAuditRecord.looksLikeAuditEvent(firstRecord)
  }
}
