import IDTrailModel

/// Renders a generated world into the files of every format, each with its planted malformed
/// record, all in memory (the sample is a few megabytes); `SampleGenerator` puts them on disk.
struct SampleWriter {
  /// A rendered file: its manifest entry and its bytes.
  struct Rendered {
    var file: SampleFile
    var bytes: [UInt8]
  }

  let world: SampleWorld
  private var random: SampleRandom
  private(set) var rendered: [Rendered] = []
  /// The stream payloads written twice: their `id` and the lines they are on.
  private(set) var streamDuplicates: [(id: String, lines: [Int])] = []

  init(world: SampleWorld) {
    self.world = world
    random = SampleRandom(seed: world.configuration.seed).derived("writer")
  }

  private var startStamp: String { TimeText.iso(world.configuration.start, digits: 0) }
  private var endStamp: String { TimeText.iso(world.configuration.end.plus(seconds: -1), digits: 0) }
  private var startDate: String { TimeText.date(world.configuration.start) }
  private var endDate: String { TimeText.date(world.configuration.end.plus(seconds: -1)) }

  mutating func renderAll() {
    renderGitLabAudit()
    renderGitLabLogs()
    renderSnapshots()
    renderIdentityProviders()
    renderXML()
  }

  private mutating func add(
    _ file: RecordFile, _ path: String, _ format: FormatID, _ description: String,
    _ style: RecordFile.LocatorStyle
  ) {
    rendered.append(
      Rendered(
        file: file.file(path: path, format: format, description: description, locatorStyle: style),
        bytes: file.bytes))
  }

  // MARK: GitLab audit events

  private mutating func renderGitLabAudit() {
    var events = world.timeline.audit
    let order = events.indices.sorted {
      (events[$0].time, events[$0].sequence) < (events[$1].time, events[$1].sequence)
    }
    var nextID = 52_000 + random.int(0...4_000)
    for index in order where !events[index].streamOnly {
      events[index].id = nextID
      nextID += random.int(1...6)
    }
    let stored = order.map { events[$0] }.filter { !$0.streamOnly }

    // REST pages: instance `GET /audit_events`, 30-day windows, keyset pages of 100 newest first.
    var windowStart = world.configuration.start
    while windowStart < world.configuration.end {
      let windowEnd = min(windowStart.plus(seconds: 30 * 86_400), world.configuration.end)
      let inWindow = stored.filter { $0.time >= windowStart && $0.time < windowEnd }.reversed()
      let pages = stride(from: 0, to: inWindow.count, by: 100).map {
        Array(Array(inWindow)[$0..<min($0 + 100, inWindow.count)])
      }
      for (number, page) in pages.enumerated() {
        let position = RecordFile.plantPosition(page.count)
        let victim = page[position].rest
        let corrupt = victim.setting(
          "created_at", .string(RecordFile.impossibleDate(TimeText.milliseconds(page[position].time))))
        let file = RecordFile.jsonArray(
          page.map(\.rest), prefix: "[\n", suffix: "\n]\n",
          corrupt: (position, corrupt, .impossibleTime("created_at")))
        add(
          file, "logs/gitlab/audit-events-api/\(TimeText.date(windowStart))-page-\(number + 1).json",
          .gitlabAuditAPI,
          "GET /api/v4/audit_events?created_after=\(TimeText.date(windowStart))"
            + "&created_before=\(TimeText.date(windowEnd))&pagination=keyset&per_page=100&order_by=id"
            + "&sort=desc, page \(number + 1) of \(pages.count)",
          .record)
      }
      windowStart = windowEnd
    }

    // Stream: every event (stream-only types too), some delivered twice.
    let redelivered = Set(world.timeline.redelivered)
    var lines: [String] = []
    var duplicates: [(String, Int)] = []
    for index in order {
      let line = events[index].stream.compact
      lines.append(line)
      if redelivered.contains(index) { duplicates.append((line, lines.count + random.int(0...3))) }
    }
    var extra = 0
    var noise = random.derived("redelivery")
    let others = order.filter { !redelivered.contains($0) && !events[$0].streamOnly }
    for _ in 0..<3 where !others.isEmpty {
      let index = noise.pick(others)
      if let at = order.firstIndex(of: index) {
        duplicates.append((events[index].stream.compact, at + 1 + noise.int(0...3)))
      }
    }
    for (line, at) in duplicates.sorted(by: { $0.1 > $1.1 }) {
      lines.insert(line, at: min(at, lines.count))
      extra += 1
    }
    let streamPosition = RecordFile.plantPosition(lines.count)
    let streamFile = RecordFile.lines(
      lines, corrupt: (streamPosition, RecordFile.cutOff(lines[streamPosition]), .truncatedLine))
    streamDuplicates = Self.repeatedLines(streamFile.bytes)
    add(
      streamFile,
      "logs/gitlab/audit-events-stream.ndjson", .gitlabAuditStream,
      "Streaming audit event payloads as an HTTP destination collector saved them, one per line; "
        + "\(extra) payloads delivered twice (at-least-once delivery)", .line)

    // CSV export.
    var rows = stored.map { $0.csvFields.map(TextEscaping.csv).joined(separator: ",") }
    let csvPosition = RecordFile.plantPosition(rows.count)
    var broken = stored[csvPosition].csvFields
    broken[12] = RecordFile.impossibleDate(broken[12])
    rows.insert(broken.map(TextEscaping.csv).joined(separator: ","), at: csvPosition + 1)
    var csv = RecordFile()
    csv.append(AuditEventRecord.csvHeader.joined(separator: ",") + "\n")
    for (index, row) in rows.enumerated() {
      csv.appendRecord(
        row + "\n", malformed: index == csvPosition + 1 ? .impossibleTime("Created At (UTC)") : nil)
    }
    add(
      csv, "logs/gitlab/audit-events-export.csv", .gitlabAuditCSV,
      "Admin Area > Monitoring > Audit events > Export as CSV (13 columns, with Author Email)", .line)

    // audit_json.log.
    let auditLines = stored.map {
      $0.auditJSONLine(
        correlationID: correlationID(), loggedAt: $0.time.plus(milliseconds: random.int(1...9))
      ).compact
    }
    let auditPosition = RecordFile.plantPosition(auditLines.count)
    add(
      RecordFile.lines(
        auditLines,
        corrupt: (auditPosition, RecordFile.cutOff(auditLines[auditPosition]), .truncatedLine)),
      "logs/gitlab/audit_json.log", .gitlabAuditJSONLog, "gitlab-rails/audit_json.log", .line)
  }

  /// Lines that occur more than once, with the `id` they carry (each stream line starts with it).
  private static func repeatedLines(_ bytes: [UInt8]) -> [(id: String, lines: [Int])] {
    var seen: [String: [Int]] = [:]
    var order: [String] = []
    for (index, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n").enumerated() {
      let text = String(line)
      if seen[text] == nil { order.append(text) }
      seen[text, default: []].append(index + 1)
    }
    return order.compactMap { line in
      guard let lines = seen[line], lines.count > 1, line.hasPrefix("{\"id\":\"") else { return nil }
      return (String(line.dropFirst(7).prefix { $0 != "\"" }), lines)
    }
  }

  private mutating func correlationID() -> String {
    "01J" + random.string(23, from: "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
  }

  // MARK: GitLab request and application logs

  private mutating func renderGitLabLogs() {
    let logs: [([TimedRecord], String, FormatID, String)] = [
      (
        world.timeline.apiLog, "api_json.log", .gitlabAPILog,
        "gitlab-rails/api_json.log: SCIM calls from Okta and Entra, token-authenticated API use, CI runners"
      ),
      (
        world.timeline.applicationLog, "application_json.log", .gitlabApplicationLog,
        "gitlab-rails/application_json.log: sign-in lines and account messages"
      ),
      (
        world.timeline.productionLog, "production_json.log", .gitlabProductionLog,
        "gitlab-rails/production_json.log: web requests, including SCIM token regeneration"
      ),
    ]
    for (records, name, format, description) in logs {
      let lines = records.chronological().map(\.json.compact)
      let position = RecordFile.plantPosition(lines.count)
      add(
        RecordFile.lines(
          lines, corrupt: (position, RecordFile.cutOff(lines[position]), .truncatedLine)),
        "logs/gitlab/\(name)", format, description, .line)
    }
  }

  // MARK: GitLab state snapshots

  private mutating func renderSnapshots() {
    let states = [(world.startState, startStamp, startDate), (world.endState, endStamp, endDate)]
    for (state, stamp, date) in states {
      let users = state.accounts.sorted { $0.userID < $1.userID }.map { userJSON($0, in: state) }
      let junk: JSONText = .object([
        ("id", .null), ("username", .null), ("name", .null), ("state", .null), ("email", .null),
      ])
      add(
        RecordFile.jsonArray(
          users, prefix: "{\"exported_at\":\"\(stamp)\",\"users\":[\n", suffix: "\n]}\n",
          corrupt: (
            RecordFile.plantPosition(users.count), junk,
            PlantedProblem(reason: "no user id", description: "a user object whose fields are all null")
          )),
        "logs/gitlab/state/users-\(date).json", .gitlabUsers,
        "GET /api/v4/users (administrator, all pages) saved at \(stamp)", .record)
      for namespace in SampleNamespace.all {
        let members = state.memberships.filter { $0.namespace == namespace.path }.sorted {
          $0.userID < $1.userID
        }
        .compactMap { membership in
          state.account(membership.userID).map { memberJSON(membership, $0, in: state) }
        }
        let junkMember: JSONText = .object([("id", .null), ("username", .null), ("access_level", .null)])
        add(
          RecordFile.jsonArray(
            members,
            prefix: "{\"namespace\":\"\(namespace.path)\",\"exported_at\":\"\(stamp)\",\"members\":[\n",
            suffix: "\n]}\n",
            corrupt: members.isEmpty
              ? nil
              : (
                RecordFile.plantPosition(members.count), junkMember,
                PlantedProblem(reason: "no user id", description: "a member object whose fields are all null")
              )),
          "logs/gitlab/state/members-\(namespace.path.replacingSlashes())-\(date).json", .gitlabMembers,
          "GET /api/v4/groups/\(namespace.id)/members (direct members of \(namespace.path)) saved at \(stamp)",
          .record)
      }
    }
  }

  private func userJSON(_ account: SampleAccount, in state: GitLabState) -> JSONText {
    let host = world.organisation.systems.gitlabHost
    let creator = account.createdBy.flatMap { state.account($0) }
    var identities: [JSONText] = []
    if let externUID = account.externUID {
      identities.append(
        .object([
          ("provider", .string("saml")), ("extern_uid", .string(externUID)), ("saml_provider_id", .null),
        ]))
    }
    return .object([
      ("id", .int(account.userID)), ("username", .string(account.username)), ("name", .string(account.name)),
      ("state", .string(account.state)), ("locked", .bool(false)),
      ("avatar_url", .string("https://\(host)/uploads/-/system/user/avatar/\(account.userID)/avatar.png")),
      ("web_url", .string("https://\(host)/\(account.username)")),
      ("created_at", .string(TimeText.milliseconds(account.createdAt))), ("bio", .string("")),
      ("public_email", .null), ("job_title", .string("")),
      ("last_sign_in_at", account.lastSignIn.map { .string(TimeText.milliseconds($0)) } ?? .null),
      ("confirmed_at", .string(TimeText.milliseconds(account.createdAt.plus(seconds: 2)))),
      ("last_activity_on", account.lastActivity.map { .string(TimeText.date($0)) } ?? .null),
      ("email", .string(account.email)),
      ("current_sign_in_at", account.lastSignIn.map { .string(TimeText.milliseconds($0)) } ?? .null),
      ("identities", .array(identities)), ("can_create_group", .bool(true)),
      ("can_create_project", .bool(true)),
      ("two_factor_enabled", .bool(account.twoFactorEnabled)), ("external", .bool(false)),
      ("private_profile", .bool(false)), ("commit_email", .string(account.email)),
      ("is_admin", .bool(account.isAdmin)),
      ("note", .null),
      (
        "created_by",
        creator.map {
          .object([("id", .int($0.userID)), ("username", .string($0.username)), ("name", .string($0.name))])
        } ?? .null
      ),
      ("is_auditor", .bool(false)), ("using_license_seat", .bool(true)),
      ("provisioned_by_group_id", .null),
    ])
  }

  private func memberJSON(_ membership: SampleMembership, _ account: SampleAccount, in state: GitLabState)
    -> JSONText
  {
    let host = world.organisation.systems.gitlabHost
    let creator = membership.createdBy.flatMap { state.account($0) }
    return .object([
      ("id", .int(account.userID)), ("username", .string(account.username)), ("name", .string(account.name)),
      ("state", .string(account.state)),
      ("avatar_url", .string("https://\(host)/uploads/-/system/user/avatar/\(account.userID)/avatar.png")),
      ("web_url", .string("https://\(host)/\(account.username)")),
      ("access_level", .int(membership.role.rawValue)),
      ("created_at", .string(TimeText.milliseconds(membership.createdAt))),
      (
        "created_by",
        creator.map {
          .object([
            ("id", .int($0.userID)), ("username", .string($0.username)), ("name", .string($0.name)),
            ("state", .string($0.state)), ("web_url", .string("https://\(host)/\($0.username)")),
          ])
        } ?? .null
      ),
      ("expires_at", .null), ("membership_state", .string("active")),
    ])
  }

  // MARK: Identity providers

  private mutating func renderIdentityProviders() {
    let okta = world.timeline.okta.chronological().map(\.json)
    let oktaPosition = RecordFile.plantPosition(okta.count)
    add(
      RecordFile.jsonArray(
        okta, prefix: "[\n", suffix: "\n]\n",
        corrupt: (
          oktaPosition, corruptTime(okta[oktaPosition], key: "published"), .impossibleTime("published")
        )),
      "logs/okta/system-log.json", .oktaSystemLog,
      "GET /api/v1/logs (all pages concatenated into one array) for the quarter", .record)

    for (records, path, context, description, format) in [
      (
        world.timeline.entraProvisioning, "logs/entra/provisioning.json", "auditLogs/provisioning",
        "Globex: GET /v1.0/auditLogs/provisioning (GitLab app), Graph value[] page",
        FormatID.entraProvisioning
      ),
      (
        world.timeline.entraAudit, "logs/entra/directory-audits.json", "auditLogs/directoryAudits",
        "Globex: GET /v1.0/auditLogs/directoryAudits, Graph value[] page", FormatID.entraAudit
      ),
    ] {
      let values = records.chronological().map(\.json)
      let position = RecordFile.plantPosition(values.count)
      add(
        RecordFile.jsonArray(
          values,
          prefix:
            "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#\(context)\",\"value\":[\n",
          suffix: "\n]}\n",
          corrupt: (
            position, corruptTime(values[position], key: "activityDateTime"),
            .impossibleTime("activityDateTime")
          )),
        path, format, description, .record)
    }

    let google = world.timeline.google.chronological().map(\.json)
    let googlePosition = RecordFile.plantPosition(google.count)
    var googleVictim = google[googlePosition]
    if case .object(let fields) = googleVictim, let id = fields.first(where: { $0.0 == "id" })?.1 {
      googleVictim = googleVictim.setting("id", corruptTime(id, key: "time"))
    }
    add(
      RecordFile.jsonArray(
        google,
        prefix: "{\"kind\":\"admin#reports#activities\",\"etag\":\"\\\""
          + random.string(43, from: SampleRandom.base62)
          + "\\\"\",\"items\":[\n",
        suffix: "\n]}\n", corrupt: (googlePosition, googleVictim, .impossibleTime("time"))),
      "logs/google/admin-activities.json", .googleAdmin,
      "Design team: GET /admin/reports/v1/activity/users/all/applications/admin", .record)

    let har = world.timeline.har.chronological().map(\.json)
    let harPosition = RecordFile.plantPosition(har.count)
    add(
      RecordFile.jsonArray(
        har,
        prefix: "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"mitmproxy\",\"version\":\"10.3.0\"},"
          + "\"pages\":[],\"entries\":[\n",
        suffix: "\n]}}\n",
        corrupt: (
          harPosition, corruptTime(har[harPosition], key: "startedDateTime"),
          .impossibleTime("startedDateTime")
        )),
      "logs/scim/globex-scim-proxy.har", .scimHAR,
      "SCIM 2.0 traffic between Entra ID and GitLab's instance SCIM API captured by the reverse proxy, HAR 1.2",
      .record)
  }

  private func corruptTime(_ record: JSONText, key: String) -> JSONText {
    guard case .object(let fields) = record, let value = fields.first(where: { $0.0 == key })?.1,
      case .string(let text) = value
    else { return record }
    return record.setting(key, .string(RecordFile.impossibleDate(text)))
  }

  // MARK: XML

  private mutating func renderXML() {
    renderWindows()
    renderSCIM11()
    renderSPML()
  }

  private mutating func renderWindows() {
    var recordID = 9_800_000 + random.int(0...99_999)
    var lines: [String] = []
    for event in world.timeline.windows.sorted(by: { ($0.time, $0.sequence) < ($1.time, $1.sequence) }) {
      let ticks = Int64(random.int(0...9_999)) * 100  // Windows times have 100 ns resolution.
      let systemTime = TimeText.iso(
        Timestamp(nanosecondsSinceEpoch: event.time.nanosecondsSinceEpoch + ticks), digits: 9)
      lines.append(windowsXML(event, systemTime: systemTime, recordID: recordID))
      recordID += random.int(1...40)
    }
    let position = RecordFile.plantPosition(lines.count)
    let victim = world.timeline.windows.sorted(by: { ($0.time, $0.sequence) < ($1.time, $1.sequence) })[
      position]
    let corrupt = windowsXML(
      victim, systemTime: RecordFile.impossibleDate(TimeText.iso(victim.time, digits: 9)),
      recordID: recordID + 7)
    add(
      RecordFile.lines(lines, corrupt: (position, corrupt, .impossibleTime("SystemTime"))),
      "logs/windows/dc01-security.xml", .windowsSecurityXML,
      "wevtutil qe Security /f:xml on DC01 (account and group management, lockouts, failed logons): sibling "
        + "`<Event>` elements without a root", .line)
  }

  private func windowsXML(_ event: WindowsEventRecord, systemTime: String, recordID: Int) -> String {
    var xml = "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System>"
    xml +=
      "<Provider Name=\"Microsoft-Windows-Security-Auditing\" Guid=\"{54849625-5478-4994-A5BA-3E3B0328C30D}\"/>"
    xml += "<EventID>\(event.eventID)</EventID><Version>0</Version><Level>0</Level>"
    xml += "<Task>\(event.task)</Task><Opcode>0</Opcode>"
    xml += "<Keywords>\(event.failure ? "0x8010000000000000" : "0x8020000000000000")</Keywords>"
    xml +=
      "<TimeCreated SystemTime=\"\(systemTime)\"/><EventRecordID>\(recordID)</EventRecordID><Correlation/>"
    xml += "<Execution ProcessID=\"684\" ThreadID=\"\(2_000 + recordID % 900)\"/><Channel>Security</Channel>"
    xml += "<Computer>\(TextEscaping.xml(event.computer))</Computer><Security/></System><EventData>"
    for (name, value) in event.data {
      xml += "<Data Name=\"\(name)\">\(TextEscaping.xml(value))</Data>"
    }
    return xml + "</EventData></Event>"
  }

  private mutating func renderSCIM11() {
    let initech = world.organisation.people.filter { $0.source == .legacyIGA }
    for (state, stamp, date, atEnd) in [
      (world.startState, startStamp, startDate, false), (world.endState, endStamp, endDate, true),
    ] {
      var file = RecordFile()
      let present = initech.filter { state.account($0.gitlabUserID) != nil || ($0.isJoiner && atEnd) }
      let users = present.filter { !$0.isJoiner || atEnd }
      file.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
      file.append(
        "<Response xmlns=\"urn:scim:schemas:core:1.0\" xmlns:enterprise=\"urn:scim:schemas:extension:enterprise:1.0\">\n"
      )
      file.append(
        "  <totalResults>\(users.count + 2)</totalResults>\n  <itemsPerPage>\(users.count + 2)</itemsPerPage>\n"
      )
      file.append("  <startIndex>1</startIndex>\n  <Resources>\n")
      let position = RecordFile.plantPosition(users.count)
      for (index, person) in users.enumerated() {
        let active =
          !(atEnd && world.timeline.episodes.contains { $0.kind == "leaver" && $0.person == person.email })
        file.append("    ")
        file.appendRecord(scim11User(person, active: active, stamp: stamp) + "\n")
        if index == position {
          file.append("    ")
          file.appendRecord(
            "<Group><members><member><value>\(person.igaID ?? "")</value></member></members></Group>\n",
            malformed: PlantedProblem(
              reason: "neither a displayName nor an id",
              description: "a Group resource without id and displayName"))
        }
      }
      let members = users.filter { person in
        !(atEnd && world.timeline.episodes.contains { $0.kind == "leaver" && $0.person == person.email })
      }
      file.append("    ")
      file.appendRecord(
        "<Group><id>grp-gitlab-initech</id><displayName>GitLab-Initech</displayName><members>"
          + members.map {
            "<member><value>\($0.igaID ?? "")</value><display>\(TextEscaping.xml($0.username))</display></member>"
          }.joined() + "</members><meta><lastModified>\(stamp)</lastModified></meta></Group>\n")
      file.append("  </Resources>\n</Response>\n")
      add(
        file, "logs/initech/scim11-users-\(date).xml", .scimV1XML,
        "Initech IGA: SCIM 1.1 XML export of users and the GitLab group at \(stamp)", .line)
    }
  }

  private func scim11User(_ person: SamplePerson, active: Bool, stamp: String) -> String {
    func element(_ name: String, _ text: String) -> String {
      "<\(name)>\(TextEscaping.xml(text))</\(name)>"
    }
    let created = TimeText.iso(person.accountCreatedAt.plus(seconds: -86_400), digits: 0)
    let version = SampleRandom.hex(UInt64(person.index * 7_919 + 104_729), 6)
    var xml = "<User>" + element("id", person.igaID ?? "") + element("userName", person.username)
    xml += "<name>" + element("formatted", person.displayName) + element("familyName", person.familyName)
    xml += element("givenName", person.givenName) + "</name>" + element("displayName", person.displayName)
    xml += element("active", String(active)) + "<emails><email>" + element("value", person.email)
    xml += "<type>work</type><primary>true</primary></email></emails>"
    if active {
      xml += "<groups><group><value>grp-gitlab-initech</value><display>GitLab-Initech</display></group></groups>"
    }
    xml += "<enterprise:employeeNumber>\(person.employeeNumber)</enterprise:employeeNumber>"
    xml += "<meta><created>\(created)</created><lastModified>\(active ? created : stamp)</lastModified>"
    return xml + "<version>W/&quot;\(version)&quot;</version></meta></User>"
  }

  private mutating func renderSPML() {
    let lines = world.timeline.spml.chronological().map(\.text)
    let position = RecordFile.plantPosition(lines.count)
    let created = world.timeline.spml.chronological()[position].time
    let corrupt =
      "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
      + "xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\" "
      + "xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
      + "<soap:Header><wsse:Security><wsu:Timestamp><wsu:Created>\(TimeText.milliseconds(created))</wsu:Created>"
      + "</wsu:Timestamp></wsse:Security></soap:Header><soap:Body>"
      + "<spml:modifyRequest xmlns:spml=\"urn:oasis:names:tc:SPML:2:0\" xmlns:dsml=\"urn:oasis:names:tc:DSML:2:0:core\" "
      + "requestID=\"req-corrupt-0001\" executionMode=\"synchronous\"><spml:modification modificationMode=\"replace\">"
      + "<spml:data><dsml:attr name=\"title\"><dsml:value>Analyst</dsml:value></dsml:attr></spml:data>"
      + "</spml:modification></spml:modifyRequest></soap:Body></soap:Envelope>"
    add(
      RecordFile.lines(
        lines,
        corrupt: (
          position, corrupt, PlantedProblem(reason: "psoID", description: "a modifyRequest without a psoID")
        )),
      "logs/initech/spml-audit.xml", .spmlXML,
      "Initech IGA: SPML 2.0 requests and responses to its directory, as SOAP envelopes one per line", .line)
  }
}

extension String {
  /// The path with `/` replaced by `-`, for file names.
  func replacingSlashes() -> String { String(map { $0 == "/" ? "-" : $0 }) }
}
