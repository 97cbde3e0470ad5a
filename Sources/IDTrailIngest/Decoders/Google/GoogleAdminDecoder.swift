import IDTrailModel

/// `google.admin`: Google Workspace Admin SDK Reports API activities (`formats-idp.md` §5): API pages
/// (`{"kind":"admin#reports#activities","items":[…]}`), saved documents (`{"activities":[…]}`), and
/// NDJSON of single activities, including Elastic's, which split `events` into one object each.
///
/// Admin events (user lifecycle, group membership, admin roles, 2-Step Verification) are read, plus
/// the sign-in and 2-Step Verification events of the `login`, `saml` and `user_accounts`
/// applications; activities of other applications are skipped. An activity may hold several events:
/// each relevant one becomes an `idp`-stage event, and the activity counts once.
///
/// Identifiers: the affected account (`USER_EMAIL`) is both `email` and `google.email`; the actor is
/// `email`. The native id is `id.time` and `id.uniqueQualifier` together (the qualifier alone repeats
/// across `login` activities at different times), with `#n` for the n-th event of an activity that
/// holds several.
public struct GoogleAdminDecoder: JSONRecordDecoder {
  public init() {}

  public let format = FormatID.googleAdmin
  public let summary =
    "Google Workspace Reports API activities: admin events, plus sign-ins and 2-Step Verification"

  public func recognizes(firstRecord: JSONObject) -> Bool {
    if firstRecord["kind"]?.stringEquals("admin#reports#activity") == true { return true }
    return firstRecord[path: "id", "applicationName"]?.string != nil && firstRecord.contains("events")
  }

  /// API pages hold activities in `items`; saved documents in `activities`.
  public func records(inEnvelope object: JSONObject) -> JSONArray? {
    guard !object.contains("events") else { return nil }
    return object["items"]?.array ?? object["activities"]?.array
  }

  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    return RecordProblem.disposition { () throws(RecordProblem) in
      try decode(record, at: locator, into: &output)
    }
  }

  private func decode(
    _ record: JSONObject, at locator: Locator, into output: inout DecodedInput
  ) throws(RecordProblem) -> RecordDisposition {
    guard let id = try RecordProblem.optionalObject(record["id"], "id") else {
      throw RecordProblem("no id")
    }
    let (time, originalTime) = try RecordProblem.requireTime(id["time"], "id.time")
    let application = id["applicationName"]?.string ?? "unknown application"
    let qualifier = id["uniqueQualifier"]?.scalarText
    let events = try events(record["events"])
    let actor = actor(record["actor"]?.object)

    var built: [IdentityEvent] = []
    for (index, event) in events.enumerated() {
      let name = try RecordProblem.requireString(event["name"], "events #\(index + 1).name")
      guard let mapping = GoogleAdminEventMapping.byName[name] else { continue }
      let nativeID = qualifier.map {
        "\(originalTime)/\($0)" + (events.count > 1 ? "#\(index + 1)" : "")
      }
      built.append(
        try identityEvent(
          mapping, name: name, event: event, eventNumber: index + 1, actor: actor,
          time: time, originalTime: originalTime, nativeID: nativeID, locator: locator))
    }
    guard !built.isEmpty else {
      var names: [String] = []
      for event in events {
        if let name = event["name"]?.string, !names.contains(name) { names.append(name) }
      }
      return .skipped("\(application) \(names.joined(separator: ", ")): not an identity event")
    }
    for event in built {
      output.emit(event)
    }
    return .decoded
  }

  /// `events` as the API writes it (an array) or as Elastic writes it (one object).
  private func events(_ value: JSONValue?) throws(RecordProblem) -> [JSONObject] {
    guard let value, !value.isNull else { throw RecordProblem("no events") }
    if let object = value.object { return [object] }
    guard let array = value.array else {
      throw RecordProblem("events is \(value.kind) JSON, not an array or object")
    }
    var events: [JSONObject] = []
    var index = 0
    for element in array {
      index += 1
      guard let object = element.object else {
        throw RecordProblem("events #\(index) is \(element.kind) JSON, not an object")
      }
      events.append(object)
    }
    guard !events.isEmpty else { throw RecordProblem("events is empty") }
    return events
  }

  private func identityEvent(
    _ mapping: GoogleAdminEventMapping, name: String, event: JSONObject, eventNumber: Int,
    actor: (Actor, Channel), time: Timestamp, originalTime: String, nativeID: String?, locator: Locator
  ) throws(RecordProblem) -> IdentityEvent {
    func parameter(_ key: String) -> String? { Self.parameter(event, key) }
    func affectedUser() throws(RecordProblem) -> [Identifier] {
      guard let email = parameter("USER_EMAIL"), let identifier = Identifier(.email, email),
        let google = Identifier(.googleEmail, email)
      else {
        throw RecordProblem("events #\(eventNumber) (\(name)) has no USER_EMAIL parameter")
      }
      return [identifier, google]
    }
    func theActor() throws(RecordProblem) -> [Identifier] {
      let emails = actor.0.identifiers.filter { $0.kind == .email }
      guard !emails.isEmpty else {
        throw RecordProblem("events #\(eventNumber) (\(name)) names no user: the actor has no email")
      }
      return emails + emails.compactMap { Identifier(.googleEmail, $0.value) }
    }
    var action: Action
    var subject: [Identifier]
    var resource: Resource?
    var role: RoleChange?
    var outcome = Outcome.success
    switch mapping {
    case .user(let mapped):
      (action, subject) = (mapped, try affectedUser())
    case .rename:
      var renamed: [Identifier] = []
      if let address = parameter("NEW_VALUE"), IdentityProviderText.isEmailAddress(address) {
        renamed = [Identifier(.email, address), Identifier(.googleEmail, address)].compactMap { $0 }
      }
      (action, subject) = (.accountUpdate, try affectedUser() + renamed)
    case .groupMember(let mapped):
      (action, subject) = (mapped, try affectedUser())
      resource = parameter("GROUP_EMAIL").map { Resource(kind: .idpGroup, name: $0) }
    case .adminRole(let mapped):
      (action, subject) = (mapped, try affectedUser())
      if let roleName = parameter("ROLE_NAME") {
        role =
          mapped == .privilegeGrant
          ? RoleChange(before: nil, after: roleName) : RoleChange(before: roleName, after: nil)
      }
    case .twoStepPolicy:
      switch parameter("NEW_VALUE")?.lowercased() {
      case "true": action = .mfaEnable
      case "false": action = .mfaDisable
      default: action = .other
      }
      (subject, resource) = (try theActor(), Self.policyScope(event))
    case .twoStepSetting:
      (action, subject, resource) = (.other, try theActor(), Self.policyScope(event))
    case .ownAccount(let mapped):
      (action, subject) = (mapped, try theActor())
      resource = parameter("application_name").map { Resource(kind: .idpApplication, name: $0) }
      if mapped == .authFailure {
        outcome = .failure(parameter("login_failure_type") ?? name)
      }
    }
    return IdentityEvent(
      time: time, originalTime: originalTime, source: format, stage: .idp, nativeID: nativeID,
      locator: locator, action: action, rawAction: name, subject: IdentityProviderText.uniqued(subject),
      actor: actor.0, resource: resource, role: role, outcome: outcome, channel: actor.1,
      evidence: .observed)
  }

  /// The value of the parameter named `key`: `value`, `intValue`, `boolValue`, or the first of
  /// `multiValue`.
  private static func parameter(_ event: JSONObject, _ key: String) -> String? {
    guard let parameters = event["parameters"]?.array else { return nil }
    for element in parameters {
      guard let parameter = element.object, parameter["name"]?.string == key else { continue }
      let value =
        parameter["value"]?.scalarText ?? parameter["intValue"]?.scalarText
        ?? parameter["boolValue"]?.scalarText
        ?? parameter["multiValue"]?.array?.first(where: { $0.scalarText != nil })?.scalarText
      if let value, !value.isEmpty { return value }
    }
    return nil
  }

  /// The group, org unit or domain a 2-Step Verification policy change applies to.
  private static func policyScope(_ event: JSONObject) -> Resource? {
    if let group = parameter(event, "GROUP_EMAIL") { return Resource(kind: .idpGroup, name: group) }
    if let unit = parameter(event, "ORG_UNIT_NAME") {
      return Resource(kind: .idpGroup, name: "org unit \(unit)")
    }
    if let domain = parameter(event, "DOMAIN_NAME") {
      return Resource(kind: .idpGroup, name: "domain \(domain)")
    }
    return nil
  }

  /// A user (`callerType` `USER`, or no type with an email) is a person; its channel is unknown,
  /// because admin-console changes and Directory API calls made with an admin's credentials (sync
  /// tools, an IdP's connector) look alike. A key (`callerType` `KEY`) is Google itself (`SYSTEM`)
  /// or an API client; the key's value is not kept.
  private func actor(_ object: JSONObject?) -> (Actor, Channel) {
    guard let object else { return (.unknown, .unknown) }
    if object["callerType"]?.string == "KEY" {
      return object["key"]?.string == "SYSTEM" ? (.system, .systemJob) : (Actor(kind: .system), .api)
    }
    let email = object["email"]?.string.flatMap { Identifier(.email, $0) }
    guard let email else { return (.unknown, .unknown) }
    return (Actor(kind: .person, identifiers: [email]), .unknown)
  }
}
