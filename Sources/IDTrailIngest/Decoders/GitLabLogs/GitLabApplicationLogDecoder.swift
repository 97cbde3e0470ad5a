import IDTrailModel

/// `gitlab.log.application_json`: `application_json.log`, GitLab's application logger.
///
/// Lines read (message texts are GitLab's, `formats-gitlab.md` §6.5):
/// - `Successful Login: username=<u> ip=<ip> method=<m> admin=<bool>` → `auth.success`
/// - `Failed Login: username=<login> ip=<ip>` → `auth.failure` by an unauthenticated caller
/// - `User Logout: username=<u> ip=<ip>` → `session.end`
/// - `User deactivated` (and `User deactivation failed`) → `account.disable` by `deactivated_by`
/// - `User ban` → `account.disable` by `ban_by`; `User unban` → `account.enable` by `unban_by`
/// - the legacy `User "<name>" (<email>) was created` / `… was removed` → `account.create` /
///   `account.delete` by the signed-in user of the request (`meta.user`), or the system
///
/// Every other line (database, watchdog, project and group lines) is skipped. `auth_json.log` has
/// the same logger shape; its `Rack_Attack` throttling lines are skipped with their own reason.
public struct GitLabApplicationLogDecoder: JSONRecordDecoder {
  public init() {}

  public let format = FormatID.gitlabApplicationLog
  public let summary = "GitLab application_json.log: sign-in, sign-out, deactivation, ban lines"

  public func recognizes(firstRecord: JSONObject) -> Bool {
    firstRecord.contains("severity") && firstRecord.contains("time") && firstRecord["message"]?.string != nil
      && !firstRecord.contains("controller") && !firstRecord.contains("route")
      && !firstRecord.contains("author_id") && !firstRecord.contains("jid")
      && !(firstRecord.contains("status") && firstRecord.contains("path"))
  }

  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    return RecordProblem.disposition { () throws(RecordProblem) in
      try decodeLine(record, at: locator, into: &output)
    }
  }

  /// What one recognised line says happened.
  private struct Reading {
    var action: Action
    var rawAction: String
    var subject: [Identifier]
    var actor: Actor
    var outcome = Outcome.success
    var channel = Channel.manualUI
  }

  private func decodeLine(
    _ line: JSONObject, at locator: Locator, into output: inout DecodedInput
  ) throws(RecordProblem) -> RecordDisposition {
    let (time, originalTime) = try GitLabLogLine.time(line)
    let message = try GitLabLogLine.requiredString(line, "message")
    let reading: Reading
    if let rest = message.dropPrefix("Successful Login: ") {
      let user = try signedInUser(line, loginText: rest, label: "Successful Login")
      reading = Reading(
        action: .authSuccess, rawAction: "Successful Login", subject: user,
        actor: Actor(kind: .person, identifiers: user))
    } else if let rest = message.dropPrefix("Failed Login: ") {
      let login = try Self.login(in: rest, label: "Failed Login")
      let typed = [Identifier(login.contains("@") ? .email : .gitlabUsername, login)].compactMap { $0 }
      reading = Reading(
        action: .authFailure, rawAction: "Failed Login", subject: typed,
        actor: Actor(kind: .unauthenticated, identifiers: typed),
        outcome: .failure("failed sign-in: wrong login or password"))
    } else if let rest = message.dropPrefix("User Logout: ") {
      let user = try signedInUser(line, loginText: rest, label: "User Logout")
      reading = Reading(
        action: .sessionEnd, rawAction: "User Logout", subject: user,
        actor: Actor(kind: .person, identifiers: user))
    } else if let state = Self.stateChanges[message] {
      reading = try stateChange(line, message: message, action: state.action, actorKey: state.actorKey)
    } else if message.hasPrefix("User \""),
      message.hasSuffix("was created") || message.hasSuffix("was removed")
    {
      reading = try legacyLifecycle(line, message: message)
    } else if message == "Rack_Attack" {
      return .skipped("Rack::Attack throttling or blocklist line (auth_json.log): no identity change")
    } else {
      return .skipped("not a sign-in, sign-out, deactivation, ban or user lifecycle line")
    }
    let subjectKey = reading.subject.map(\.description).joined(separator: ",")
    output.emit(
      IdentityEvent(
        time: time, originalTime: originalTime, source: format, stage: .gitlab,
        nativeID: GitLabLogLine.correlationID(line).map { "\($0)#\(reading.rawAction)#\(subjectKey)" },
        locator: locator, action: reading.action, rawAction: reading.rawAction, subject: reading.subject,
        actor: reading.actor, outcome: reading.outcome, channel: reading.channel))
    return .decoded
  }

  /// The hash-message lines: their action, and the key naming who acted.
  private static let stateChanges: [String: (action: Action, actorKey: StaticString)] = [
    "User deactivated": (.accountDisable, "deactivated_by"),
    "User deactivation failed": (.accountDisable, "deactivated_by"),
    "User ban": (.accountDisable, "ban_by"),
    "User unban": (.accountEnable, "unban_by"),
  ]

  private func stateChange(
    _ line: JSONObject, message: String, action: Action, actorKey: StaticString
  ) throws(RecordProblem) -> Reading {
    let username = line["username"]?.string ?? line["user"]?.string
    let subject = [
      line["user_id"]?.scalarText.flatMap { Identifier(.gitlabUserID, $0) },
      username.flatMap { Identifier(.gitlabUsername, $0) },
      line["email"]?.string.flatMap { Identifier(.email, $0) },
    ].compactMap { $0 }.sorted()
    guard !subject.isEmpty else {
      throw RecordProblem("\(message) line names no user (no username, user, user_id or email)")
    }
    let actor = line[actorKey]?.string.flatMap { Identifier(.gitlabUsername, $0) }
    var reading = Reading(
      action: action, rawAction: message, subject: subject,
      actor: actor.map { Actor(kind: .person, identifiers: [$0]) } ?? .unknown)
    if message == "User deactivation failed" {
      reading.outcome = .failure(line["error"]?.string ?? line["reason"]?.string ?? "deactivation failed")
    }
    return reading
  }

  /// `User "<name>" (<email>) was created` / `… was removed`, written before GitLab 15.10.
  private func legacyLifecycle(_ line: JSONObject, message: String) throws(RecordProblem) -> Reading {
    let created = message.hasSuffix("was created")
    let body = message.dropFirst("User \"".count)
    guard let nameEnd = body.lastRange(of: "\" ("),
      let emailEnd = body[nameEnd.upperBound...].firstIndex(of: ")")
    else {
      throw RecordProblem("user lifecycle line without the \"name\" (email) form")
    }
    let subject = [
      Identifier(.email, String(body[nameEnd.upperBound..<emailEnd])),
      Identifier(.displayName, String(body[..<nameEnd.lowerBound])),
    ].compactMap { $0 }.sorted()
    let requester = GitLabLogLine.user(line)
    var reading = Reading(
      action: created ? .accountCreate : .accountDelete,
      rawAction: created ? "User was created" : "User was removed", subject: subject,
      actor: requester.isEmpty ? .system : Actor(kind: .person, identifiers: requester))
    if requester.isEmpty { reading.channel = .systemJob }
    return reading
  }

  /// The user of a sign-in or sign-out line, with the request's `meta.user_id` when it is that user.
  private func signedInUser(
    _ line: JSONObject, loginText: Substring, label: String
  ) throws(RecordProblem) -> [Identifier] {
    let username = try Self.login(in: loginText, label: label)
    var identifiers = [Identifier(.gitlabUsername, username)].compactMap { $0 }
    if line["meta.user"]?.string == username, let id = line["meta.user_id"]?.scalarText {
      identifiers += [Identifier(.gitlabUserID, id)].compactMap { $0 }
    }
    return identifiers.sorted()
  }

  /// The login between `username=` and ` ip=` (a typed login may hold spaces).
  private static func login(in text: Substring, label: String) throws(RecordProblem) -> String {
    guard let start = text.firstRange(of: "username=") else {
      throw RecordProblem("\(label) line without username=")
    }
    let rest = text[start.upperBound...]
    let login = rest.lastRange(of: " ip=").map { String(rest[..<$0.lowerBound]) } ?? String(rest)
    guard !login.isEmpty else { throw RecordProblem("\(label) line with an empty username=") }
    return login
  }
}

extension String {
  /// The text after `prefix`, or nil when the string does not start with it.
  fileprivate func dropPrefix(_ prefix: String) -> Substring? {
    hasPrefix(prefix) ? dropFirst(prefix.count) : nil
  }
}

extension Substring {
  /// The range of the last occurrence of `needle`.
  fileprivate func lastRange(of needle: String) -> Range<Index>? {
    var found: Range<Index>?
    var searchStart = startIndex
    while let range = self[searchStart...].firstRange(of: needle) {
      found = range
      searchStart = index(after: range.lowerBound)
    }
    return found
  }
}
