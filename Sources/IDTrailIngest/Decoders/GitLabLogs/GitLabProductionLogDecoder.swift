import IDTrailModel

/// `gitlab.log.production_json`: `production_json.log`, one line per Rails controller request (the
/// web UI, git over HTTP, ActionCable).
///
/// - `SessionsController#create` with a signed-in user → `auth.success`. Without one the attempt
///   failed or waits for a second factor; `application_json.log` has its outcome, so it is skipped.
/// - `Groups::ScimOauthController#create` (a group's SCIM token generated or regenerated) and
///   `Admin::ApplicationSettings::ScimOauthController#create` (the instance's) → `credential.rotate` of
///   that SCIM token by the signed-in user. GitLab writes no audit event for it: this line is the
///   only evidence that the token the IdP uses was rotated.
/// - Any other request by a signed-in user → `activity`; requests by nobody signed in are skipped.
public struct GitLabProductionLogDecoder: JSONRecordDecoder {
  public init() {}

  public let format = FormatID.gitlabProductionLog
  public let summary = "GitLab production_json.log: sign-ins, SCIM token rotations, web activity"

  public func recognizes(firstRecord: JSONObject) -> Bool {
    firstRecord.contains("time") && firstRecord.contains("controller") && firstRecord.contains("action")
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
    let controller = try GitLabLogLine.requiredString(line, "controller")
    let action = try GitLabLogLine.requiredString(line, "action")
    let status = try GitLabLogLine.status(line)
    let user = GitLabLogLine.user(line)
    let rawAction = "\(controller)#\(action)"

    var kind = Action.activity
    var resource = GitLabLogLine.project(line)
    switch rawAction {
    case "SessionsController#create":
      guard !user.isEmpty else {
        return .skipped("sign-in attempt with no signed-in user (failed, or waiting for a second factor)")
      }
      kind = .authSuccess
    case "Groups::ScimOauthController#create":
      kind = .credentialRotate
      resource = Resource(kind: .credential, name: "groups/\(Self.groupPath(line) ?? "unknown")/scim_token")
    case "Admin::ApplicationSettings::ScimOauthController#create":
      kind = .credentialRotate
      resource = Resource(kind: .credential, name: "instance/scim_token")
    default:
      break
    }
    guard !user.isEmpty else { return .skipped("request by no signed-in user") }
    output.emit(
      IdentityEvent(
        time: time, originalTime: originalTime, source: format, stage: .gitlab,
        nativeID: GitLabLogLine.correlationID(line), locator: locator, action: kind, rawAction: rawAction,
        subject: user, actor: Actor(kind: .person, identifiers: user), resource: resource,
        outcome: GitLabLogLine.outcome(status: status), channel: .manualUI))
    return .decoded
  }

  /// The group of a group-scoped route: the `group_id` param, else the path before `/-/`.
  private static func groupPath(_ line: JSONObject) -> String? {
    if let params = line["params"]?.array {
      for element in params {
        if let entry = element.object, entry["key"]?.stringEquals("group_id") == true,
          let value = entry["value"]?.string
        {
          return value
        }
      }
    }
    guard let path = line["path"]?.string, path.hasPrefix("/groups/"),
      let marker = path.firstRange(of: "/-/")
    else { return nil }
    return String(path[path.index(path.startIndex, offsetBy: "/groups/".count)..<marker.lowerBound])
  }
}
