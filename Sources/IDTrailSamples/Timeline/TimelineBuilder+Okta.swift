import IDTrailModel

/// Okta System Log events (`GET /api/v1/logs` LogEvent objects).
extension TimelineBuilder {
  /// Who an Okta event says acted.
  enum OktaActor {
    /// Okta itself: directory imports, provisioning jobs.
    case system
    /// A person, by their own Okta user.
    case person(SamplePerson)
  }

  private func actorJSON(_ actor: OktaActor) -> JSONText {
    switch actor {
    case .system:
      return .object([
        ("id", .string(organisation.systems.oktaSystemPrincipalID)), ("type", .string("SystemPrincipal")),
        ("alternateId", .string("system@okta.com")), ("displayName", .string("Okta System")),
        ("detailEntry", .null),
      ])
    case .person(let person):
      return .object([
        ("id", .string(person.oktaUserID ?? organisation.systems.oktaAdminID)), ("type", .string("User")),
        ("alternateId", .string(person.email)), ("displayName", .string(person.displayName)),
        ("detailEntry", .null),
      ])
    }
  }

  func oktaUserTarget(_ person: SamplePerson) -> JSONText {
    .object([
      ("id", .string(person.oktaUserID ?? "")), ("type", .string("User")),
      ("alternateId", .string(person.email)),
      ("displayName", .string(person.displayName)), ("detailEntry", .null),
    ])
  }

  /// The three targets of an app-assignment or provisioning event: AppUser, AppInstance, User.
  func oktaAppTargets(_ person: SamplePerson) -> [JSONText] {
    [
      .object([
        ("id", .string(person.oktaAppUserID ?? "")), ("type", .string("AppUser")),
        ("alternateId", .string(person.email)), ("displayName", .string(person.displayName)),
        ("detailEntry", .null),
      ]),
      .object([
        ("id", .string(organisation.systems.oktaGitLabAppID)), ("type", .string("AppInstance")),
        ("alternateId", .string("GitLab")), ("displayName", .string("GitLab")),
        ("detailEntry", .object([("signOnModeType", .string("SAML_2_0"))])),
      ]),
      oktaUserTarget(person),
    ]
  }

  func oktaGroupTarget(_ name: String) -> JSONText {
    .object([
      ("id", .string(organisation.systems.oktaGroupIDs[name] ?? "")), ("type", .string("UserGroup")),
      ("alternateId", .string("unknown")), ("displayName", .string(name)), ("detailEntry", .null),
    ])
  }

  /// The browser client of a person's own request.
  private func clientJSON(ip: String, userAgent: String) -> JSONText {
    let mac = userAgent.contains("Macintosh")
    let browser =
      userAgent.contains("Firefox") ? "FIREFOX" : (userAgent.contains("Chrome") ? "CHROME" : "SAFARI")
    let office = ip.hasPrefix("203.0.113.")
    return .object([
      (
        "userAgent",
        .object([
          ("rawUserAgent", .string(userAgent)),
          ("os", .string(mac ? "Mac OS X" : (userAgent.contains("Windows") ? "Windows 10" : "Linux"))),
          ("browser", .string(browser)),
        ])
      ),
      ("zone", .string(office ? "Acme Offices" : "null")), ("device", .string("Computer")), ("id", .null),
      ("ipAddress", .string(ip)),
      (
        "geographicalContext",
        .object([
          ("city", .string(office ? "Amsterdam" : "Utrecht")),
          ("state", .string(office ? "North Holland" : "Utrecht")),
          ("country", .string("Netherlands")), ("postalCode", .string(office ? "1012" : "3511")),
          (
            "geolocation",
            .object([
              ("lat", .decimal(office ? 523_759 : 520_907, scale: 4)),
              ("lon", .decimal(office ? 48_975 : 51_214, scale: 4)),
            ])
          ),
        ])
      ),
    ])
  }

  /// Adds one Okta System Log event.
  mutating func okta(
    _ time: Timestamp, _ eventType: String, legacy: String?, message: String, actor: OktaActor,
    targets: [JSONText], outcome: String = "SUCCESS", reason: String? = nil,
    client: (ip: String, userAgent: String)? = nil, debug: [(String, JSONText)] = []
  ) {
    let job = client == nil
    var debugData = debug
    if !job { debugData.insert(("requestId", .string(random.string(27, from: SampleRandom.base62))), at: 0) }
    let sessionID = job ? "unknown" : "102" + random.string(22, from: SampleRandom.base62)
    var fields: [(String, JSONText)] = [
      ("uuid", .string(random.uuid())), ("published", .string(TimeText.milliseconds(time))),
      ("eventType", .string(eventType)), ("version", .string("0")),
      ("severity", .string(outcome == "FAILURE" ? "WARN" : "INFO")), ("legacyEventType", .optional(legacy)),
      ("displayMessage", .string(message)), ("actor", actorJSON(actor)),
      ("client", client.map { clientJSON(ip: $0.ip, userAgent: $0.userAgent) } ?? .null),
      ("outcome", .object([("result", .string(outcome)), ("reason", .optional(reason))])),
      ("target", .array(targets)),
      (
        "transaction",
        .object([
          ("type", .string(job ? "JOB" : "WEB")),
          ("id", .string(random.string(job ? 20 : 27, from: SampleRandom.base62))),
          ("detail", .object([])),
        ])
      ),
      ("debugContext", .object([("debugData", .object(debugData))])),
      (
        "authenticationContext",
        .object([("authenticationStep", .int(0)), ("externalSessionId", .string(sessionID))])
      ),
      ("securityContext", .object([])),
    ]
    if let client {
      fields.append(
        (
          "request",
          .object([
            (
              "ipChain",
              .array([
                .object([("ip", .string(client.ip)), ("version", .string("V4")), ("source", .null)])
              ])
            )
          ])
        ))
    } else {
      fields.append(("request", .object([("ipChain", .array([]))])))
    }
    timeline.okta.append(TimedRecord(time: time, sequence: timeline.nextSequence(), json: .object(fields)))
  }

  /// A person signing in to Okta and then into GitLab through it.
  mutating func oktaSignIn(_ time: Timestamp, _ person: SamplePerson, ip: String, withSession: Bool) {
    let client = (ip: ip, userAgent: person.browser)
    if withSession {
      okta(
        time, "user.session.start", legacy: "core.user_auth.login_success", message: "User login to Okta",
        actor: .person(person), targets: [], client: client,
        debug: [("requestUri", .string("/idp/idx/identify"))])
    }
    okta(
      time.plus(milliseconds: withSession ? random.int(2_000...9_000) : 0), "user.authentication.sso",
      legacy: "app.auth.sso", message: "User single sign on to app", actor: .person(person),
      targets: [oktaAppTargets(person)[1]], client: client,
      debug: [
        (
          "requestUri",
          .string("/app/acme_gitlab_1/exk\(organisation.systems.oktaGitLabAppID.dropFirst(3))/sso/saml")
        )
      ])
  }

  /// Okta pushing a change to GitLab over SCIM: the provisioning event, written when the call returns.
  mutating func oktaPush(
    _ time: Timestamp, _ eventType: String, _ person: SamplePerson, failure: String? = nil
  ) {
    let messages = [
      "application.provision.user.push": "Push new user to external application",
      "application.provision.user.push_profile": "Push user profile update to external application",
      "application.provision.user.deactivate": "Push user deactivation to external application",
    ]
    okta(
      time, eventType, legacy: nil, message: messages[eventType] ?? eventType, actor: .system,
      targets: oktaAppTargets(person), outcome: failure == nil ? "SUCCESS" : "FAILURE", reason: failure,
      debug: [("appname", .string("acme_gitlab_1"))])
  }
}
