import IDTrailModel

/// `gitlab.log.api_json`: `api_json.log`, one line per Grape API request.
///
/// - SCIM calls (route `/api/scim/:version/…`, path `/api/scim/v2/…`, group and instance forms) →
///   `provision.request` at the `scim` stage, read by `SCIMProvisioningCall` from the method, the path
///   id (GitLab's `extern_uid`) and the logged params; the HTTP status is the outcome, and a 401 is a
///   failure "SCIM token rejected". GET lookups are skipped.
/// - Token rotations (`…/personal_access_tokens/:id/rotate`, group and project
///   `…/access_tokens/:id/rotate`) → `credential.rotate` by the signed-in user: GitLab writes no audit
///   event for them.
/// - Other requests by a signed-in user (a token or a session) → `activity` for that user, which is
///   how use of an account after its deprovisioning shows.
///
/// Only the fields named here are read: params such as `private_token`, `password` and every
/// `[FILTERED]` value never reach an event. Old lines with `duration` in milliseconds read the same.
public struct GitLabAPILogDecoder: JSONRecordDecoder {
  public init() {}

  public let format = FormatID.gitlabAPILog
  public let summary = "GitLab api_json.log: SCIM calls, token rotations, authenticated API activity"

  public func recognizes(firstRecord: JSONObject) -> Bool {
    firstRecord.contains("time") && firstRecord.contains("method") && firstRecord.contains("path")
      && firstRecord.contains("status") && !firstRecord.contains("controller")
  }

  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    return RecordProblem.disposition { () throws(RecordProblem) in
      try decodeLine(record, at: locator, into: &output)
    }
  }

  private func decodeLine(
    _ line: JSONObject, at locator: Locator, into output: inout DecodedInput
  ) throws(RecordProblem) -> RecordDisposition {
    let (time, originalTime) = try GitLabLogLine.time(line)
    let method = try GitLabLogLine.requiredString(line, "method")
    let path = try GitLabLogLine.requiredString(line, "path")
    guard let status = try GitLabLogLine.status(line) else { throw RecordProblem("no status field") }
    let route = line["route"]?.string
    let rawAction = "\(method) \(route ?? path)"
    let stamp = Stamp(
      time: time, originalTime: originalTime, nativeID: GitLabLogLine.correlationID(line), locator: locator,
      rawAction: rawAction)

    if route?.hasPrefix("/api/scim/") == true || path.hasPrefix("/api/scim/") {
      return try scimCall(line, method: method, path: path, status: status, stamp: stamp, into: &output)
    }
    let user = GitLabLogLine.user(line)
    let routeOrPath = route ?? path
    if method.uppercased() == "POST", routeOrPath.hasSuffix("/rotate"), routeOrPath.contains("token") {
      output.emit(
        IdentityEvent(
          time: time, originalTime: originalTime, source: format, stage: .gitlab, nativeID: stamp.nativeID,
          locator: locator, action: .credentialRotate, rawAction: rawAction, subject: user,
          actor: user.isEmpty ? Actor(kind: .unauthenticated) : Actor(kind: .person, identifiers: user),
          resource: Resource(kind: .credential, name: Self.credentialName(path)),
          outcome: GitLabLogLine.outcome(status: status), channel: .api))
      return .decoded
    }
    guard !user.isEmpty else { return .skipped("unauthenticated request (no user_id or username)") }
    output.emit(
      IdentityEvent(
        time: time, originalTime: originalTime, source: format, stage: .gitlab, nativeID: stamp.nativeID,
        locator: locator, action: .activity, rawAction: rawAction, subject: user,
        actor: Actor(kind: .person, identifiers: user), resource: GitLabLogLine.project(line),
        outcome: GitLabLogLine.outcome(status: status), channel: .api))
    return .decoded
  }

  /// What every event of one line shares.
  private struct Stamp {
    var time: Timestamp
    var originalTime: String
    var nativeID: String?
    var locator: Locator
    var rawAction: String
  }

  private func scimCall(
    _ line: JSONObject, method: String, path: String, status: Int, stamp: Stamp,
    into output: inout DecodedInput
  ) throws(RecordProblem) -> RecordDisposition {
    guard let endpoint = SCIMEndpoint(path: path, knownSCIM: true) else {
      return .skipped("SCIM request to no Users or Groups endpoint")
    }
    var attributes: SCIMAttributes?
    if let params = line["params"], !params.isNull {
      guard let list = params.array else {
        throw .wrongType("params", is: params, expected: "an array of {key, value}")
      }
      attributes = SCIMAttributes(params: list)
    }
    let filter = attributes?["filter"]?.string
    let reading = try SCIMProvisioningCall.interpret(
      method: method, endpoint: endpoint, status: status, request: attributes, response: nil, filter: filter,
      fallbackResource: nil)
    switch reading {
    case .skipped(let reason):
      return .skipped(reason)
    case .calls(let calls):
      for call in calls {
        output.emit(
          IdentityEvent(
            time: stamp.time, originalTime: stamp.originalTime, source: format, stage: .scim,
            nativeID: stamp.nativeID.map { id in call.part.map { "\(id)#\($0)" } ?? id },
            locator: stamp.locator, action: .provisionRequest, rawAction: stamp.rawAction,
            provisioning: call.operation, subject: call.subject, actor: Actor(kind: .provisioningClient),
            resource: call.resource, role: call.role, outcome: SCIMCallOutcome.outcome(status: status),
            channel: .scim))
      }
      return .decoded
    }
  }

  /// The token a rotation path names: `/api/v4/groups/acme/access_tokens/42/rotate` →
  /// `groups/acme/access_tokens/42`.
  private static func credentialName(_ path: String) -> String {
    var segments = path.split(separator: "/").map(String.init)
    if segments.first == "api" { segments.removeFirst(min(2, segments.count)) }
    if segments.last == "rotate" { segments.removeLast() }
    return segments.joined(separator: "/")
  }
}
