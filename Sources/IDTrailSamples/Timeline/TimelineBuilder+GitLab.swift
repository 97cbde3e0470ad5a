import IDTrailModel

/// The records GitLab writes: audit events, `api_json.log`, `production_json.log` and
/// `application_json.log` lines. Every time given here is already on GitLab's clock.
extension TimelineBuilder {
  /// The audit author for a person's account.
  func author(_ account: SampleAccount) -> AuditEventRecord.Author {
    AuditEventRecord.Author(
      id: account.userID, name: account.name, username: account.username, email: account.email,
      className: "User")
  }

  func account(of person: SamplePerson) -> SampleAccount {
    state.account(person.gitlabUserID)
      ?? SampleAccount(
        userID: person.gitlabUserID, username: person.username, name: person.displayName, email: person.email,
        createdAt: person.accountCreatedAt)
  }

  /// Adds an audit event and returns its index in the timeline.
  @discardableResult
  mutating func audit(
    _ time: Timestamp, _ eventName: String?, author: AuditEventRecord.Author,
    entity: (id: Int, type: String, path: String), target: (id: JSONText, type: String, details: String),
    message: JSONText, ip: String?, details: [(String, JSONText)] = [], action: String? = nil,
    caller: String, remoteIP: String? = nil, streamOnly: Bool = false
  ) -> Int {
    var record = AuditEventRecord(
      time: time, sequence: timeline.nextSequence(), eventName: eventName, author: author,
      entityID: entity.id, entityType: entity.type, entityPath: entity.path,
      targetID: target.id, targetType: target.type, targetDetails: target.details, customMessage: message,
      ipAddress: ip, details: details, action: action ?? Self.text(of: message), caller: caller,
      remoteIP: remoteIP ?? ip, streamOnly: streamOnly)
    if streamOnly { record.streamID = random.uuid() }
    timeline.audit.append(record)
    return timeline.audit.count - 1
  }

  private static func text(of message: JSONText) -> String {
    if case .string(let text) = message { return text }
    return message.compact
  }

  /// The controller that signs SAML users in and runs SAML group sync.
  static let samlCallback = "OmniauthCallbacksController#saml"

  /// The `meta.caller_id` of a SCIM request.
  static func scimCaller(_ method: String, collection: Bool) -> String {
    "\(method) /api/scim/:version/application/Users" + (collection ? "" : "/:id")
  }

  static let instanceEntity = (id: 1, type: "Gitlab::Audit::InstanceScope", path: "gitlab_instance")

  static func groupEntity(_ path: String) -> (id: Int, type: String, path: String) {
    let namespace = SampleNamespace.named(path)
    return (namespace.id, "Group", namespace.path)
  }

  static func userTarget(_ account: SampleAccount) -> (id: JSONText, type: String, details: String) {
    (.int(account.userID), "User", account.name)
  }

  // MARK: Membership events

  @discardableResult
  mutating func auditMemberCreated(
    _ time: Timestamp, _ account: SampleAccount, _ membership: SampleMembership,
    by author: AuditEventRecord.Author, ip: String?, eventName: String = "member_created", caller: String
  ) -> Int {
    let message =
      eventName == "member_created" ? "Membership created" : "Added as a member by SAML group sync"
    return audit(
      time, eventName, author: author, entity: Self.groupEntity(membership.namespace),
      target: Self.userTarget(account), message: .string(message), ip: ip,
      details: [
        ("add", .string("user_access")), ("as", .string(membership.role.label)),
        ("member_id", .int(membership.memberID)),
      ],
      action: "Added user access as \(membership.role.label)", caller: caller)
  }

  /// A membership removed. By `(System)` it is a system job: `system_event` is set and the CSV's
  /// action reads `… via system job. Reason: ` with the empty reason `humanize` gives SCIM removals.
  @discardableResult
  mutating func auditMemberDestroyed(
    _ time: Timestamp, _ account: SampleAccount, _ membership: SampleMembership,
    by author: AuditEventRecord.Author, ip: String?, caller: String
  ) -> Int {
    let system = author.id == -1
    var details: [(String, JSONText)] = [
      ("remove", .string("user_access")), ("as", .string(membership.role.label)),
      ("member_id", .int(membership.memberID)),
    ]
    if system { details.append(("system_event", .bool(true))) }
    return audit(
      time, "member_destroyed", author: author, entity: Self.groupEntity(membership.namespace),
      target: Self.userTarget(account), message: .string("Membership destroyed"), ip: ip, details: details,
      action: system ? "Removed user access via system job. Reason: " : "Removed user access", caller: caller)
  }

  @discardableResult
  mutating func auditMemberUpdated(
    _ time: Timestamp, _ account: SampleAccount, before: SampleMembership, after: SampleMembership,
    by author: AuditEventRecord.Author, ip: String?, caller: String
  ) -> Int {
    audit(
      time, "member_updated", author: author, entity: Self.groupEntity(after.namespace),
      target: Self.userTarget(account), message: .string("Membership updated"), ip: ip,
      details: [
        ("change", .string("access_level")), ("from", .string(before.role.label)),
        ("to", .string(after.role.label)), ("expiry_from", .null), ("expiry_to", .null),
        ("as", .string(after.role.label)), ("member_id", .int(after.memberID)), ("member_role_id", .null),
      ],
      action: "Changed access level from \(before.role.label) to \(after.role.label) "
        + "with expiry remaining unchanged at never expires", caller: caller)
  }

  /// An instance SAML sign-in through the IdP, seen by GitLab's audit log and web log.
  mutating func gitlabSAMLSignIn(_ time: Timestamp, _ person: SamplePerson, ip: String) {
    let account = account(of: person)
    audit(
      time, "authenticated_with_oauth", author: author(account),
      entity: (account.userID, "User", account.username),
      target: Self.userTarget(account), message: .string("Signed in with SAML authentication"),
      ip: ip, details: [("with", .string("saml"))], caller: Self.samlCallback)
    webRequest(
      time.plus(milliseconds: 40), method: "POST", path: "/users/auth/saml/callback",
      controller: "OmniauthCallbacksController", action: "saml", status: 302,
      account: account, ip: ip, userAgent: person.browser, category: "system_access")
    state.noteActivity(account.userID, at: time, signIn: true)
  }

  /// A password (and, for administrators, two-factor) sign-in, in all three GitLab logs.
  mutating func gitlabPasswordSignIn(
    _ time: Timestamp, _ account: SampleAccount, ip: String, userAgent: String
  ) {
    let method = account.isAdmin ? "two-factor" : "standard"
    let eventName = account.isAdmin ? "authenticated_with_two_factor" : "authenticated_with_password"
    audit(
      time, eventName, author: author(account), entity: (account.userID, "User", account.username),
      target: Self.userTarget(account),
      message: .string("Signed in with \(method.uppercased()) authentication"), ip: ip,
      details: [("with", .string(method))], caller: "SessionsController#create")
    webRequest(
      time.plus(milliseconds: 25), method: "POST", path: "/users/sign_in", controller: "SessionsController",
      action: "create", status: 302, account: account, ip: ip, userAgent: userAgent, category: "system_access"
    )
    applicationLine(
      time.plus(milliseconds: 12), caller: "SessionsController#create", ip: ip, account: account,
      fields: [
        (
          "message",
          .string(
            "Successful Login: username=\(account.username) ip=\(ip) method=\(method) admin=\(account.isAdmin)"
          )
        )
      ])
    state.noteActivity(account.userID, at: time, signIn: true)
  }

  // MARK: Request logs

  /// An `api_json.log` line.
  mutating func apiRequest(
    _ time: Timestamp, method: String, path: String, route: String, status: Int,
    params: [(String, JSONText)], ip: String, userAgent: String, account: SampleAccount? = nil,
    token: (type: String, id: Int)? = nil, rootNamespace: String? = nil, project: String? = nil,
    category: String, durationMS: Int? = nil, exception: (type: String, message: String)? = nil
  ) {
    let duration = durationMS ?? random.int(18...420)
    let database = duration * random.int(5...40) / 100
    var fields: [(String, JSONText)] = [
      ("time", .string(TimeText.milliseconds(time))), ("severity", .string("INFO")),
      ("duration_s", .decimal(duration * 100, scale: 5)),
      ("db_duration_s", .decimal(database * 100, scale: 5)),
      ("view_duration_s", .decimal((duration - database) * 100, scale: 5)), ("status", .int(status)),
      ("method", .string(method)), ("path", .string(path)),
      ("params", .array(params.map { .object([("key", .string($0.0)), ("value", $0.1)]) })),
      ("host", .string(organisation.systems.gitlabHost)), ("remote_ip", .string(ip)),
      ("ua", .string(userAgent)),
      ("route", .string(route)),
    ]
    if let account {
      fields += [("user_id", .int(account.userID)), ("username", .string(account.username))]
    }
    if let token {
      fields += [("token_type", .string(token.type)), ("token_id", .int(token.id))]
    }
    if let exception {
      fields += [
        ("exception.class", .string(exception.type)), ("exception.message", .string(exception.message)),
      ]
    }
    fields += [
      ("queue_duration_s", .decimal(random.int(1...90), scale: 4)), ("gitaly_calls", .int(random.int(0...6))),
      ("correlation_id", .string(correlationID())),
      ("meta.caller_id", .string("\(method) \(route)")), ("meta.remote_ip", .string(ip)),
      ("meta.feature_category", .string(category)),
    ]
    if let account {
      fields += [("meta.user", .string(account.username)), ("meta.user_id", .int(account.userID))]
    }
    if let project { fields.append(("meta.project", .string(project))) }
    if let rootNamespace { fields.append(("meta.root_namespace", .string(rootNamespace))) }
    fields += [
      ("meta.client_id", .string(account.map { "user/\($0.userID)" } ?? "ip/\(ip)")),
      ("request_urgency", .string("default")), ("target_duration_s", .int(1)),
    ]
    fields += resourceCounters(duration: duration)
    fields += [("pid", .int(random.int(3_100...3_400))), ("worker_id", .string("puma_\(random.int(0...7))"))]
    timeline.apiLog.append(TimedRecord(time: time, sequence: timeline.nextSequence(), json: .object(fields)))
    if let account, token != nil { state.noteActivity(account.userID, at: time) }
  }

  /// A `production_json.log` line: one web request.
  mutating func webRequest(
    _ time: Timestamp, method: String, path: String, controller: String, action: String, status: Int,
    params: [(String, JSONText)] = [], account: SampleAccount?, ip: String, userAgent: String,
    category: String, format: String = "html"
  ) {
    let duration = random.int(30...900)
    let database = duration * random.int(5...35) / 100
    var fields: [(String, JSONText)] = [
      ("method", .string(method)), ("path", .string(path)), ("format", .string(format)),
      ("controller", .string(controller)), ("action", .string(action)), ("status", .int(status)),
      ("time", .string(TimeText.milliseconds(time))),
      ("params", .array(params.map { .object([("key", .string($0.0)), ("value", $0.1)]) })),
      ("remote_ip", .string(ip)),
    ]
    if let account {
      fields += [("user_id", .int(account.userID)), ("username", .string(account.username))]
    }
    fields += [
      ("ua", .string(userAgent)), ("queue_duration_s", .decimal(random.int(1...60), scale: 4)),
      ("gitaly_calls", .int(random.int(0...12))), ("redis_calls", .int(random.int(4...60))),
      ("correlation_id", .string(correlationID())),
      ("meta.caller_id", .string("\(controller)#\(action)")), ("meta.feature_category", .string(category)),
    ]
    if let account {
      fields += [("meta.user", .string(account.username)), ("meta.user_id", .int(account.userID))]
    }
    fields += [
      ("meta.client_id", .string(account.map { "user/\($0.userID)" } ?? "ip/\(ip)")),
      ("meta.remote_ip", .string(ip)),
    ]
    fields += resourceCounters(duration: duration)
    fields += [
      ("db_duration_s", .decimal(database, scale: 3)),
      ("view_duration_s", .decimal(duration - database, scale: 3)),
      ("duration_s", .decimal(duration, scale: 3)), ("pid", .int(random.int(2_800...3_000))),
      ("worker_id", .string("puma_\(random.int(0...7))")),
    ]
    timeline.productionLog.append(
      TimedRecord(time: time, sequence: timeline.nextSequence(), json: .object(fields)))
    if let account { state.noteActivity(account.userID, at: time) }
  }

  /// The database, CPU and memory counters GitLab's request loggers add (the per-database
  /// `db_*` breakdown of newer versions is left out).
  private mutating func resourceCounters(duration: Int) -> [(String, JSONText)] {
    let queries = random.int(2...40)
    let objects = random.int(8_000...90_000)
    return [
      ("db_count", .int(queries)), ("db_write_count", .int(random.int(0...min(3, queries)))),
      ("db_cached_count", .int(random.int(0...queries / 2))),
      ("cpu_s", .decimal(duration * random.int(30...80), scale: 5)),
      ("mem_objects", .int(objects)), ("mem_bytes", .int(objects * random.int(90...160))),
      ("mem_mallocs", .int(objects / random.int(2...6))),
      ("mem_total_bytes", .int(objects * random.int(170...260))),
    ]
  }

  /// An `application_json.log` line.
  mutating func applicationLine(
    _ time: Timestamp, caller: String?, ip: String?, account: SampleAccount?,
    fields extra: [(String, JSONText)]
  ) {
    var fields: [(String, JSONText)] = [
      ("severity", .string("INFO")), ("time", .string(TimeText.milliseconds(time))),
      ("correlation_id", .string(correlationID())),
    ]
    if let caller { fields.append(("meta.caller_id", .string(caller))) }
    if let ip { fields.append(("meta.remote_ip", .string(ip))) }
    fields.append(("meta.feature_category", .string("system_access")))
    if let account {
      fields += [("meta.user", .string(account.username)), ("meta.user_id", .int(account.userID))]
    }
    fields.append(("meta.client_id", .string(account.map { "user/\($0.userID)" } ?? "ip/\(ip ?? "")")))
    timeline.applicationLog.append(
      TimedRecord(time: time, sequence: timeline.nextSequence(), json: .object(fields + extra)))
  }

  /// A correlation id as GitLab writes them (a ULID).
  mutating func correlationID() -> String {
    "01J" + random.string(23, from: "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
  }

  // MARK: SCIM calls as GitLab logs them

  /// The path and route of an instance SCIM call for user `externUID` (nil for the collection).
  static func scimRoute(externUID: String?) -> (path: String, route: String) {
    if let externUID {
      return ("/api/scim/v2/application/Users/\(externUID)", "/api/scim/:version/application/Users/:id")
    }
    return ("/api/scim/v2/application/Users", "/api/scim/:version/application/Users")
  }

  /// The error a SCIM call hits when the database times out (answered 500).
  static let statementTimeout = (
    type: "ActiveRecord::QueryCanceled",
    message: "PG::QueryCanceled: ERROR:  canceling statement due to statement timeout"
  )

  /// A SCIM request in `api_json.log`, as the IdP at `ip` sends it to the instance SCIM API.
  mutating func scimRequest(
    _ time: Timestamp, method: String, externUID: String?, status: Int, params: [(String, JSONText)],
    ip: String,
    userAgent: String
  ) {
    let (path, route) = Self.scimRoute(externUID: externUID)
    var all = params
    if let externUID { all.append(("id", .string(externUID))) }
    apiRequest(
      time, method: method, path: path, route: route, status: status, params: all, ip: ip,
      userAgent: userAgent, category: "system_access",
      durationMS: status == 500 ? random.int(15_000...15_400) : random.int(40...260),
      exception: status == 500 ? Self.statementTimeout : nil)
  }

  /// GitLab's side of a SCIM deprovision on the instance: the account is blocked (memberships
  /// stay, inert). Returns the audit index.
  @discardableResult
  mutating func blockAccount(_ person: SamplePerson, at time: Timestamp, caller: String) -> Int {
    let account = account(of: person)
    state.updateAccount(account.userID) { $0.state = "blocked" }
    return audit(
      time, "user_blocked", author: .system, entity: (account.userID, "User", account.username),
      target: (.int(account.userID), "User", account.username), message: .string("Blocked user"), ip: nil,
      caller: caller)
  }

  /// The SCIM POST body GitLab logs for a new user (Okta's and Entra's differ only in `userName`).
  static func scimCreateParams(_ person: SamplePerson) -> [(String, JSONText)] {
    [
      ("schemas", .array([.string("urn:ietf:params:scim:schemas:core:2.0:User")])),
      ("externalId", .string(person.externUID)), ("userName", .string(person.username)),
      (
        "name",
        .object([("givenName", .string(person.givenName)), ("familyName", .string(person.familyName))])
      ),
      (
        "emails",
        .array([
          .object([("primary", .bool(true)), ("type", .string("work")), ("value", .string(person.email))])
        ])
      ),
      ("active", .bool(true)),
    ]
  }

  /// Okta's deactivation PATCH: a path-less replace of `active`.
  static let oktaDeactivateOperations: [(String, JSONText)] = [
    ("schemas", .array([.string("urn:ietf:params:scim:api:messages:2.0:PatchOp")])),
    (
      "Operations",
      .array([.object([("op", .string("replace")), ("value", .object([("active", .bool(false))]))])])
    ),
  ]

  /// Entra's deactivation PATCH without the 2020 compliance flag: capitalised op, string boolean.
  static let entraDeactivateOperations: [(String, JSONText)] = [
    ("schemas", .array([.string("urn:ietf:params:scim:api:messages:2.0:PatchOp")])),
    (
      "Operations",
      .array([
        .object([("op", .string("Replace")), ("path", .string("active")), ("value", .string("False"))])
      ])
    ),
  ]
}
