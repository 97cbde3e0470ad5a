import Foundation
import IDTrailAnalysis
import IDTrailModel
import Testing

@Suite struct PolicyTests {
  @Test func defaultsAreTheDocumentedOnes() throws {
    let policy = Policy.default
    #expect(policy.leaverSLA == LeaverSLA(hours: 24))
    #expect(policy.clockSkewSeconds == 300)
    #expect(policy.matchingWindows.leaverHours == 720)
    #expect(policy.matchingWindows.joinerHours == 720)
    #expect(policy.matchingWindows.moverHours == 72)
    #expect(policy.matchingWindows.upstreamCauseHours == 24)
    #expect(policy.privilegedRoles == ["Owner", "admin"])
    #expect(policy.identifierMappings.map(\.name) == ["scim-external-id-is-gitlab-extern-uid"])
    #expect(policy.serviceAccounts.isEmpty && policy.breakGlassAccounts.isEmpty)
    #expect(policy.organisationNamespaces.isEmpty)
    #expect(policy.gitlabApplications == ["GitLab"])
    #expect(policy.accessGroups == ["GitLab"])
    #expect(policy.offboardingGraceHours == 0)
  }

  @Test func theDefaultFileParsesToTheDefaults() throws {
    #expect(try Policy.parse(yaml: Policy.defaultYAML) == Policy.default)
    #expect(try Policy.parse(yaml: "") == Policy.default)
    #expect(try Policy.parse(yaml: "# nothing but a comment\n") == Policy.default)
    #expect(try Policy.parse(yaml: "privilegedRoles:\nserviceAccounts: ~\n") == Policy.default)
  }

  @Test func parsesEveryKey() throws {
    let policy = try Policy.parse(
      yaml: """
        leaverSLA:
          businessDays: 2
          weekendDays: [friday, Saturday]
          holidays: ['2026-12-25', 2026-12-24]
          timeZone: Asia/Jerusalem
        matchingWindows: {leaverHours: 168, joinerHours: 48, moverHours: 12, upstreamCauseHours: 6}
        clockSkewSeconds: 30
        identifierMappings:
          - name: ad-account-to-email
            from: ad.account
            match: 'CORP\\{name}'
            to: email
            value: '{name}@example.com'
        serviceAccounts: ['gitlab.username:ci-bot', svc-deploy@example.com]
        breakGlassAccounts: ['gitlab.username:breakglass']
        privilegedRoles: [Owner, Maintainer, admin]
        organisationNamespaces: [/example-org/, example-labs/platform]
        gitlabApplications: [GitLab SAML]
        accessGroups: []
        offboardingGraceHours: 4
        """, file: "policy.yml")
    #expect(
      policy.leaverSLA
        == LeaverSLA(
          businessDays: 2, weekendDays: [.friday, .saturday],
          holidays: [CalendarDate(parsing: "2026-12-24"), CalendarDate(parsing: "2026-12-25")].compactMap {
            $0
          },
          timeZone: "Asia/Jerusalem"))
    #expect(policy.matchingWindows.leaverHours == 168)
    #expect(policy.matchingWindows.upstreamCauseHours == 6)
    #expect(policy.clockSkewSeconds == 30)
    #expect(policy.identifierMappings.map(\.name) == ["ad-account-to-email"])
    #expect(
      policy.serviceAccounts == [
        IdentifierQuery(kind: .gitlabUsername, value: "ci-bot"),
        IdentifierQuery(kind: nil, value: "svc-deploy@example.com"),
      ])
    #expect(policy.breakGlassAccounts == [IdentifierQuery(kind: .gitlabUsername, value: "breakglass")])
    #expect(policy.privilegedRoles == ["Owner", "Maintainer", "admin"])
    #expect(policy.organisationNamespaces == ["example-org", "example-labs/platform"])
    #expect(policy.isOrganisationNamespace("Example-Org/app"))
    #expect(!policy.isOrganisationNamespace("example-orgs/app"))
    #expect(!policy.isOrganisationNamespace("example-labs"))
    #expect(policy.isAccessGroup(Resource(kind: .idpGroup, name: "Anything")))
    #expect(policy.isGitLabApplication(Resource(kind: .idpApplication, name: "Corp GitLab SAML (prod)")))
    #expect(!policy.isGitLabApplication(Resource(kind: .idpApplication, name: "GitLab")))
    #expect(policy.offboardingGraceHours == 4)
    #expect(policy.isPrivileged(role: "maintainer"))
  }

  @Test func mappingRulesDeriveIdentifiers() throws {
    let rule = try IdentifierMappingRule(
      name: "ad", from: .adAccount, match: "CORP\\{name}", to: .email, value: "{name}@example.com")
    #expect(
      rule.derive(from: try ScenarioLog.id(.adAccount, "CORP\\ALee"))
        == (try ScenarioLog.id(.email, "alee@example.com")))
    #expect(rule.derive(from: try ScenarioLog.id(.adAccount, "OTHER\\alee")) == nil)
    #expect(rule.derive(from: try ScenarioLog.id(.email, "corp\\alee")) == nil)
    let split = try IdentifierMappingRule(
      name: "split", from: .upn, match: "{first}.{last}@corp.example.com", to: .gitlabUsername,
      value: "{first}{last}")
    #expect(
      split.derive(from: try ScenarioLog.id(.upn, "Ann.Lee@corp.example.com"))
        == (try ScenarioLog.id(.gitlabUsername, "annlee")))
    #expect(split.derive(from: try ScenarioLog.id(.upn, "ann@corp.example.com")) == nil)
    #expect(throws: IdentifierMappingRule.PatternError.self) {
      try IdentifierMappingRule(name: "x", from: .email, match: "{a}{b}", to: .email, value: "{a}")
    }
  }

  @Test func hourDeadlines() {
    let sla = LeaverSLA(hours: 24)
    #expect(
      sla.deadline(after: ScenarioLog.time("2026-03-06T17:00:00Z"))
        == ScenarioLog.time("2026-03-07T17:00:00Z"))
    #expect(sla.description == "24 hours")
  }

  @Test(arguments: [
    // Friday 17:00 in Berlin (16:00Z) → Monday 17:00 Berlin.
    ("2026-03-06T16:00:00Z", 1, "2026-03-09T16:00:00Z"),
    // Saturday: the clock starts Monday 00:00 Berlin; one business day → Tuesday 00:00 Berlin.
    ("2026-03-07T10:00:00Z", 1, "2026-03-09T23:00:00Z"),
    // Thursday 2026-12-24 09:00 Berlin, with the 24th to 26th as holidays → Monday 28th 09:00.
    ("2026-12-23T08:00:00Z", 1, "2026-12-28T08:00:00Z"),
    // Across the spring change to summer time: Friday 27 March 10:00 CET → Monday 10:00 CEST.
    ("2026-03-27T09:00:00Z", 1, "2026-03-30T08:00:00Z"),
    ("2026-03-27T09:00:00Z", 3, "2026-04-01T08:00:00Z"),
  ])
  func businessDayDeadlines(start: String, days: Int, expected: String) {
    let holidays = ["2026-12-24", "2026-12-25", "2026-12-26"].compactMap(CalendarDate.init(parsing:))
    let sla = LeaverSLA(businessDays: days, holidays: holidays, timeZone: "Europe/Berlin")
    #expect(sla.deadline(after: ScenarioLog.time(start)).rfc3339 == expected)
  }

  @Test func thursdayDeadlineSkipsHolidays() {
    // Wednesday 23 December 09:00 Berlin + 1 business day: Thursday the 24th is a holiday, so Monday.
    let sla = LeaverSLA(
      businessDays: 1, holidays: ["2026-12-24", "2026-12-25"].compactMap(CalendarDate.init(parsing:)),
      timeZone: "Europe/Berlin")
    #expect(sla.deadline(after: ScenarioLog.time("2026-12-23T08:00:00Z")).rfc3339 == "2026-12-28T08:00:00Z")
    #expect(sla.description == "1 business day in Europe/Berlin, weekend saturday and sunday, 2 holidays")
  }

  @Test func lateStatusUsesTheBusinessDaySLA() throws {
    var log = ScenarioLog()
    log.onboard(ScenarioLog.ann, ids: 100)
    // Friday 17:00 Berlin; the effect on Monday 10:00 Berlin is 65 hours later but within one business day.
    log.okta(
      .accountDisable, "2026-03-06T16:00:00Z", raw: "user.lifecycle.deactivate", ScenarioLog.ann, uuid: "d1")
    log.scim(.deactivate, "2026-03-09T09:00:00Z", ScenarioLog.ann, status: 204, correlationID: "patch-1")
    log.gitlab(
      .membershipRemove, "2026-03-09T09:00:01Z", raw: "member_destroyed", ScenarioLog.ann, id: 200,
      by: .system)
    var policy = ScenarioLog.policy
    policy.leaverSLA = LeaverSLA(businessDays: 1, timeZone: "Europe/Berlin")
    let leaver = try #require(Analysis(events: log.events, policy: policy).correlation.episodes.last)
    #expect(leaver.kind == .leaver)
    #expect(leaver.deadline?.rfc3339 == "2026-03-09T16:00:00Z")
    #expect(leaver.status == .complete)
    #expect(leaver.latencySeconds.endToEnd == 234_001)
    policy.leaverSLA = LeaverSLA(hours: 24)
    #expect(Analysis(events: log.events, policy: policy).correlation.episodes.last?.status == .late)
  }

  @Test(arguments: [
    (
      "leaverSla:\n  hours: 24\n",
      "policy.yml:1:1: unknown key 'leaverSla' at the top level; valid keys: leaverSLA, matchingWindows, "
        + "clockSkewSeconds, identifierMappings, serviceAccounts, breakGlassAccounts, privilegedRoles, "
        + "organisationNamespaces, gitlabApplications, accessGroups, offboardingGraceHours, leaverGraceHours, "
        + "impersonationMaxMinutes, scimTokenRotationDays, staleTokenToleranceHours, coverageGapLimitHours"
    ),
    (
      "leaverSLA:\n  hour: 24\n",
      "policy.yml:2:3: unknown key 'hour' in leaverSLA; valid keys: hours, businessDays, weekendDays, holidays, timeZone"
    ),
    (
      "leaverSLA:\n  hours: soon\n",
      "policy.yml:2:10: leaverSLA.hours must be a number of hours greater than 0, such as 24"
    ),
    (
      "leaverSLA:\n  hours: -3\n",
      "policy.yml:2:10: leaverSLA.hours '-3' is not valid; expected a number of hours greater than 0, such as 24"
    ),
    (
      "leaverSLA:\n  hours: 24\n  businessDays: 1\n",
      "policy.yml:2:3: leaverSLA: give either 'hours' or 'businessDays', not both"
    ),
    (
      "leaverSLA:\n  hours: 24\n  timeZone: UTC\n",
      "policy.yml:3:3: leaverSLA: 'timeZone' only applies with 'businessDays'; with 'hours' the SLA is counted in plain hours"
    ),
    (
      "leaverSLA:\n  timeZone: UTC\n",
      "policy.yml:2:3: leaverSLA needs the key 'hours', such as 'hours: 24' (or 'businessDays: 1')"
    ),
    (
      "leaverSLA:\n  businessDays: 1\n  weekendDays: [saturday, sonday]\n",
      "policy.yml:3:27: leaverSLA.weekendDays[1] 'sonday' is not valid; expected a day name: sunday, monday, "
        + "tuesday, wednesday, thursday, friday, saturday"
    ),
    (
      "leaverSLA:\n  businessDays: 1\n  holidays: [2026-02-30]\n",
      "policy.yml:3:14: leaverSLA.holidays[0] '2026-02-30' is not valid; expected a date written YYYY-MM-DD, such as 2026-12-25"
    ),
    (
      "leaverSLA:\n  businessDays: 1\n  timeZone: Mars/Olympus\n",
      "policy.yml:3:13: leaverSLA.timeZone 'Mars/Olympus' is not valid; expected an IANA time zone name such as "
        + "Europe/Berlin, America/New_York or UTC"
    ),
    (
      "leaverSLA:\n  businessDays: 1.5\n",
      "policy.yml:2:17: leaverSLA.businessDays must be a whole number of business days from 1 to 366, such as 1"
    ),
    (
      "clockSkewSeconds: [300]\n",
      "policy.yml:1:19: clockSkewSeconds must be a number of seconds from 0 to 86400, such as 300"
    ),
    (
      "clockSkewSeconds: 90000\n",
      "policy.yml:1:19: clockSkewSeconds '90000' is not valid; expected a number of seconds from 0 to 86400, such as 300"
    ),
    (
      "privilegedRoles: Owner\n",
      "policy.yml:1:18: privilegedRoles must be a list, such as [Owner, admin]"
    ),
    (
      "identifierMappings:\n  - name: x\n    from: ad.acount\n    match: '{n}'\n    to: email\n    value: '{n}'\n",
      "policy.yml:3:11: identifierMappings[0].from 'ad.acount' is not valid; expected an identifier kind: email, "
        + "gitlab.user_id, gitlab.username, gitlab.extern_uid, scim.external_id, okta.user_id, entra.object_id, upn, "
        + "google.email, ad.sid, ad.account"
    ),
    (
      "identifierMappings:\n  - name: x\n    from: ad.account\n    match: 'CORP\\{name}'\n    to: email\n",
      "policy.yml:2:5: identifierMappings[0] needs the key 'value', such as '{name}@example.com'"
    ),
    (
      "identifierMappings:\n  - name: x\n    from: ad.account\n    match: 'CORP\\{name}'\n    to: email\n    value: '{user}@x'\n",
      "policy.yml:6:12: identifierMappings[0].value '{user}@x' is not valid; expected a pattern with {placeholders}: "
        + "'{user}' is not in match 'CORP\\{name}'; use one of: {name}"
    ),
    (
      "identifierMappings:\n  - name: x\n    from: ad.account\n    match: 'CORP\\{name}'\n    to: display_name\n    value: '{name}'\n",
      "policy.yml:5:9: identifierMappings[0].to 'display_name' is not valid; expected an identifier kind other than "
        + "display_name (display names never join people)"
    ),
    (
      "matchingWindows:\n  leaverHours: 0\n",
      "policy.yml:2:16: matchingWindows.leaverHours '0' is not valid; expected a number of hours greater than 0, such as 72"
    ),
    (
      "leaverSLA: {hours: 24\n",
      "policy.yml:2:1: not valid YAML: while parsing a flow mapping did not find expected ',' or '}'"
    ),
    (
      "- just\n- a list\n",
      "policy.yml:1:1: the policy must be a mapping of keys (leaverSLA, matchingWindows, clockSkewSeconds, "
        + "identifierMappings, serviceAccounts, breakGlassAccounts, privilegedRoles, organisationNamespaces, "
        + "gitlabApplications, accessGroups, offboardingGraceHours, leaverGraceHours, impersonationMaxMinutes, "
        + "scimTokenRotationDays, staleTokenToleranceHours, coverageGapLimitHours)"
    ),
  ])
  func errorsSayWhereWhatAndWhatIsValid(yaml: String, message: String) {
    do {
      _ = try Policy.parse(yaml: yaml, file: "policy.yml")
      Issue.record("parsed without an error")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func loadReadsAFileAndNamesAMissingOne() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "idtrail-policy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("policy.yml")
    try "clockSkewSeconds: 60\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(try Policy.load(path: file.path).clockSkewSeconds == 60)

    let missing = folder.appendingPathComponent("missing.yml").path
    #expect(throws: PolicyError.self) { try Policy.load(path: missing) }
    do {
      _ = try Policy.load(path: missing)
    } catch {
      #expect(
        error.description
          == "cannot read the policy file '\(missing)': no such file; give a readable YAML file, or "
          + "leave out --policy to use the defaults ('idtrail policy --print-default' shows them)")
    }
  }

  @Test func appliedPolicyEncodesAsJSON() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var policy = Policy.default
    policy.leaverSLA = LeaverSLA(businessDays: 2, timeZone: "Europe/Berlin")
    let json = String(decoding: try encoder.encode(policy.leaverSLA), as: UTF8.self)
    #expect(
      json
        == #"{"businessDays":2,"holidays":[],"timeZone":"Europe\/Berlin","weekendDays":["saturday","sunday"]}"#
    )
    let decoded = try JSONDecoder().decode(Policy.self, from: try encoder.encode(policy))
    #expect(decoded == policy)
  }

  @Test func summaryListsThePolicyAsApplied() {
    let summary = Policy.default.summary
    #expect(summary["leaverSLA"] == "24 hours")
    #expect(summary["clockSkewSeconds"] == "300")
    #expect(summary["matchingWindows.moverHours"] == "72")
    #expect(summary["privilegedRoles"] == "Owner, admin")
    #expect(summary["serviceAccounts"] == "")
    #expect(
      summary["identifierMappings"]
        == "scim-external-id-is-gitlab-extern-uid: scim.external_id '{id}' -> gitlab.extern_uid '{id}'")
    #expect(summary.count == 19)
    #expect(Policy.default.leaverSLA.fixedSeconds == 86_400)
    #expect(LeaverSLA(businessDays: 1).fixedSeconds == nil)
  }
}
