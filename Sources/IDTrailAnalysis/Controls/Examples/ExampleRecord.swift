import IDTrailModel

/// One record of a control example, written short: what happened, to whom, when.
///
/// Times are `MM-DD HH:MM` (or `MM-DD HH:MM:SS`) in 2026, UTC, or a full `YYYY-MM-DD HH:MM`.
/// People are short names: upstream records name `<name>@example.com`, GitLab records name the
/// GitLab username `<name>` with the same email (as a users export ties them).
public struct ExampleRecord: Sendable {
  enum Kind: Sendable {
    case upstream(stage: Stage, source: FormatID, action: Action, who: String, resource: Resource?)
    case scim(operation: ProvisioningOperation?, who: String?, status: Int, scope: String)
    case gitlab(GitLabRecord)
    case rotation(scope: String, by: String)
    case account(who: String, state: String, canSignIn: Bool)
    case member(who: String, namespace: String, role: String)
    case input(format: FormatID, until: String)
  }

  struct GitLabRecord: Sendable {
    var action: Action
    var who: String
    var by: String?
    var channel: Channel?
    var namespace: String?
    var role: RoleChange?
    var source: FormatID
    var rawAction: String?
    var succeeded: Bool
  }

  /// What one record builds.
  enum Built {
    case event(IdentityEvent)
    case fact(StateFact)
    case input(EvidenceSource)
  }

  let kind: Kind
  let time: String

  // MARK: - Upstream

  /// An IdP (Okta) event about `who`; assignments are to the `GitLab` application.
  public static func idp(_ action: Action, _ who: String, _ time: String, app: String = "GitLab")
    -> ExampleRecord
  {
    let resource: Resource?
    switch action {
    case .assignmentAdd, .assignmentRemove: resource = Resource(kind: .idpApplication, name: app)
    case .groupMemberAdd, .groupMemberRemove: resource = Resource(kind: .idpGroup, name: app)
    default: resource = nil
    }
    return ExampleRecord(
      kind: .upstream(stage: .idp, source: .oktaSystemLog, action: action, who: who, resource: resource),
      time: time)
  }

  /// A directory (Active Directory) event about `who`.
  public static func directory(_ action: Action, _ who: String, _ time: String) -> ExampleRecord {
    ExampleRecord(
      kind: .upstream(
        stage: .directory, source: .windowsSecurityXML, action: action, who: who, resource: nil),
      time: time)
  }

  /// A SCIM call to GitLab as `api_json.log` logs it, for a group (`scope`) or `instance`. A nil
  /// operation is a lookup (only logged when it failed).
  public static func scim(
    _ operation: ProvisioningOperation?, _ who: String?, _ time: String, status: Int = 204,
    scope: String = "acme"
  ) -> ExampleRecord {
    ExampleRecord(kind: .scim(operation: operation, who: who, status: status, scope: scope), time: time)
  }

  // MARK: - GitLab

  /// A GitLab audit event about `who`, made by `by` (a person, through the UI unless `via` says
  /// otherwise) or, without `by`, by GitLab itself. Membership events default to the `acme` group.
  public static func gitlab(
    _ action: Action, _ who: String, _ time: String, by: String? = nil, via: Channel? = nil,
    in namespace: String? = nil, role: String? = nil, from: String? = nil, raw: String? = nil,
    source: FormatID = .gitlabAuditAPI, succeeded: Bool = true
  ) -> ExampleRecord {
    let membership: Set<Action> = [.membershipAdd, .membershipUpdate, .membershipRemove]
    let namespace = namespace ?? (membership.contains(action) ? "acme" : nil)
    let change = role != nil || from != nil ? RoleChange(before: from, after: role) : nil
    return ExampleRecord(
      kind: .gitlab(
        GitLabRecord(
          action: action, who: who, by: by, channel: via, namespace: namespace, role: change, source: source,
          rawAction: raw, succeeded: succeeded)),
      time: time)
  }

  /// Use of `who`'s account: an authenticated API request in `api_json.log`.
  public static func activity(_ who: String, _ time: String) -> ExampleRecord {
    gitlab(.activity, who, time, by: who, via: .api, raw: "GET /api/:version/projects", source: .gitlabAPILog)
  }

  /// A SCIM token regenerated in the UI (`production_json.log`) for a group or `instance`.
  public static func rotation(_ scope: String, by: String, _ time: String) -> ExampleRecord {
    ExampleRecord(kind: .rotation(scope: scope, by: by), time: time)
  }

  // MARK: - Snapshots and inputs

  /// A GitLab users export row: `who`'s account state at `time`.
  public static func account(_ who: String, _ state: String, canSignIn: Bool, _ time: String) -> ExampleRecord
  {
    ExampleRecord(kind: .account(who: who, state: state, canSignIn: canSignIn), time: time)
  }

  /// A GitLab members export row: `who` holds `role` in `namespace` at `time`.
  public static func member(_ who: String, _ namespace: String, _ role: String, _ time: String)
    -> ExampleRecord
  {
    ExampleRecord(kind: .member(who: who, namespace: namespace, role: role), time: time)
  }

  /// Declares that the example's input of `format` covers only `from` to `until` (formats without
  /// a declaration cover the whole period).
  public static func input(_ format: FormatID, _ from: String, _ until: String) -> ExampleRecord {
    ExampleRecord(kind: .input(format: format, until: until), time: from)
  }

  // MARK: - Building

  /// The example file a format's records are said to come from.
  static func path(of format: FormatID) -> String { "example/\(format.rawValue)" }

  func build(line: Int) throws(ExampleError) -> Built {
    let time = try Self.parse(self.time, line: line)
    func event(
      _ source: FormatID, _ stage: Stage, _ action: Action, raw: String,
      provisioning: ProvisioningOperation? = nil,
      subject: [Identifier], actor: Actor, resource: Resource? = nil, role: RoleChange? = nil,
      outcome: Outcome = .success, channel: Channel
    ) -> Built {
      .event(
        IdentityEvent(
          time: time, originalTime: self.time, source: source, stage: stage, nativeID: nil,
          locator: .line(line, in: Self.path(of: source)), action: action, rawAction: raw,
          provisioning: provisioning, subject: subject, actor: actor, resource: resource, role: role,
          outcome: outcome, channel: channel))
    }
    switch kind {
    case .upstream(let stage, let source, let action, let who, let resource):
      return event(
        source, stage, action, raw: action.rawValue, subject: Self.upstream(who), actor: .system,
        resource: resource,
        channel: .systemJob)
    case .scim(let operation, let who, let status, let scope):
      let outcome: Outcome =
        (200..<300).contains(status)
        ? Outcome(succeeded: true, httpStatus: status)
        : .failure(status == 401 ? "SCIM token rejected" : "HTTP \(status)", httpStatus: status)
      let resource =
        scope == "instance"
        ? Resource(kind: .gitlabInstance, name: "instance") : Resource(kind: .gitlabNamespace, name: scope)
      return event(
        .gitlabAPILog, .scim, .provisionRequest, raw: "\(operation?.rawValue ?? "lookup") /api/scim/v2",
        provisioning: operation, subject: who.map(Self.upstream) ?? [],
        actor: Actor(kind: .provisioningClient),
        resource: resource, outcome: outcome, channel: .scim)
    case .gitlab(let record):
      let actor = record.by.map { Actor(kind: .person, identifiers: Self.gitlab($0)) } ?? .system
      let channel = record.channel ?? (record.by == nil ? .systemJob : .manualUI)
      let resource: Resource?
      switch record.namespace {
      case "instance"?: resource = Resource(kind: .gitlabInstance, name: "instance")
      case let namespace?: resource = Resource(kind: .gitlabNamespace, name: namespace)
      case nil: resource = nil
      }
      return event(
        record.source, .gitlab, record.action, raw: record.rawAction ?? record.action.rawValue,
        subject: Self.gitlab(record.who), actor: actor, resource: resource, role: record.role,
        outcome: record.succeeded ? .success : .failure("failed"), channel: channel)
    case .rotation(let scope, let by):
      let name = scope == "instance" ? "instance/scim_token" : "groups/\(scope)/scim_token"
      let raw =
        scope == "instance"
        ? "Admin::ApplicationSettings::ScimOauthController#create" : "Groups::ScimOauthController#create"
      return event(
        .gitlabProductionLog, .gitlab, .credentialRotate, raw: raw, subject: Self.gitlab(by),
        actor: Actor(kind: .person, identifiers: Self.gitlab(by)),
        resource: Resource(kind: .credential, name: name),
        channel: .manualUI)
    case .account(let who, let state, let canSignIn):
      return .fact(
        StateFact(
          asOf: time, source: .gitlabUsers, locator: .line(line, in: Self.path(of: .gitlabUsers)),
          subject: Self.gitlab(who), claim: .accountState(state: state, canSignIn: canSignIn)))
    case .member(let who, let namespace, let role):
      return .fact(
        StateFact(
          asOf: time, source: .gitlabMembers, locator: .line(line, in: Self.path(of: .gitlabMembers)),
          subject: Self.gitlab(who),
          claim: .membership(resource: Resource(kind: .gitlabNamespace, name: namespace), role: role)))
    case .input(let format, let until):
      let end = try Self.parse(until, line: line)
      return .input(
        EvidenceSource(path: Self.path(of: format), format: format, coverage: TimeSpan(start: time, end: end))
      )
    }
  }

  private static func upstream(_ who: String) -> [Identifier] {
    [Identifier(.email, "\(who)@example.com")].compactMap { $0 }
  }

  private static func gitlab(_ who: String) -> [Identifier] {
    [Identifier(.gitlabUsername, who), Identifier(.email, "\(who)@example.com")].compactMap { $0 }
  }

  /// `07-02 09:00` → 2026-07-02T09:00:00Z.
  static func parse(_ text: String, line: Int) throws(ExampleError) -> Timestamp {
    var full = text.split(separator: " ").first?.count == 5 ? "2026-" + text : text
    if full.count == 16 { full += ":00" }
    guard let time = TimestampParser.parse(String(full.map { $0 == " " ? "T" : $0 }) + "Z") else {
      throw ExampleError(
        line: line, problem: "'\(text)' is not a time written MM-DD HH:MM[:SS] or YYYY-MM-DD HH:MM[:SS]")
    }
    return time
  }
}
