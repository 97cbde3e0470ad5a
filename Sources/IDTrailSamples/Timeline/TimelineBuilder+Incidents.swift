import IDTrailModel

/// The planted incidents, each recorded in the ground truth with the control that must (or must
/// not) report it.
extension TimelineBuilder {
  mutating func incident(
    _ name: String, _ control: String, _ person: String, _ time: Timestamp, finding: Bool, _ note: String
  ) {
    timeline.incidents.append(
      GroundTruthIncident(
        incident: name, control: control, person: person, time: time, finding: finding, note: note))
  }

  mutating func episode(
    _ kind: String, _ person: SamplePerson, _ start: Timestamp, effect: Timestamp?, status: String,
    _ note: String
  ) {
    timeline.episodes.append(
      GroundTruthEpisode(
        kind: kind, person: person.email, start: start, effect: effect, status: status, note: note))
  }

  /// Takes the first free business day after `day` (or the day after it, when none is free).
  mutating func takeDay(after day: Int) -> Int {
    if let position = freeDays.lastIndex(where: { $0 > day }) { return freeDays.remove(at: position) }
    return nextBusinessDay(after: day)
  }

  // MARK: Leavers

  mutating func runLeavers(_ plan: inout ScenarioPlan) {
    let admin = person(plan.admins[0])
    let end = configuration.end.plus(seconds: -1)

    let late = person(plan.lateLeaver)
    let lateTimes = leaveThroughOkta(
      late, at: time(on: takeDay(), from: 13, to: 17), push: .late(hours: 30), admin: admin)
    incident(
      "late-leaver", "leaver-sla", late.email, lateTimes.start, finding: true,
      "Disabled in AD, deactivated in Okta minutes later, but Okta's push (SCIM PATCH active=false) and the "
        + "GitLab block come about 30 hours later: over the 24-hour SLA.")
    episode(
      "leaver", late, lateTimes.start, effect: lateTimes.effect, status: "late",
      "SCIM push 30 h after the IdP")

    let unfinished = person(plan.unfinishedLeaver)
    let unfinishedTimes = leaveThroughOkta(
      unfinished, at: time(on: takeDay(), from: 13, to: 17), push: .never, admin: admin)
    incident(
      "leaver-never-reaches-gitlab", "leaver-incomplete", unfinished.email, unfinishedTimes.start,
      finding: true,
      "Disabled in AD and deactivated in Okta; Okta never pushes the deactivation, so no SCIM call and no "
        + "GitLab change follow.")
    incident(
      "leaver-never-reaches-gitlab", "orphan-account", unfinished.email, end, finding: true,
      "The GitLab account, with its acme memberships, is still active at the period's end while Okta has "
        + "the person deactivated.")
    episode(
      "leaver", unfinished, unfinishedTimes.start, effect: nil, status: "incomplete", "no push, no SCIM call")

    let repaired = person(plan.repairedLeaver)
    let repairedTimes = leaveThroughOkta(
      repaired, at: time(on: takeDay(), from: 13, to: 17), push: .failThenRetry, admin: admin)
    timeline.redelivered.append(lastBlock)
    incident(
      "failed-scim-call-repaired", "provisioning-failure", repaired.email,
      repairedTimes.failedCall ?? repairedTimes.start, finding: false,
      "Okta's first deactivation push fails (SCIM PATCH answered 500 after a database timeout, Okta FAILURE); "
        + "the retry 12-18 minutes later succeeds. No finding: the failure was repaired.")
    incident(
      "duplicate-stream-delivery", "leaver-sla", repaired.email, repairedTimes.effect ?? repairedTimes.start,
      finding: false,
      "The stream delivers this leaver's user_blocked event twice (same id, same body); de-duplication must "
        + "leave one complete episode.")
    episode(
      "leaver", repaired, repairedTimes.start, effect: repairedTimes.effect, status: "complete",
      "first SCIM call 500, retry succeeds")

    let returning = person(plan.returningLeaver)
    let returningStart = time(on: takeDay(), from: 10, to: 12)
    activityAfterDeprovision(returning, after: returningStart)
    let returningTimes = leaveThroughOkta(returning, at: returningStart, push: .late(hours: 6), admin: admin)
    episode(
      "leaver", returning, returningTimes.start, effect: returningTimes.effect, status: "complete",
      "Okta's push comes about 6 hours later, within the SLA; active in between")

    let directoryFirst = person(plan.directoryFirstLeaver)
    let directoryTimes = leaveThroughOkta(
      directoryFirst, at: time(on: takeDay(), from: 13, to: 17), push: .prompt,
      idpDelay: 26 * 3_600 + random.int(0...7_200), admin: admin)
    incident(
      "directory-disable-before-idp", "leaver-sla", directoryFirst.email, directoryTimes.start, finding: true,
      "Disabled in AD (4725) about 26-28 hours before Okta deactivates (a stalled AD agent import); SCIM and "
        + "GitLab follow Okta within a minute. Measured from the directory, the end-to-end time is over the SLA."
    )
    episode(
      "leaver", directoryFirst, directoryTimes.start, effect: directoryTimes.effect, status: "late",
      "directory disable opens the episode; IdP 26-28 h later")

    let skewed = person(plan.skewedLeaver)
    let skewDay = takeDay()
    let skewStart = time(on: skewDay, from: 13, to: 17)
    skewWindow = skewStart.plus(seconds: -1_800)..<skewStart.plus(seconds: 1_800)
    let skewTimes = leaveThroughOkta(skewed, at: skewStart, push: .prompt, admin: admin)
    incident(
      "clock-skew-3-minutes", "leaver-sla", skewed.email, skewTimes.start, finding: false,
      "A contractor deactivated in Okta. GitLab's clock runs 3 minutes slow around this time, so the SCIM "
        + "PATCH and user_blocked are logged about 2.5 minutes before the Okta deactivation. Within a "
        + "5-minute skew tolerance this is one complete episode, not a finding.")
    episode(
      "leaver", skewed, skewTimes.start, effect: skewTimes.effect, status: "complete",
      "GitLab-side times 3 minutes slow")

    let failed = person(plan.failedLeaver)
    let failedTimes = leaveThroughEntra(
      failed, at: time(on: takeDay(), from: 13, to: 17), delete: false, failing: true)
    incident(
      "failed-scim-call-never-repaired", "provisioning-failure", failed.email,
      failedTimes.failedCall ?? failedTimes.start, finding: true,
      "Entra disables the account; both provisioning cycles' SCIM PATCH calls are answered 500 (a database "
        + "timeout in GitLab), the provisioning job is left in quarantine, and no later call succeeds.")
    incident(
      "failed-scim-call-never-repaired", "leaver-incomplete", failed.email, failedTimes.start, finding: true,
      "The deprovisioning never reaches GitLab: both provisioning attempts failed.")
    incident(
      "failed-scim-call-never-repaired", "orphan-account", failed.email, end, finding: true,
      "The GitLab account is still active, with its globex memberships, at the period's end while the Entra "
        + "account is disabled.")
    episode(
      "leaver", failed, failedTimes.start, effect: nil, status: "failed", "SCIM 500 twice, never repaired")

    let ordinary = plan.ordinaryLeavers.map { person($0) }
    for leaver in ordinary {
      let start = time(on: takeDay(), from: 13, to: 17)
      let times: LeaverTimes
      if leaver.source == .entra {
        times = leaveThroughEntra(leaver, at: start, delete: true, failing: false)
      } else {
        times = leaveThroughOkta(leaver, at: start, push: .prompt, admin: admin)
      }
      let how: String
      switch leaver.source {
      case .entra: how = "Entra deletes the user; the next cycle sends SCIM DELETE"
      case .legacyIGA: how = "the IGA disables the account over SPML; Okta imports, pushes"
      default:
        how = leaver.team == .design ? "AD disable, Google suspension, Okta push" : "AD disable, Okta push"
      }
      episode("leaver", leaver, times.start, effect: times.effect, status: "complete", how)
    }
  }

  /// A business day for a SCIM token rotation, inside the last 80 days of the period (so within a
  /// 90-day rotation policy at its end).
  private mutating func rotationDay(offset: Int) -> Int {
    let latest = configuration.dayCount - 12
    let first = min(max(3, configuration.dayCount - 80) + offset, latest)
    let days = businessDays(from: first, to: min(first + 10, latest))
    return days.isEmpty ? configuration.start.daysSinceEpoch + first : random.pick(days)
  }

  /// The returning leaver: disabled upstream, but GitLab blocks the account only about six hours
  /// later (within the SLA); in between a script keeps using their old token, and they sign in with
  /// a password, create a new token and download archives with it.
  private mutating func activityAfterDeprovision(_ person: SamplePerson, after start: Timestamp) {
    let account = account(of: person)
    let oldToken = 300 + random.int(0...200)
    let scripted = start.plus(seconds: random.int(900...1_500))
    for hour in 0..<2 {
      apiRequest(
        scripted.plus(seconds: hour * 3_600 + random.int(0...60)), method: "GET",
        path: "/api/v4/projects/311/merge_requests", route: "/api/:version/projects/:id/merge_requests",
        status: 200,
        params: [("state", .string("opened")), ("per_page", .string("100"))], ip: person.homeIP,
        userAgent: "python-requests/2.32.3", account: account, token: ("PersonalAccessToken", oldToken),
        rootNamespace: "acme", project: "acme/platform/api", category: "code_review_workflow")
    }
    incident(
      "activity-after-deprovision", "post-termination-activity", person.email, scripted, finding: true,
      "Disabled in AD and Okta, but GitLab blocks the account only about 6 hours later (within the SLA). In "
        + "between a script calls the API with the person's old token, and they sign in with a password, "
        + "create a new token and download repository archives with it.")
    let signIn = start.plus(seconds: random.int(5_400...7_200))
    gitlabPasswordSignIn(signIn, account, ip: person.homeIP, userAgent: person.browser)
    let created = signIn.plus(seconds: random.int(180...400))
    let token = nextTokenID
    nextTokenID += random.int(1...9)
    webRequest(
      created.plus(milliseconds: -random.int(100...300)), method: "POST",
      path: "/-/user_settings/personal_access_tokens",
      controller: "UserSettings::PersonalAccessTokensController", action: "create", status: 200,
      params: [
        (
          "personal_access_token",
          .object([
            ("name", .string("laptop")), ("expires_at", .string("")), ("scopes", .array([.string("api")])),
          ])
        )
      ], account: account, ip: person.homeIP, userAgent: person.browser, category: "system_access",
      format: "json")
    audit(
      created, "personal_access_token_created", author: author(account),
      entity: (account.userID, "User", account.username), target: Self.userTarget(account),
      message: .string("Created personal access token with id \(token)"), ip: person.homeIP,
      caller: "UserSettings::PersonalAccessTokensController#create")
    incident(
      "token-created-after-deprovision", "token-hygiene", person.email, created, finding: true,
      "A personal access token created after the person was disabled upstream, before GitLab blocked them.")
    var call = created.plus(seconds: random.int(600...1_800))
    for _ in 0..<3 {
      apiRequest(
        call, method: "GET", path: "/api/v4/projects/311/repository/archive.zip",
        route: "/api/:version/projects/:id/repository/archive", status: 200,
        params: [("sha", .string("main"))],
        ip: person.homeIP, userAgent: "curl/8.5.0", account: account, token: ("PersonalAccessToken", token),
        rootNamespace: "acme", project: "acme/platform/api", category: "source_code_management")
      call = call.plus(seconds: random.int(60...900))
    }
  }

  // MARK: Manual changes and other incidents

  mutating func runIncidents(_ plan: ScenarioPlan) {
    let admin = person(plan.admins[0])
    let impersonator = person(plan.admins[plan.admins.count > 1 ? 1 : 0])
    let adminAccount = account(of: admin)

    // A manual Owner grant.
    let grantee = person(plan.ownerGrantee)
    let granted = time(on: takeDay(), from: 9, to: 17)
    if let change = state.changeRole(userID: grantee.gitlabUserID, namespace: "acme/platform", to: .owner) {
      webRequest(
        granted.plus(milliseconds: -random.int(60...200)), method: "PUT",
        path: "/groups/acme/platform/-/group_members/\(change.after.memberID)",
        controller: "Groups::GroupMembersController", action: "update", status: 200,
        params: [("group_member", .object([("access_level", .string("50"))]))], account: adminAccount,
        ip: admin.officeIP, userAgent: admin.browser, category: "groups_and_projects", format: "json")
      auditMemberUpdated(
        granted, account(of: grantee), before: change.before, after: change.after, by: author(adminAccount),
        ip: admin.officeIP, caller: "Groups::GroupMembersController#update")
    }
    incident(
      "manual-owner-grant", "privileged-access", grantee.email, granted, finding: true,
      "An instance administrator makes \(grantee.username) Owner of acme/platform in the UI; no IdP group "
        + "change asked for it.")
    incident(
      "manual-owner-grant", "manual-access-change", grantee.email, granted, finding: true,
      "The same Owner grant is a role change made by hand with no upstream cause.")

    // A manual membership.
    let member = person(plan.manualMember)
    let webLead = organisation.people.first { $0.team == .web && $0.isLead } ?? admin
    let leadAccount = account(of: webLead)
    let added = time(on: takeDay(), from: 9, to: 17)
    let membership = state.addMembership(
      userID: member.gitlabUserID, namespace: "acme/web", role: .developer, at: added,
      createdBy: leadAccount.userID)
    webRequest(
      added.plus(milliseconds: -random.int(60...200)), method: "POST",
      path: "/groups/acme/web/-/group_members",
      controller: "Groups::GroupMembersController", action: "create", status: 200,
      params: [("user_id", .string(String(member.gitlabUserID))), ("access_level", .string("30"))],
      account: leadAccount, ip: webLead.officeIP, userAgent: webLead.browser, category: "groups_and_projects",
      format: "json")
    auditMemberCreated(
      added, account(of: member), membership, by: author(leadAccount), ip: webLead.officeIP,
      caller: "Groups::GroupMembersController#create")
    incident(
      "manual-membership", "manual-access-change", member.email, added, finding: true,
      "The acme/web owner adds \(member.username) (data team) as Developer by hand; no IdP group change.")
    incident(
      "manual-membership", "unmanaged-provisioning", member.email, added, finding: true,
      "The same membership was created by a person, not through SCIM or SAML group sync.")

    handmadeAccount(by: admin)

    // Two-factor disabled.
    let disabler = person(plan.twoFactorDisabler)
    let disabled = time(on: takeDay(), from: 9, to: 17)
    let disablerAccount = account(of: disabler)
    webRequest(
      disabled.plus(milliseconds: -random.int(60...200)), method: "DELETE",
      path: "/-/profile/two_factor_auth",
      controller: "Profiles::TwoFactorAuthsController", action: "destroy", status: 302,
      account: disablerAccount,
      ip: disabler.officeIP, userAgent: disabler.browser, category: "system_access")
    audit(
      disabled, "user_disable_two_factor", author: author(disablerAccount),
      entity: (disablerAccount.userID, "User", disablerAccount.username),
      target: Self.userTarget(disablerAccount),
      message: .string("Disabled two-factor authentication"), ip: disabler.officeIP,
      caller: "Profiles::TwoFactorAuthsController#destroy")
    state.updateAccount(disabler.gitlabUserID) { $0.twoFactorEnabled = false }
    incident(
      "two-factor-disabled", "mfa-weakened", disabler.email, disabled, finding: true,
      "\(disabler.username) turns off two-factor authentication on their GitLab account.")

    // Impersonations: one never stopped, one stopped after a few minutes.
    let target = person(plan.impersonated)
    let started = time(on: takeDay(), from: 9, to: 16)
    impersonation(by: impersonator, of: target, at: started, stopAfter: nil)
    incident(
      "impersonation-without-stop", "impersonation", impersonator.email, started, finding: true,
      "\(impersonator.username) (an instance administrator) starts impersonating \(target.email); no stop is "
        + "ever logged.")
    let briefTarget = person(plan.impersonatedBriefly)
    let briefStart = time(on: takeDay(), from: 9, to: 16)
    impersonation(by: impersonator, of: briefTarget, at: briefStart, stopAfter: random.int(540...1_200))
    incident(
      "impersonation-with-stop", "impersonation", impersonator.email, briefStart, finding: false,
      "\(impersonator.username) impersonates \(briefTarget.email) for a few minutes and stops: listed for "
        + "review, not a failure.")

    instanceSCIMTokenRotation(by: admin, stale: person(plan.staleTokenPush))
    tokenRotations(plan)
  }

  /// An administrator creates an account by hand; its owner signs in and works with it.
  private mutating func handmadeAccount(by admin: SamplePerson) {
    var pick = random.derived("handmade")
    let given = pick.pick(NameBank.given)
    let family = pick.pick(NameBank.family)
    let username = given.ascii + "." + family.ascii + ".vendor"
    let created = time(on: takeDay(), from: 9, to: 17)
    let adminAccount = account(of: admin)
    let account = SampleAccount(
      userID: organisation.systems.nextUserID, username: username, name: given.display + " " + family.display,
      email: given.ascii + "." + family.ascii + "@supplier.example", createdAt: created,
      createdBy: adminAccount.userID)
    organisation.systems.nextUserID += random.int(2...9)
    state.accounts.append(account)
    handmadeAccount = account
    webRequest(
      created.plus(milliseconds: -random.int(80...300)), method: "POST", path: "/admin/users",
      controller: "Admin::UsersController", action: "create", status: 302,
      params: [
        (
          "user",
          .object([
            ("name", .string(account.name)), ("username", .string(account.username)),
            ("email", .string(account.email)), ("admin", .string("0")), ("external", .string("0")),
          ])
        )
      ], account: adminAccount, ip: admin.officeIP, userAgent: admin.browser, category: "user_management")
    audit(
      created, "user_created", author: author(adminAccount),
      entity: (account.userID, "User", account.username),
      target: Self.userTarget(account), message: .string("User \(account.username) created"),
      ip: admin.officeIP,
      caller: "Admin::UsersController#create")
    applicationLine(
      created.plus(milliseconds: 8), caller: "Admin::UsersController#create", ip: admin.officeIP,
      account: adminAccount,
      fields: [("message", .string("User \"\(account.name)\" (\(account.email)) was created"))])
    incident(
      "account-created-by-hand", "unmanaged-provisioning", account.email, created, finding: true,
      "An administrator creates \(account.username) in the Admin Area; the account has no IdP identity and "
        + "is not a member of any group.")
    incident(
      "account-created-by-hand", "orphan-account", account.email, configuration.end.plus(seconds: -1),
      finding: true,
      "The same account is still active at the period's end and no IdP or directory knows it: nobody would "
        + "deprovision it.")
    var visit = time(on: nextBusinessDay(after: created.daysSinceEpoch), from: 9, to: 11)
    for _ in 0..<2 {
      gitlabPasswordSignIn(visit, account, ip: "192.0.2.201", userAgent: SampleSystems.browsers[1])
      webRequest(
        visit.plus(seconds: random.int(30...300)), method: "GET", path: "/dashboard/projects",
        controller: "Dashboard::ProjectsController", action: "index", status: 200, account: account,
        ip: "192.0.2.201", userAgent: SampleSystems.browsers[1], category: "groups_and_projects")
      visit = time(on: nextBusinessDay(after: nextBusinessDay(after: visit.daysSinceEpoch)), from: 9, to: 11)
    }
  }

  private mutating func impersonation(
    by admin: SamplePerson, of target: SamplePerson, at start: Timestamp, stopAfter: Int?
  ) {
    let adminAccount = account(of: admin)
    let targetAccount = account(of: target)
    webRequest(
      start.plus(milliseconds: -random.int(60...200)), method: "POST",
      path: "/admin/users/\(targetAccount.username)/impersonate", controller: "Admin::UsersController",
      action: "impersonate", status: 302, account: adminAccount, ip: admin.officeIP, userAgent: admin.browser,
      category: "user_management")
    impersonationEvents(
      admin: adminAccount, target: targetAccount, at: start, started: true, ip: admin.officeIP)
    var browse = start.plus(seconds: random.int(20...90))
    for path in ["/dashboard/merge_requests", "/-/profile/account"] {
      webRequest(
        browse, method: "GET", path: path,
        controller: path.contains("profile") ? "Profiles::AccountsController" : "DashboardController",
        action: path.contains("profile") ? "show" : "merge_requests", status: 200, account: targetAccount,
        ip: admin.officeIP, userAgent: admin.browser, category: "user_profile")
      browse = browse.plus(seconds: random.int(30...200))
    }
    if let stopAfter {
      let stop = start.plus(seconds: stopAfter)
      webRequest(
        stop.plus(milliseconds: -random.int(60...200)), method: "DELETE", path: "/admin/impersonation",
        controller: "Admin::ImpersonationsController", action: "destroy", status: 302, account: adminAccount,
        ip: admin.officeIP, userAgent: admin.browser, category: "user_management")
      impersonationEvents(
        admin: adminAccount, target: targetAccount, at: stop, started: false, ip: admin.officeIP)
    }
  }

  /// The legacy instance event and one `user_impersonation` event per group of the target.
  private mutating func impersonationEvents(
    admin: SampleAccount, target: SampleAccount, at time: Timestamp, started: Bool, ip: String
  ) {
    let caller = started ? "Admin::UsersController#impersonate" : "Admin::ImpersonationsController#destroy"
    audit(
      time, nil, author: author(admin), entity: (target.userID, "User", target.username),
      target: (.int(target.userID), "User", target.username),
      message: .string(started ? "Started Impersonation" : "Stopped Impersonation"), ip: nil, caller: caller,
      remoteIP: ip)
    var clock = time.plus(milliseconds: random.int(5...20))
    for membership in state.memberships(of: target.userID) {
      audit(
        clock, "user_impersonation", author: author(admin), entity: Self.groupEntity(membership.namespace),
        target: (.int(target.userID), "User", target.username),
        message: .string(
          "Instance administrator \(started ? "started" : "stopped") impersonation of \(target.username)"),
        ip: nil, caller: caller, remoteIP: ip)
      clock = clock.plus(milliseconds: random.int(2...9))
    }
  }

  /// The instance's SCIM token is regenerated; Okta's next push still uses the old one (401) until
  /// the administrator pastes the new token into Okta (and Entra), and the retry succeeds.
  private mutating func instanceSCIMTokenRotation(by admin: SamplePerson, stale: SamplePerson) {
    let day = rotationDay(offset: 20)
    if let position = freeDays.firstIndex(of: day) { freeDays.remove(at: position) }
    let rotated = time(on: day, from: 9, to: 11)
    webRequest(
      rotated, method: "POST", path: "/admin/application_settings/scim_oauth",
      controller: "Admin::ApplicationSettings::ScimOauthController", action: "create", status: 200,
      account: account(of: admin), ip: admin.officeIP, userAgent: admin.browser, category: "system_access",
      format: "json")
    incident(
      "scim-token-rotated", "scim-token-rotation", admin.email, rotated, finding: false,
      "The instance SCIM token is regenerated inside the rotation period; one Okta push is refused with 401 "
        + "until the new token is saved in Okta, minutes later.")
    let changed = rotated.plus(seconds: random.int(50...120))
    okta(
      changed, "user.account.update_profile", legacy: "core.user.config.profile_update.success",
      message: "Update user profile for Okta", actor: .system, targets: [oktaUserTarget(stale)],
      debug: [("changedAttributes", .string("title"))])
    let refused = changed.plus(seconds: random.int(3...20))
    let operations: [(String, JSONText)] = [
      ("schemas", .array([.string("urn:ietf:params:scim:api:messages:2.0:PatchOp")])),
      (
        "Operations",
        .array([
          .object([
            ("op", .string("replace")),
            (
              "value",
              .object([("name.formatted", .string(stale.displayName)), ("title", .string("Senior Engineer"))])
            ),
          ])
        ])
      ),
    ]
    scimRequest(
      gitlabClock(refused.plus(milliseconds: -random.int(100...300))), method: "PATCH",
      externUID: stale.externUID, status: 401, params: operations, ip: organisation.systems.oktaSCIMAddress,
      userAgent: "Okta SCIM Client 1.0.0")
    oktaPush(
      refused, "application.provision.user.push_profile", stale,
      failure: "Authentication failed: GitLab answered 401 Unauthorized; check the API token")
    incident(
      "scim-401-then-retry", "provisioning-failure", stale.email, refused, finding: false,
      "A profile push refused with 401 right after the token rotation; the retry minutes later succeeds.")
    let retried = refused.plus(seconds: random.int(300...540))
    scimRequest(
      gitlabClock(retried.plus(milliseconds: -random.int(100...300))), method: "PATCH",
      externUID: stale.externUID, status: 204, params: operations, ip: organisation.systems.oktaSCIMAddress,
      userAgent: "Okta SCIM Client 1.0.0")
    oktaPush(retried, "application.provision.user.push_profile", stale)
  }

  /// Token rotations through the API, which GitLab's audit log does not record.
  private mutating func tokenRotations(_ plan: ScenarioPlan) {
    guard let user = plan.apiUsers.first.map({ person($0) }) else { return }
    let account = account(of: user)
    let rotated = time(on: takeDay(), from: 9, to: 17)
    let old = 200 + random.int(0...90)
    apiRequest(
      rotated, method: "POST", path: "/api/v4/personal_access_tokens/\(old)/rotate",
      route: "/api/:version/personal_access_tokens/:id/rotate", status: 200,
      params: [("id", .string(String(old)))],
      ip: user.officeIP, userAgent: "curl/8.5.0", account: account, token: ("PersonalAccessToken", old),
      category: "system_access")
    if let lead = organisation.people.first(where: { $0.team == .platform && $0.isLead }) {
      let groupToken = 80 + random.int(0...9)
      apiRequest(
        rotated.plus(seconds: random.int(3_600...20_000)), method: "POST",
        path: "/api/v4/groups/57/access_tokens/\(groupToken)/rotate",
        route: "/api/:version/groups/:id/access_tokens/:token_id/rotate", status: 200,
        params: [("id", .string("57")), ("token_id", .string(String(groupToken)))], ip: lead.officeIP,
        userAgent: "curl/8.5.0", account: self.account(of: lead),
        token: ("PersonalAccessToken", 150 + random.int(0...40)),
        rootNamespace: "acme", category: "system_access")
    }
  }
}
