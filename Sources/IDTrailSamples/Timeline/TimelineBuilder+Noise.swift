import IDTrailModel

/// Background noise at realistic ratios — sign-ins, web and API use, git and merge request
/// events, profile updates, directory chatter — so the planted incidents are needles in a haystack.
/// None of it is a finding: only people who stay use tokens and SSH keys, and nobody is active
/// within two hours of their deprovisioning or after it.
extension TimelineBuilder {
  static let mergeRequestTitles = [
    "Fix flaky \"login\" spec", "Bump rails to 7.1.5, update lockfile", "Add rate limiting to /api/v2/orders",
    "Refactor: split CI config into includes", "Résumé upload: handle UTF-8 file names",
    "Docs: explain SCIM provisioning, with examples", "Revert \"Cache warm-up on deploy\"",
    "Use <picture> for hero images", "Drop support for TLS 1.1 & 1.0", "Add 'dry run' flag to migrations",
    "Tune Sidekiq concurrency (50 → 30)", "Handle commas, quotes and \\ in CSV exports",
  ]

  mutating func runNoise(_ plan: ScenarioPlan) {
    let apiUsers = Set(plan.apiUsers)
    let admins = Set(plan.admins)
    let firstDay = configuration.start.daysSinceEpoch
    for day in firstDay..<(firstDay + configuration.dayCount) {
      let weekday = CivilDate.weekday(daysSinceEpoch: day)
      let weekend = weekday == 0 || weekday == 6
      let midday = Timestamp.startOfDay(day).plus(seconds: 43_200)
      for person in organisation.people where isActive(person, at: midday) {
        let stays = leaveAt[person.index] == nil
        if weekend {
          if random.chance(permille: 8) { personalNoise(person, day: day, api: false, stays: stays) }
          continue
        }
        if admins.contains(person.index) {
          if random.chance(permille: 200) {
            gitlabPasswordSignIn(
              time(on: day, from: 7, to: 10), account(of: person), ip: person.officeIP,
              userAgent: person.browser)
          }
          continue
        }
        personalNoise(person, day: day, api: apiUsers.contains(person.index), stays: stays)
      }
      dailyNoise(day: day, weekend: weekend)
    }
    organisationNoise()
  }

  /// One person's ordinary working day.
  private mutating func personalNoise(_ person: SamplePerson, day: Int, api: Bool, stays: Bool) {
    let ip = random.chance(permille: 700) ? person.officeIP : person.homeIP
    if random.chance(permille: 30) {
      let signIn = time(on: day, from: 7, to: 11)
      if person.source != .entra {
        oktaSignIn(
          signIn.plus(seconds: -random.int(5...60)), person, ip: ip, withSession: random.chance(permille: 500)
        )
      }
      gitlabSAMLSignIn(signIn, person, ip: ip)
    }
    if random.chance(permille: 15) {
      let project = project(of: person)
      let iid = random.int(40...900)
      webRequest(
        time(on: day, from: 8, to: 18), method: "GET", path: "/\(project.path)/-/merge_requests/\(iid)",
        controller: "Projects::MergeRequestsController", action: "show", status: 200,
        account: account(of: person),
        ip: ip, userAgent: person.browser, category: "code_review_workflow")
    }
    if random.chance(permille: 25) {
      let project = project(of: person)
      let account = account(of: person)
      let pushed = time(on: day, from: 8, to: 18)
      let ssh = random.chance(permille: 600)
      audit(
        pushed, "repository_git_operation", author: author(account),
        entity: (project.id, "Project", project.path),
        target: (.int(project.id), "Project", project.name),
        message: .object([
          ("protocol", .string(ssh ? "ssh" : "http")),
          ("action", .string(random.chance(permille: 400) ? "git-receive-pack" : "git-upload-pack")),
        ]), ip: ip, caller: "POST /api/:version/internal/allowed", streamOnly: true)
      state.noteActivity(account.userID, at: pushed)
    }
    if random.chance(permille: 8) {
      let project = project(of: person)
      let account = account(of: person)
      let opened = time(on: day, from: 8, to: 18)
      audit(
        opened, "merge_request_create", author: author(account),
        entity: (project.id, "Project", project.path),
        target: (.int(random.int(1_000...9_999)), "MergeRequest", random.pick(Self.mergeRequestTitles)),
        message: .string("Added merge request"), ip: ip,
        caller: "Projects::MergeRequests::CreationsController#create",
        streamOnly: true)
      state.noteActivity(account.userID, at: opened)
    }
    if api && random.chance(permille: 90) {
      let project = project(of: person)
      let account = account(of: person)
      let token = 400 + person.index
      var call = time(on: day, from: 7, to: 19)
      for _ in 0..<random.int(1...2) {
        let (path, route, category) = random.pick([
          (
            "/api/v4/projects/\(project.id)/pipelines", "/api/:version/projects/:id/pipelines",
            "continuous_integration"
          ),
          (
            "/api/v4/projects/\(project.id)/merge_requests", "/api/:version/projects/:id/merge_requests",
            "code_review_workflow"
          ),
          ("/api/v4/user", "/api/:version/user", "user_profile"),
        ])
        apiRequest(
          call, method: "GET", path: path, route: route, status: 200, params: [], ip: ip,
          userAgent: random.pick(["python-requests/2.32.3", "GitLab CLI 1.46.0", "curl/8.5.0"]),
          account: account,
          token: ("PersonalAccessToken", token), rootNamespace: person.team.topGroup, project: project.path,
          category: category)
        call = call.plus(seconds: random.int(5...900))
      }
    }
    if stays && random.chance(permille: 2) {
      let account = account(of: person)
      audit(
        time(on: day, from: 8, to: 18), "add_ssh_key", author: author(account),
        entity: (account.userID, "User", account.username),
        target: (.int(random.int(10_000...99_999)), "Key", "\(person.username)@laptop"),
        message: .string("Added SSH key"), ip: ip, caller: "Profiles::KeysController#create")
    }
    if random.chance(permille: 2) {
      let account = account(of: person)
      audit(
        time(on: day, from: 7, to: 10), "login_failed_with_standard_authentication", author: author(account),
        entity: (account.userID, "User", account.username), target: Self.userTarget(account),
        message: .string("Failed to login with STANDARD authentication"), ip: ip,
        details: [("failed_login", .string("STANDARD"))], caller: "SessionsController#create")
    }
  }

  /// What happens every day regardless of who works: CI runners polling, the sign-in page,
  /// directory chatter.
  private mutating func dailyNoise(day: Int, weekend: Bool) {
    let midday = Timestamp.startOfDay(day).plus(seconds: 43_200)
    if random.chance(permille: 500) {
      apiRequest(
        time(on: day, from: 0, to: 24), method: "POST", path: "/api/v4/jobs/request",
        route: "/api/:version/jobs/request", status: 204,
        params: [("info", .object([("name", .string("gitlab-runner")), ("version", .string("17.11.0"))]))],
        ip: "10.20.0." + String(random.int(10...30)),
        userAgent: "gitlab-runner 17.11.0 (17-11-stable; go1.23.6; linux/amd64)",
        category: "continuous_integration")
    }
    if random.chance(permille: 250) {
      webRequest(
        time(on: day, from: 0, to: 24), method: "GET", path: "/users/sign_in",
        controller: "SessionsController",
        action: "new", status: 200, account: nil, ip: "192.0.2." + String(random.int(2...250)),
        userAgent: random.pick(SampleSystems.browsers), category: "system_access")
    }
    let directoryPeople = organisation.people.filter {
      $0.source == .activeDirectory && isActive($0, at: midday)
    }
    if !directoryPeople.isEmpty {
      for _ in 0..<(weekend || !random.chance(permille: 400) ? 1 : 2) {
        adNoise(time(on: day, from: weekend ? 0 : 7, to: weekend ? 24 : 19), random.pick(directoryPeople))
      }
    }
  }

  /// Changes that happen a few times a month across the organisation.
  private mutating func organisationNoise() {
    for day in businessDays(from: 0, to: configuration.dayCount - 1) {
      let midday = Timestamp.startOfDay(day).plus(seconds: 43_200)
      if random.chance(permille: 350) { oktaProfilePush(on: day) }
      if random.chance(permille: 200) { entraUpdate(on: day) }
      if random.chance(permille: 150), let person = activePerson({ $0.source == .entra }, at: midday) {
        entraAudit(
          time(on: day, from: 8, to: 17), activity: "Reset password", category: "UserManagement",
          operation: "Update",
          person: person, modified: [])
      }
      if random.chance(permille: 250), let person = activePerson({ $0.source == .legacyIGA }, at: midday) {
        spmlUpdate(time(on: day, from: 8, to: 17), person)
      }
      if random.chance(permille: 150), let person = activePerson({ $0.team == .design }, at: midday) {
        googleNoise(on: day, person)
      }
      if random.chance(permille: 60),
        let person = activePerson({ $0.isLead && self.leaveAt[$0.index] == nil }, at: midday)
      {
        let project = project(of: person)
        let account = account(of: person)
        audit(
          time(on: day, from: 9, to: 17), "protected_branch_created", author: author(account),
          entity: (project.id, "Project", project.path),
          target: (.int(random.int(100...999)), "ProtectedBranch", "release/*"),
          message: .string(
            "Added protected branch with [allowed to push: [Maintainers], "
              + "allowed to merge: [Developers + Maintainers]]"
          ),
          ip: person.officeIP,
          details: [
            ("push_access_levels", .array([.string("Maintainers")])),
            ("merge_access_levels", .array([.string("Developers + Maintainers")])),
            ("allow_force_push", .bool(false)), ("code_owner_approval_required", .bool(false)),
          ], caller: "Projects::ProtectedBranchesController#create")
      }
    }
  }

  /// The Google administrator adds a designer to a team group (password resets are noise too, but
  /// decoders skip them, so they would not show that the log covers the day).
  private mutating func googleNoise(on day: Int, _ person: SamplePerson) {
    let admin = self.person(organisation.people.firstIndex { $0.isAdmin } ?? 0)
    let changed = time(on: day, from: 8, to: 17)
    if random.chance(permille: 250) {
      googleAdmin(
        changed, type: "USER_SETTINGS", name: "CHANGE_PASSWORD", parameters: [("USER_EMAIL", person.email)],
        by: admin)
    }
    let group = random.pick(["design-crit", "all-hands", "figma-licences", "offsite-2026", "brand-reviews"])
    googleAdmin(
      changed.plus(seconds: random.int(5...600)), type: "GROUP_SETTINGS", name: "ADD_GROUP_MEMBER",
      parameters: [("USER_EMAIL", person.email), ("GROUP_EMAIL", group + "@acme.example")], by: admin)
  }

  /// An Okta profile change pushed to GitLab (a SCIM PATCH GitLab accepts and ignores).
  mutating func oktaProfilePush(on day: Int, at fixed: Timestamp? = nil) {
    let changed = fixed ?? time(on: day, from: 7, to: 19)
    guard let person = activePerson({ $0.source != .entra }, at: changed) else { return }
    okta(
      changed, "user.account.update_profile", legacy: "core.user.config.profile_update.success",
      message: "Update user profile for Okta", actor: .system, targets: [oktaUserTarget(person)],
      debug: [("changedAttributes", .string(random.pick(["title", "department", "mobilePhone", "manager"])))])
    let pushed = changed.plus(seconds: random.int(3...40))
    scimRequest(
      gitlabClock(pushed.plus(milliseconds: -random.int(100...400))), method: "PATCH",
      externUID: person.externUID, status: 204,
      params: [
        ("schemas", .array([.string("urn:ietf:params:scim:api:messages:2.0:PatchOp")])),
        (
          "Operations",
          .array([
            .object([
              ("op", .string("replace")),
              (
                "value",
                .object([
                  ("name.formatted", .string(person.displayName)), ("userName", .string(person.username)),
                ])
              ),
            ])
          ])
        ),
      ], ip: organisation.systems.oktaSCIMAddress, userAgent: "Okta SCIM Client 1.0.0")
    oktaPush(pushed, "application.provision.user.push_profile", person)
  }

  /// A Globex profile change: the directory audit, then the next cycle's update to GitLab.
  mutating func entraUpdate(on day: Int, at fixed: Timestamp? = nil) {
    let changed = fixed ?? time(on: day, from: 7, to: 17)
    guard let person = activePerson({ $0.source == .entra }, at: changed) else { return }
    let title = random.pick(["Engineer", "Senior Engineer", "Product Manager", "Designer", "Analyst"])
    entraAudit(
      changed, activity: "Update user", category: "UserManagement", operation: "Update", person: person,
      modified: [("JobTitle", "[]", "[\"\(title)\"]"), ("Included Updated Properties", "", "\"JobTitle\"")])
    let operations: [(String, JSONText)] = [
      ("schemas", .array([.string("urn:ietf:params:scim:api:messages:2.0:PatchOp")])),
      (
        "Operations",
        .array([.object([("op", .string("Replace")), ("path", .string("title")), ("value", .string(title))])])
      ),
    ]
    entraProvision(
      changed.plus(seconds: random.int(900...2_400)), action: "update", person: person, status: 204,
      modified: [("title", nil, title)], scimParams: operations, scimBody: .object(operations))
  }

  /// A random person matching `matching` who is active at `time`.
  func activePerson(_ matching: (SamplePerson) -> Bool, at time: Timestamp) -> SamplePerson? {
    let candidates = organisation.people.filter { matching($0) && isActive($0, at: time) }
    guard !candidates.isEmpty else { return nil }
    var pick = random.derived("active-\(time.nanosecondsSinceEpoch)")
    return pick.pick(candidates)
  }

  /// One of the projects the person's team works on, with its full path.
  mutating func project(of person: SamplePerson) -> (id: Int, name: String, path: String) {
    let namespace = SampleNamespace.named(person.team == .it ? "acme/platform" : person.team.namespacePath)
    let project = random.pick(namespace.projects)
    return (project.id, project.name, namespace.path + "/" + project.name)
  }

  // MARK: Coverage

  /// Fills any gap of more than 60 hours in a source (from the period's start to its end) with an
  /// ordinary event of that source, so every input covers the whole period.
  mutating func ensureCoverage() {
    let limit: Int64 = 60 * 3_600 * 1_000_000_000
    func gaps(_ times: [Timestamp]) -> [Int] {
      let sorted = times.sorted()
      var days: [Int] = []
      var previous = configuration.start
      for time in sorted + [configuration.end] {
        if time.nanosecondsSinceEpoch - previous.nanosecondsSinceEpoch > limit {
          let middle = Timestamp(
            nanosecondsSinceEpoch: (previous.nanosecondsSinceEpoch + time.nanosecondsSinceEpoch) / 2)
          days.append(middle.daysSinceEpoch)
        }
        previous = time
      }
      return days
    }
    for _ in 0..<4 {
      let scimWrites = timeline.apiLog.filter {
        guard case .object(let fields) = $0.json else { return false }
        return fields.contains { $0.0 == "route" && Self.isSCIMRoute($0.1) }
          && !fields.contains { $0.0 == "method" && Self.isGET($0.1) }
      }.map(\.time)
      for day in gaps(scimWrites) { oktaProfilePush(on: day) }
      for day in gaps(timeline.entraProvisioning.map(\.time) + timeline.entraAudit.map(\.time)) {
        entraUpdate(on: day)
      }
      for day in gaps(timeline.entraProvisioning.map(\.time)) { entraUpdate(on: day) }
      for day in gaps(timeline.google.map(\.time)) {
        let noon = Timestamp.startOfDay(day).plus(seconds: 43_200)
        if let person = activePerson({ $0.team == .design }, at: noon) { googleNoise(on: day, person) }
      }
      for day in gaps(timeline.spml.map(\.time)) {
        let noon = Timestamp.startOfDay(day).plus(seconds: 43_200)
        if let person = activePerson({ $0.source == .legacyIGA }, at: noon) {
          spmlUpdate(time(on: day, from: 8, to: 17), person)
        }
      }
      for day in gaps(timeline.okta.map(\.time)) { oktaProfilePush(on: day) }
      for day in gaps(timeline.windows.filter { $0.eventID != 4724 }.map(\.time)) {
        let noon = Timestamp.startOfDay(day).plus(seconds: 43_200)
        if let person = activePerson({ $0.source == .activeDirectory }, at: noon) {
          adNoise(time(on: day, from: 7, to: 19), person, lockoutOrFailure: true)
        }
      }
      for day in gaps(timeline.applicationLog.map(\.time)) {
        if let admin = organisation.people.first(where: { $0.isAdmin }) {
          gitlabPasswordSignIn(
            time(on: day, from: 7, to: 10), account(of: admin), ip: admin.officeIP, userAgent: admin.browser)
        }
      }
      for day in gaps(timeline.audit.filter { !$0.streamOnly }.map(\.time)) {
        let noon = Timestamp.startOfDay(day).plus(seconds: 43_200)
        if let person = activePerson({ $0.source != .entra && !$0.isAdmin }, at: noon) {
          gitlabSAMLSignIn(time(on: day, from: 8, to: 11), person, ip: person.homeIP)
        }
      }
    }
  }

  private static func isSCIMRoute(_ value: JSONText) -> Bool {
    if case .string(let route) = value { return route.hasPrefix("/api/scim/") }
    return false
  }

  private static func isGET(_ value: JSONText) -> Bool {
    if case .string(let method) = value { return method == "GET" }
    return false
  }
}
