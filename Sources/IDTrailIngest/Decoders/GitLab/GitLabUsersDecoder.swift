import IDTrailModel

/// `gitlab.state.users`: a snapshot of GitLab's users from `GET /users` (as an administrator), as
/// saved JSON array pages, NDJSON, or a wrapper `{"exported_at": "…", "users": [...]}`.
///
/// Each user yields state facts, all with the subject `gitlab.user_id`, `gitlab.username`, `email`
/// and `display_name` (where present):
/// - `accountState` from `state`: `active` can sign in; `blocked`, `deactivated`, `banned`,
///   `ldap_blocked` and `blocked_pending_approval` cannot. Another state rejects the user.
/// - `membership` of the instance as `admin` when `is_admin` is true (and as `auditor` when the EE
///   field `is_auditor` is true).
/// - one `identityLink` per entry of `identities` (`provider`, `extern_uid`), whose subject adds
///   the `gitlab.extern_uid` and leaves out the display name.
///
/// The facts are as of `--as-of` when given, else the wrapper's `exported_at`, else unknown.
/// A user without an integer `id` or a `state` is rejected.
public struct GitLabUsersDecoder: JSONRecordDecoder {
  public init() {}

  public let format = FormatID.gitlabUsers
  public let summary =
    "GitLab users from GET /users: JSON array, NDJSON, or {\"exported_at\", \"users\": [...]}"

  /// A user object (`id`, `username` and `state`, but no member's `access_level` nor audit
  /// event's `event_name`), or a wrapper with `exported_at` and a `users` array (which may be empty).
  public func recognizes(firstRecord: JSONObject) -> Bool {
    (firstRecord.contains("id") && firstRecord.contains("username") && firstRecord.contains("state")
      && !firstRecord.contains("access_level") && !firstRecord.contains("event_name"))
      || (firstRecord.contains("exported_at") && firstRecord["users"]?.array != nil)
  }

  public func records(inEnvelope object: JSONObject) -> JSONArray? {
    guard !object.contains("username") else { return nil }
    return object["users"]?.array
  }

  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    let asOf: Timestamp?
    switch GitLabStateFacts.snapshotTime(envelope: envelope, options: options) {
    case .success(let time): asOf = time
    case .failure(let problem): return .rejected(problem.reason)
    }
    guard let userID = GitLabStateFacts.userID(of: record) else {
      return .rejected("no user id: 'id' must be a positive integer")
    }
    guard let state = record["state"]?.string else {
      return .rejected("no 'state' (active, blocked, deactivated, …) for user \(userID)")
    }
    let claim: StateFact.Claim
    switch GitLabStateFacts.accountState(state) {
    case .success(let stateClaim): claim = stateClaim
    case .failure(let problem): return .rejected(problem.reason)
    }
    let subject = GitLabStateFacts.subject(of: record, userID: userID)
    func fact(_ claim: StateFact.Claim) -> StateFact {
      StateFact(asOf: asOf, source: format, locator: locator, subject: subject, claim: claim)
    }
    output.emit(fact(claim))
    let instance = Resource(kind: .gitlabInstance, name: "instance")
    if record["is_admin"]?.bool == true {
      output.emit(fact(.membership(resource: instance, role: "admin")))
    }
    if record["is_auditor"]?.bool == true {
      output.emit(fact(.membership(resource: instance, role: "auditor")))
    }
    if let identities = record["identities"]?.array {
      for identity in identities {
        guard let identity = identity.object,
          let link = GitLabStateFacts.identityLink(
            identity, of: record, userID: userID, asOf: asOf, source: format, at: locator)
        else { continue }
        output.emit(link)
      }
    }
    return .decoded
  }
}
