import IDTrailModel

/// Joiners, leavers and movers: each change travels directory → IdP → SCIM → GitLab with the
/// latencies of real systems (AD agent imports in minutes, Okta pushes in seconds, Entra cycles
/// every 40 minutes).
extension TimelineBuilder {
  /// How an IdP's deprovisioning push to GitLab goes.
  enum PushBehaviour {
    /// Seconds after the IdP deactivates.
    case prompt
    /// After this many hours (a stalled provisioning queue).
    case late(hours: Int)
    /// The first call fails (500, a database timeout); a retry 12–18 minutes later succeeds.
    case failThenRetry
    /// Never sent.
    case never
  }

  // MARK: Joiners

  mutating func runJoiners(_ plan: ScenarioPlan) {
    var scheduled: [(Timestamp, Int)] = []
    for index in organisation.people.indices where organisation.people[index].isJoiner {
      scheduled.append((time(on: takeDay(), from: 8, to: 11), index))
    }
    scheduled.sort { $0.0 < $1.0 }
    for (start, index) in scheduled {
      organisation.people[index].joins = start
      organisation.people[index].gitlabUserID = organisation.systems.nextUserID
      organisation.systems.nextUserID += random.int(1...23)
      let person = person(index)
      let admin = self.person(plan.admins[0])
      let created: Timestamp
      let how: String
      switch person.source {
      case .activeDirectory:
        adCreate(start, person)
        created = joinThroughOkta(person, imported: start.plus(seconds: random.int(240...840)), admin: nil)
        how = "AD account (4720), Okta import, SCIM POST"
      case .legacyIGA:
        spmlAdd(start, person)
        created = joinThroughOkta(person, imported: start.plus(seconds: random.int(300...1_200)), admin: nil)
        how = "SPML addRequest, Okta import, SCIM POST"
      case .okta:
        created = joinThroughOkta(person, imported: start, admin: admin)
        how = "created in Okta by an administrator, SCIM POST"
      case .entra:
        created = joinThroughEntra(person, start)
        how = "Entra user and group membership, provisioning cycle, SCIM POST"
      }
      episode("joiner", person, start, effect: created, status: "complete", how)
      if person.team == .design {
        let created = start.plus(seconds: random.int(600...1_800))
        googleAdmin(
          created, type: "USER_SETTINGS", name: "CREATE_USER", parameters: [("USER_EMAIL", person.email)],
          by: admin)
        googleAdmin(
          created.plus(seconds: random.int(20...200)), type: "GROUP_SETTINGS", name: "ADD_GROUP_MEMBER",
          parameters: [("USER_EMAIL", person.email), ("GROUP_EMAIL", "design@acme.example")], by: admin)
      }
    }
  }

  /// Okta creates (or imports) the person, assigns them to GitLab, and pushes them over SCIM; they
  /// sign in the next working morning and SAML group sync adds their team's group.
  private mutating func joinThroughOkta(_ person: SamplePerson, imported: Timestamp, admin: SamplePerson?)
    -> Timestamp
  {
    let actor: OktaActor = admin.map { .person($0) } ?? .system
    let adminClient = admin.map { (ip: $0.officeIP, userAgent: $0.browser) }
    okta(
      imported, "user.lifecycle.create", legacy: "core.user.config.user_creation.success",
      message: "Create Okta user", actor: actor, targets: [oktaUserTarget(person)], client: adminClient)
    okta(
      imported.plus(milliseconds: random.int(300...1_500)), "user.lifecycle.activate",
      legacy: "core.user.config.user_activated", message: "Activate Okta user", actor: actor,
      targets: [oktaUserTarget(person)], client: adminClient)
    var clock = imported.plus(seconds: random.int(2...6))
    if admin == nil {
      for group in ["GitLab-Users", person.team.directoryGroup] {
        okta(
          clock, "group.user_membership.add", legacy: "core.user_group_member.user_add",
          message: "Add user to group membership", actor: .system,
          targets: [oktaUserTarget(person), oktaGroupTarget(group)])
        clock = clock.plus(milliseconds: random.int(200...900))
      }
    }
    okta(
      clock.plus(seconds: random.int(1...5)), "application.user_membership.add",
      legacy: "app.generic.provision.assign_user_to_app", message: "Add user to application membership",
      actor: actor, targets: oktaAppTargets(person), client: adminClient)
    let pushed = clock.plus(seconds: random.int(20...70))
    let created = gitlabClock(pushed.plus(milliseconds: -random.int(300...900)))
    scimRequest(
      created.plus(milliseconds: -random.int(200...500)), method: "GET", externUID: nil,
      status: 200,
      params: [
        ("filter", .string("userName eq \"\(person.username)\"")), ("startIndex", .string("1")),
        ("count", .string("2")),
      ],
      ip: organisation.systems.oktaSCIMAddress, userAgent: "Okta SCIM Client 1.0.0")
    provisionAccount(person, at: created, from: organisation.systems.oktaSCIMAddress)
    scimRequest(
      created.plus(milliseconds: random.int(60...200)), method: "POST", externUID: nil,
      status: 201,
      params: Self.scimCreateParams(person), ip: organisation.systems.oktaSCIMAddress,
      userAgent: "Okta SCIM Client 1.0.0")
    oktaPush(pushed, "application.provision.user.push", person)
    firstSignIn(person, after: pushed, enrollFactor: true)
    return created
  }

  /// Entra creates the person and adds them to the GitLab group; the next provisioning cycle
  /// creates them in GitLab.
  private mutating func joinThroughEntra(_ person: SamplePerson, _ start: Timestamp) -> Timestamp {
    entraAudit(
      start, activity: "Add user", category: "UserManagement", operation: "Add", person: person,
      modified: [
        ("AccountEnabled", "[]", "[true]"), ("DisplayName", "[]", "[\"\(person.displayName)\"]"),
        ("UserPrincipalName", "[]", "[\"\(person.email)\"]"),
      ])
    entraAudit(
      start.plus(seconds: random.int(120...420)), activity: "Add member to group",
      category: "GroupManagement",
      operation: "Assign", person: person,
      modified: [("Group.DisplayName", "", "\"GitLab Users\"")], group: true)
    let cycle = start.plus(seconds: random.int(1_200...2_400))
    let created = gitlabClock(cycle.plus(milliseconds: -random.int(400...1_200)))
    provisionAccount(person, at: created, from: organisation.systems.entraSCIMAddress)
    entraProvision(
      cycle, action: "create", person: person, status: 201,
      modified: [
        ("externalId", nil, person.externUID), ("userName", nil, person.username), ("active", nil, "True"),
        ("displayName", nil, person.displayName), ("emails[type eq \"work\"].value", nil, person.email),
        ("name.givenName", nil, person.givenName), ("name.familyName", nil, person.familyName),
      ],
      scimParams: Self.scimCreateParams(person), scimBody: .object(Self.scimCreateParams(person)))
    firstSignIn(person, after: cycle, enrollFactor: false)
    return created
  }

  /// GitLab's side of an instance SCIM create: the account and its SAML identity (no membership;
  /// SAML group sync adds those at the first sign-in).
  private mutating func provisionAccount(_ person: SamplePerson, at time: Timestamp, from ip: String) {
    let account = SampleAccount(
      userID: person.gitlabUserID, username: person.username, name: person.displayName, email: person.email,
      externUID: person.externUID, createdAt: time)
    state.accounts.append(account)
    organisation.people[person.index].accountCreatedAt = time
    audit(
      time, "user_provisioned_by_scim", author: .system, entity: Self.instanceEntity,
      target: (.int(account.userID), "User", account.username),
      message: .string("User was provisioned by SCIM"),
      ip: ip, caller: Self.scimCaller("POST", collection: true))
  }

  /// The joiner's first working morning: IdP sign-in, GitLab SAML sign-in, group sync.
  private mutating func firstSignIn(_ person: SamplePerson, after provisioned: Timestamp, enrollFactor: Bool)
  {
    let day = nextBusinessDay(after: provisioned.daysSinceEpoch)
    let time = self.time(on: day, from: 8, to: 10)
    if person.source != .entra {
      oktaSignIn(time, person, ip: person.officeIP, withSession: true)
      if enrollFactor {
        okta(
          time.plus(seconds: random.int(20...60)), "user.mfa.factor.activate",
          legacy: "core.user.factor.activate",
          message: "User set up MFA factor", actor: .person(person), targets: [oktaUserTarget(person)],
          client: (ip: person.officeIP, userAgent: person.browser))
      }
    }
    let signIn = time.plus(seconds: random.int(70...180))
    gitlabSAMLSignIn(signIn, person, ip: person.officeIP)
    var synced = signIn.plus(milliseconds: random.int(300...900))
    for (namespace, role) in [
      (person.team.topGroup, AccessRole.guest), (person.team.namespacePath, .developer),
    ] {
      let membership = state.addMembership(
        userID: person.gitlabUserID, namespace: namespace, role: role, at: synced)
      auditMemberCreated(
        synced, account(of: person), membership, by: .system, ip: nil, eventName: "group_saml_member_added",
        caller: Self.samlCallback)
      synced = synced.plus(milliseconds: random.int(20...120))
    }
  }

  func nextBusinessDay(after day: Int) -> Int {
    var next = day + 1
    while [0, 6].contains(CivilDate.weekday(daysSinceEpoch: next)) { next += 1 }
    return next
  }

  // MARK: Leavers

  /// An Acme, Initech or contractor leaver: the upstream disable at `start`, the IdP deactivation
  /// `idpDelay` seconds later (nil: the usual few minutes), then the push.
  @discardableResult
  mutating func leaveThroughOkta(
    _ person: SamplePerson, at start: Timestamp, push: PushBehaviour, idpDelay: Int? = nil,
    admin: SamplePerson
  ) -> LeaverTimes {
    leaveAt[person.index] = start
    var deactivated = start
    var actor: OktaActor = .system
    var client: (ip: String, userAgent: String)?
    switch person.source {
    case .activeDirectory:
      adDisable(start, person)
      deactivated = start.plus(seconds: idpDelay ?? random.int(120...720))
    case .legacyIGA:
      spmlDisable(start, person)
      deactivated = start.plus(seconds: idpDelay ?? random.int(180...900))
    case .okta, .entra:
      actor = .person(admin)
      client = (ip: admin.officeIP, userAgent: admin.browser)
    }
    okta(
      deactivated, "user.lifecycle.deactivate", legacy: "core.user.config.user_deactivated",
      message: "Deactivate Okta user", actor: actor, targets: [oktaUserTarget(person)], client: client)
    if person.team == .design {
      googleAdmin(
        start.plus(seconds: random.int(480...1_500)), type: "USER_SETTINGS", name: "SUSPEND_USER",
        parameters: [("USER_EMAIL", person.email)], by: admin)
    }
    var times = LeaverTimes(start: start, idp: deactivated)
    switch push {
    case .prompt:
      times.effect = deprovisionThroughOkta(person, pushed: deactivated.plus(seconds: random.int(4...40)))
    case .late(let hours):
      times.effect = deprovisionThroughOkta(
        person, pushed: deactivated.plus(seconds: hours * 3_600 + random.int(60...2_400)))
    case .failThenRetry:
      let failed = deactivated.plus(seconds: random.int(4...30))
      let failedCall = gitlabClock(failed.plus(milliseconds: -random.int(150...600)))
      times.failedCall = failedCall
      scimRequest(
        failedCall, method: "PATCH",
        externUID: person.externUID, status: 500, params: Self.oktaDeactivateOperations,
        ip: organisation.systems.oktaSCIMAddress, userAgent: "Okta SCIM Client 1.0.0")
      oktaPush(
        failed, "application.provision.user.deactivate", person,
        failure: "Unable to deactivate the user in GitLab: the SCIM API answered 500 Internal Server Error")
      times.effect = deprovisionThroughOkta(person, pushed: failed.plus(seconds: random.int(720...1_080)))
    case .never:
      break
    }
    return times
  }

  /// Okta's deactivation push and its effect in GitLab: the account is blocked. Returns when.
  private mutating func deprovisionThroughOkta(_ person: SamplePerson, pushed: Timestamp) -> Timestamp {
    let returned = gitlabClock(pushed.plus(milliseconds: -random.int(150...700)))
    let blocked = returned.plus(milliseconds: -random.int(40...120))
    lastBlock = blockAccount(person, at: blocked, caller: Self.scimCaller("PATCH", collection: false))
    scimRequest(
      returned, method: "PATCH", externUID: person.externUID, status: 204,
      params: Self.oktaDeactivateOperations, ip: organisation.systems.oktaSCIMAddress,
      userAgent: "Okta SCIM Client 1.0.0")
    oktaPush(pushed, "application.provision.user.deactivate", person)
    return blocked
  }

  /// A Globex leaver: Entra disables (or deletes) the account; the next provisioning cycle tells
  /// GitLab, which blocks it. `failing` calls are answered 500 (a database timeout) and none succeeds.
  @discardableResult
  mutating func leaveThroughEntra(_ person: SamplePerson, at start: Timestamp, delete: Bool, failing: Bool)
    -> LeaverTimes
  {
    leaveAt[person.index] = start
    var times = LeaverTimes(start: start, idp: start)
    if delete {
      entraAudit(
        start, activity: "Delete user", category: "UserManagement", operation: "Delete", person: person,
        modified: [])
    } else {
      entraAudit(
        start, activity: "Disable account", category: "UserManagement", operation: "Update", person: person,
        modified: [("AccountEnabled", "[true]", "[false]")])
    }
    var cycle = start.plus(seconds: random.int(1_200...2_400))
    let attempts = failing ? 2 : 1
    for _ in 0..<attempts {
      let status = failing ? 500 : 204
      if failing {
        if times.failedCall == nil { times.failedCall = cycle }
      } else {
        let blocked = gitlabClock(cycle.plus(milliseconds: -random.int(700...1_500)))
        blockAccount(
          person, at: blocked, caller: Self.scimCaller(delete ? "DELETE" : "PATCH", collection: false))
        times.effect = blocked
      }
      entraProvision(
        cycle, action: delete ? "delete" : "disable", person: person, status: status,
        modified: delete ? [] : [("active", "True", "False")],
        scimParams: delete ? [] : Self.entraDeactivateOperations,
        scimBody: delete ? nil : .object(Self.entraDeactivateOperations))
      cycle = cycle.plus(seconds: 2_400 + random.int(0...300))
    }
    return times
  }

  /// When a leaver's chain happened: the first upstream signal, the IdP's deactivation, the first
  /// failed SCIM call (if any) and the GitLab effect (if any).
  struct LeaverTimes {
    var start: Timestamp
    var idp: Timestamp
    var failedCall: Timestamp?
    var effect: Timestamp?
  }

  // MARK: Movers

  /// Movers change team in AD; Okta follows; GitLab's SAML group sync moves their subgroup
  /// membership at their next sign-in.
  mutating func runMovers(_ plan: ScenarioPlan) {
    for index in plan.movers {
      let person = person(index)
      let newTeam: Team = person.team == .platform ? .data : .platform
      let day = takeDay()
      let moved = time(on: day, from: 9, to: 15)
      adGroupChange(moved, person, group: person.team.directoryGroup, added: false)
      adGroupChange(
        moved.plus(milliseconds: random.int(200...900)), person, group: newTeam.directoryGroup, added: true)
      let imported = moved.plus(seconds: random.int(240...720))
      okta(
        imported, "group.user_membership.remove", legacy: "core.user_group_member.user_remove",
        message: "Remove user from group membership", actor: .system,
        targets: [oktaUserTarget(person), oktaGroupTarget(person.team.directoryGroup)])
      okta(
        imported.plus(milliseconds: random.int(200...900)), "group.user_membership.add",
        legacy: "core.user_group_member.user_add", message: "Add user to group membership", actor: .system,
        targets: [oktaUserTarget(person), oktaGroupTarget(newTeam.directoryGroup)])
      let signIn = time(on: nextBusinessDay(after: day), from: 8, to: 10)
      oktaSignIn(signIn.plus(seconds: -random.int(20...90)), person, ip: person.officeIP, withSession: true)
      gitlabSAMLSignIn(signIn, person, ip: person.officeIP)
      let account = account(of: person)
      if let old = state.removeMembership(userID: person.gitlabUserID, namespace: person.team.namespacePath) {
        auditMemberDestroyed(
          signIn.plus(milliseconds: random.int(200...500)), account, old, by: .system, ip: nil,
          caller: Self.samlCallback)
      }
      let added = state.addMembership(
        userID: person.gitlabUserID, namespace: newTeam.namespacePath, role: .developer,
        at: signIn.plus(milliseconds: random.int(600...1_000)))
      auditMemberCreated(
        added.createdAt, account, added, by: .system, ip: nil, eventName: "group_saml_member_added",
        caller: Self.samlCallback)
      episode(
        "mover", person, moved, effect: added.createdAt, status: "complete",
        "AD group \(person.team.directoryGroup) → \(newTeam.directoryGroup); SAML group sync at the next sign-in"
      )
      organisation.people[index].team = newTeam
    }
  }
}
