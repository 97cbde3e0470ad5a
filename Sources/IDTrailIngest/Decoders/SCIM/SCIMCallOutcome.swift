import IDTrailModel

/// The outcome of a SCIM call from its HTTP status (and, in a capture, the SCIM error `detail`).
enum SCIMCallOutcome {
  /// Words that mark an error detail as possibly echoing a credential; such a detail is not kept.
  private static let sensitiveWords = ["password", "token", "secret", "bearer", "authorization", "cookie"]

  /// 2xx succeeds; 401 fails as "SCIM token rejected" (the IdP holds a stale token); 409 is a
  /// conflict; other statuses fail with the response's `detail`, or "HTTP <status>". Status 0 is a
  /// HAR entry without a response (the request was aborted).
  static func outcome(status: Int, detail: String? = nil) -> Outcome {
    if (200..<300).contains(status) { return Outcome(succeeded: true, httpStatus: status) }
    let kept = detail.flatMap(safeDetail)
    switch status {
    case 0:
      return .failure("no response (the request was aborted before the service provider answered)")
    case 401:
      return .failure("SCIM token rejected", httpStatus: status)
    case 409:
      return .failure("conflict: " + (kept ?? "the user already exists"), httpStatus: status)
    default:
      return .failure(kept ?? "HTTP \(status)", httpStatus: status)
    }
  }

  /// The detail, cut to 300 characters, unless it mentions a credential.
  private static func safeDetail(_ detail: String) -> String? {
    let lowered = detail.lowercased()
    guard !detail.isEmpty, !sensitiveWords.contains(where: { lowered.contains($0) }) else { return nil }
    return detail.count > 300 ? String(detail.prefix(300)) + "…" : detail
  }
}
