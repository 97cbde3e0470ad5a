import IDTrailModel

/// `gitlab.state.members`: a snapshot of one group's or project's members from
/// `GET /groups/:id/members`, `/groups/:id/members/all` or `/projects/:id/members[/all]`.
///
/// GitLab's member objects do not say which group or project they belong to, so the namespace path
/// travels with the export in one of two ways:
/// - a wrapper object `{"namespace": "acme/platform", "exported_at": "2026-09-30T23:59:59Z",
///   "members": [...]}` (`exported_at` is optional), which is self-describing and preferred; or
/// - a plain JSON array (or NDJSON) of member objects, with the path given as `--namespace`
///   (`DecodeOptions.namespace`). The flag also fills in for a wrapper without `namespace`, but
///   never overrides one.
/// Without either, each member is rejected with a reason that says how to supply the path.
///
/// Each member yields state facts, all with the subject `gitlab.user_id`, `gitlab.username`,
/// `email` (where GitLab shows it) and `display_name`:
/// - `membership` of the namespace with the role label of `access_level` (5 Minimal Access,
///   10 Guest, 15 Planner, 20 Reporter, 30 Developer, 40 Maintainer, 50 Owner); none while
///   `membership_state` is `awaiting` (such a member has no access yet);
/// - `accountState` from `state`, as in `gitlab.state.users`;
/// - `identityLink` from `group_saml_identity` (`provider`, `extern_uid`), when present.
///
/// `/members/all` lists inherited members too; their facts state the access they hold in the
/// namespace, wherever it comes from. The facts are as of `--as-of` when given, else the wrapper's
/// `exported_at`, else unknown.
public struct GitLabMembersDecoder: JSONRecordDecoder {
  public init() {}

  public let format = FormatID.gitlabMembers
  public let summary =
    "GitLab group or project members: {\"namespace\", \"exported_at\", \"members\": [...]}, "
    + "or a JSON array / NDJSON with --namespace"

  /// A member object (`access_level` and `username`), or a wrapper with a `namespace` and a
  /// `members` array (which may be empty: a group without members is a snapshot too).
  public func recognizes(firstRecord: JSONObject) -> Bool {
    (firstRecord.contains("access_level") && firstRecord.contains("username"))
      || (firstRecord["namespace"]?.string != nil && firstRecord["members"]?.array != nil)
  }

  public func records(inEnvelope object: JSONObject) -> JSONArray? {
    guard !object.contains("access_level") else { return nil }
    return object["members"]?.array
  }

  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    guard let namespace = Self.namespace(envelope: envelope, options: options) else {
      return .rejected(
        "the export does not say which group or project these members belong to; wrap the array as "
          + "{\"namespace\": \"group/project\", \"members\": [...]} or pass --namespace group/project")
    }
    let asOf: Timestamp?
    switch GitLabStateFacts.snapshotTime(envelope: envelope, options: options) {
    case .success(let time): asOf = time
    case .failure(let problem): return .rejected(problem.reason)
    }
    guard let userID = GitLabStateFacts.userID(of: record) else {
      return .rejected("no user id: 'id' must be a positive integer")
    }
    guard let accessLevel = record["access_level"]?.int else {
      return .rejected("no integer 'access_level' for member \(userID)")
    }
    let role: String
    switch GitLabStateFacts.role(forAccessLevel: accessLevel) {
    case .success(let label): role = label
    case .failure(let problem): return .rejected(problem.reason)
    }
    var stateClaim: StateFact.Claim?
    if let state = record["state"]?.string {
      switch GitLabStateFacts.accountState(state) {
      case .success(let claim): stateClaim = claim
      case .failure(let problem): return .rejected(problem.reason)
      }
    }

    let subject = GitLabStateFacts.subject(of: record, userID: userID)
    let factsBefore = output.facts.count
    func emit(_ claim: StateFact.Claim) {
      output.emit(StateFact(asOf: asOf, source: format, locator: locator, subject: subject, claim: claim))
    }
    if record["membership_state"]?.string != "awaiting" {
      emit(.membership(resource: Resource(kind: .gitlabNamespace, name: namespace), role: role))
    }
    if let stateClaim {
      emit(stateClaim)
    }
    if let identity = record["group_saml_identity"]?.object,
      let link = GitLabStateFacts.identityLink(
        identity, of: record, userID: userID, asOf: asOf, source: format, at: locator)
    {
      output.emit(link)
    }
    guard output.facts.count > factsBefore else {
      return .skipped("pending member (membership_state 'awaiting') with no state: no access yet")
    }
    return .decoded
  }

  /// The wrapper's `namespace`, else `--namespace`; blank values count as absent.
  private static func namespace(envelope: JSONObject?, options: DecodeOptions) -> String? {
    let candidates = [envelope?["namespace"]?.string, options.namespace]
    return candidates.lazy.compactMap { $0.map(Self.trimmedPath) }.first { !$0.isEmpty }
  }

  /// `path` without surrounding spaces or slashes (`/acme/platform/` → `acme/platform`).
  private static func trimmedPath(_ path: String) -> String {
    var slice = Substring(path)
    while let first = slice.first, first == " " || first == "/" { slice.removeFirst() }
    while let last = slice.last, last == " " || last == "/" { slice.removeLast() }
    return String(slice)
  }
}
