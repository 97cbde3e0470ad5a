import IDTrailAnalysis
import IDTrailModel
import Testing

/// Builds the events of a scenario the way each real source's decoder would.
///
/// Each event has the identifiers, stage, channel, native id and locator its source carries.
/// Locators count lines (or records) per input file, in the order events are added.
///
/// - Active Directory (`windows.security.xml`): `ad.sid` + `ad.account`.
/// - Okta (`okta.systemlog`): `okta.user_id` + email (the login).
/// - SCIM requests in GitLab's `api_json.log`: a POST carries `scim.external_id`, `gitlab.extern_uid`,
///   `gitlab.username` and email; a PATCH or DELETE only the `extern_uid` in its URL.
/// - GitLab audit events (`gitlab.audit.stream`): `gitlab.user_id` + username or display name.
struct ScenarioLog {
  var events: [IdentityEvent] = []
  var facts: [StateFact] = []
  private var counters: [String: Int] = [:]

  static let adPath = "dc01/security.xml"
  static let oktaPath = "okta/systemlog.ndjson"
  static let scimPath = "gitlab/api_json.log"
  static let gitlabPath = "gitlab/audit-stream.ndjson"
  static let usersPath = "gitlab/users.json"
  static let membersPath = "gitlab/members-example-org.json"

  /// One person's identifiers in every system.
  struct Person {
    var name: String
    var sid: String
    var account: String
    var oktaID: String
    var email: String
    var username: String
    var gitlabID: Int
  }

  static let ann = Person(
    name: "Ann Lee", sid: "S-1-5-21-1004336348-1177238915-682003330-1104", account: "CORP\\alee",
    oktaID: "00u1alee000000000001", email: "alee@example.com", username: "alee", gitlabID: 42)
  static let bob = Person(
    name: "Bob Stone", sid: "S-1-5-21-1004336348-1177238915-682003330-1105", account: "CORP\\bstone",
    oktaID: "00u1bstone0000000002", email: "bstone@example.com", username: "bstone", gitlabID: 43)
  /// A GitLab administrator who changes access by hand.
  static let admin = Person(
    name: "Root Admin", sid: "S-1-5-21-1004336348-1177238915-682003330-500", account: "CORP\\root",
    oktaID: "00u1root000000000009", email: "root@example.com", username: "root", gitlabID: 1)

  /// The policy the scenarios use: defaults plus AD accounts mapped to emails.
  static var policy: Policy {
    var policy = Policy.default
    if let rule = try? IdentifierMappingRule(
      name: "ad-account-to-email", from: .adAccount, match: "CORP\\{name}", to: .email,
      value: "{name}@example.com")
    {
      policy.identifierMappings.append(rule)
    }
    return policy
  }

  private mutating func nextLine(_ path: String) -> Int {
    let line = (counters[path] ?? 0) + 1
    counters[path] = line
    return line
  }

  private mutating func add(
    _ time: String, source: FormatID, stage: Stage, path: String, nativeID: String?, action: Action,
    raw: String, provisioning: ProvisioningOperation? = nil, subject: [Identifier], actor: Actor,
    resource: Resource? = nil, role: RoleChange? = nil, outcome: Outcome = .success, channel: Channel,
    byteRecords: Bool = false
  ) {
    let line = nextLine(path)
    let locator =
      byteRecords
      ? Locator(path: path, position: .record(index: line, byteOffset: (line - 1) * 1000))
      : .line(line, in: path)
    events.append(
      IdentityEvent(
        time: Self.time(time), originalTime: time, source: source, stage: stage, nativeID: nativeID,
        locator: locator, action: action, rawAction: raw, provisioning: provisioning, subject: subject,
        actor: actor, resource: resource, role: role, outcome: outcome, channel: channel))
  }

  // MARK: - Sources

  /// A Windows Security event (4720 created, 4722 enabled, 4725 disabled, 4726 deleted) made by the
  /// domain administrator.
  mutating func ad(_ action: Action, _ time: String, event: Int, _ person: Person, recordID: Int) {
    add(
      time, source: .windowsSecurityXML, stage: .directory, path: Self.adPath, nativeID: "dc01:\(recordID)",
      action: action, raw: String(event),
      subject: Self.ids([(.adSID, person.sid), (.adAccount, person.account)]),
      actor: Actor(
        kind: .person, identifiers: Self.ids([(.adSID, Self.admin.sid), (.adAccount, Self.admin.account)])),
      channel: .manualUI, byteRecords: true)
  }

  /// An Okta System Log event about a user, made by Okta itself (directory sync, lifecycle rules).
  mutating func okta(
    _ action: Action, _ time: String, raw: String, _ person: Person, uuid: String, resource: Resource? = nil
  ) {
    add(
      time, source: .oktaSystemLog, stage: .idp, path: Self.oktaPath, nativeID: "okta:\(uuid)",
      action: action,
      raw: raw,
      subject: Self.ids([(.oktaUserID, person.oktaID), (.email, person.email), (.displayName, person.name)]),
      actor: Actor(kind: .system), resource: resource, channel: .systemJob)
  }

  /// A SCIM request in `api_json.log`, by its HTTP status: 2xx succeeds, anything else fails.
  mutating func scim(
    _ operation: ProvisioningOperation, _ time: String, _ person: Person, status: Int, correlationID: String
  ) {
    let method: String
    var subject = Self.ids([(.gitlabExternUID, person.oktaID)])
    switch operation {
    case .create:
      method = "POST /api/scim/v2/groups/example-org/Users"
      subject = Self.ids([
        (.scimExternalID, person.oktaID), (.gitlabExternUID, person.oktaID),
        (.gitlabUsername, person.username),
        (.email, person.email), (.displayName, person.name),
      ])
    case .delete:
      method = "DELETE /api/scim/v2/groups/example-org/Users/:id"
    default:
      method = "PATCH /api/scim/v2/groups/example-org/Users/:id"
    }
    let succeeded = (200...299).contains(status)
    add(
      time, source: .gitlabAPILog, stage: .scim, path: Self.scimPath, nativeID: "api:\(correlationID)",
      action: .provisionRequest, raw: method, provisioning: operation, subject: subject,
      actor: Actor(kind: .provisioningClient),
      resource: Resource(kind: .gitlabNamespace, name: "example-org"),
      outcome: succeeded ? .success : .failure("HTTP \(status)", httpStatus: status), channel: .scim)
  }

  /// Who made a GitLab change.
  enum GitLabAuthor {
    /// `(System)`, author id -1, a system event: SCIM deprovisioning, membership expiry.
    case system
    /// A signed-in person, in the web UI.
    case person(Person)
    /// The subject themselves (tokens, sign-ins, git activity), through the API or git.
    case themselves
  }

  /// A GitLab streaming audit event about `person` (a user id, and the username where the event's
  /// `target_details` holds it, else the display name).
  mutating func gitlab(
    _ action: Action, _ time: String, raw: String, _ person: Person, id: Int, by author: GitLabAuthor,
    group: String? = "example-org", role: RoleChange? = nil, channel: Channel? = nil,
    usernameDetails: Bool = false
  ) {
    let subject = Self.ids([
      (.gitlabUserID, String(person.gitlabID)),
      usernameDetails ? (.gitlabUsername, person.username) : (.displayName, person.name),
    ])
    let actor: Actor
    switch author {
    case .system: actor = .system
    case .person(let who):
      actor = Actor(
        kind: .person,
        identifiers: Self.ids([
          (.gitlabUserID, String(who.gitlabID)), (.displayName, who.name), (.email, who.email),
        ]))
    case .themselves:
      actor = Actor(
        kind: .person,
        identifiers: Self.ids([(.gitlabUserID, String(person.gitlabID)), (.displayName, person.name)]))
    }
    let defaultChannel: Channel
    switch author {
    case .system: defaultChannel = .systemJob
    case .person: defaultChannel = .manualUI
    case .themselves: defaultChannel = .api
    }
    add(
      time, source: .gitlabAuditStream, stage: .gitlab, path: Self.gitlabPath, nativeID: "gitlab-audit:\(id)",
      action: action, raw: raw, subject: subject, actor: actor,
      resource: group.map { Resource(kind: .gitlabNamespace, name: $0) }, role: role,
      channel: channel ?? defaultChannel)
  }

  /// Delivers an already-added GitLab stream event again, as at-least-once streaming does.
  mutating func redeliver(nativeID: String) {
    guard var copy = events.first(where: { $0.nativeID == nativeID }) else {
      Issue.record("no event \(nativeID) to deliver again")
      return
    }
    copy.locator = .line(nextLine(copy.locator.path), in: copy.locator.path)
    events.append(copy)
  }

  /// A GitLab members export row (`gitlab.state.members`).
  mutating func member(_ person: Person, role: String, group: String = "example-org", asOf: String) {
    let line = nextLine(Self.membersPath)
    facts.append(
      StateFact(
        asOf: Self.time(asOf), source: .gitlabMembers,
        locator: Locator(
          path: Self.membersPath, position: .record(index: line, byteOffset: (line - 1) * 200)),
        subject: Self.ids([(.gitlabUserID, String(person.gitlabID)), (.gitlabUsername, person.username)]),
        claim: .membership(resource: Resource(kind: .gitlabNamespace, name: group), role: role)))
  }

  /// A GitLab users export row's account state (`gitlab.state.users`).
  mutating func account(_ person: Person, state: String, canSignIn: Bool, asOf: String) {
    let line = nextLine(Self.usersPath)
    facts.append(
      StateFact(
        asOf: Self.time(asOf), source: .gitlabUsers,
        locator: Locator(path: Self.usersPath, position: .record(index: line, byteOffset: (line - 1) * 300)),
        subject: Self.ids([
          (.gitlabUserID, String(person.gitlabID)), (.gitlabUsername, person.username),
          (.email, person.email),
        ]),
        claim: .accountState(state: state, canSignIn: canSignIn)))
  }

  // MARK: - Stories

  /// Onboarding on 2026-01-05, which ties every identifier of the person together.
  ///
  /// AD creates the account, Okta imports it and assigns GitLab, the SCIM POST creates the GitLab
  /// user, and GitLab adds them to example-org.
  mutating func onboard(_ person: Person, day: String = "2026-01-05", ids base: Int) {
    ad(.accountCreate, "\(day)T08:00:00Z", event: 4720, person, recordID: base)
    okta(.accountCreate, "\(day)T08:10:00Z", raw: "user.lifecycle.create", person, uuid: "create-\(base)")
    okta(
      .assignmentAdd, "\(day)T08:10:30Z", raw: "application.user_membership.add", person,
      uuid: "assign-\(base)",
      resource: Resource(kind: .idpApplication, name: "GitLab.com (example-org)"))
    scim(.create, "\(day)T08:10:32Z", person, status: 201, correlationID: "post-\(base)")
    gitlab(
      .accountCreate, "\(day)T08:10:33Z", raw: "user_provisioned_by_scim", person, id: base, by: .system,
      channel: .scim, usernameDetails: true)
    gitlab(
      .membershipAdd, "\(day)T08:10:33Z", raw: "member_created", person, id: base + 1, by: .system,
      role: RoleChange(before: nil, after: "Developer"))
  }

  // MARK: - Helpers

  static func time(_ text: String) -> Timestamp {
    guard let time = TimestampParser.parse(text) else {
      Issue.record("not a time: \(text)")
      return Timestamp(nanosecondsSinceEpoch: 0)
    }
    return time
  }

  static func id(_ kind: IdentifierKind, _ value: String) throws -> Identifier {
    try #require(Identifier(kind, value))
  }

  static func ids(_ pairs: [(IdentifierKind, String)]) -> [Identifier] {
    pairs.compactMap { pair in
      let identifier = Identifier(pair.0, pair.1)
      if identifier == nil { Issue.record("empty identifier of kind \(pair.0)") }
      return identifier
    }
  }
}
