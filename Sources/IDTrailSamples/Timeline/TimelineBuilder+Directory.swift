import IDTrailModel

/// The directory end: Windows Security events from Acme's domain controller, SPML from Initech's
/// IGA, and Google Workspace admin activity for the design team.
extension TimelineBuilder {
  // MARK: Windows Security

  /// Adds a Windows Security event from DC01.
  mutating func windows(
    _ time: Timestamp, _ eventID: Int, task: Int, failure: Bool = false, _ data: [(String, String)]
  ) {
    timeline.windows.append(
      WindowsEventRecord(
        time: time, sequence: timeline.nextSequence(), eventID: eventID, task: task, failure: failure,
        computer: organisation.systems.domainControllers[0], data: data))
  }

  /// The subject fields of a change the HR sync service account makes.
  private mutating func hrSyncSubject() -> [(String, String)] {
    [
      ("SubjectUserSid", organisation.systems.hrSyncSID), ("SubjectUserName", "svc-hrsync"),
      ("SubjectDomainName", organisation.systems.adDomain),
      ("SubjectLogonId", "0x" + SampleRandom.hex(UInt64(random.int(0x100000...0xffffff)), 6)),
    ]
  }

  private mutating func helpdeskSubject() -> [(String, String)] {
    [
      ("SubjectUserSid", organisation.systems.helpdeskSID), ("SubjectUserName", "helpdesk.ops"),
      ("SubjectDomainName", organisation.systems.adDomain),
      ("SubjectLogonId", "0x" + SampleRandom.hex(UInt64(random.int(0x100000...0xffffff)), 6)),
    ]
  }

  private func target(_ person: SamplePerson) -> [(String, String)] {
    [
      ("TargetUserName", person.adAccount ?? person.username),
      ("TargetDomainName", organisation.systems.adDomain),
      ("TargetSid", person.adSID ?? "-"),
    ]
  }

  static func distinguishedName(_ person: SamplePerson) -> String {
    "CN=\(person.displayName),OU=Staff,DC=corp,DC=acme,DC=example"
  }

  /// The SID of an Active Directory group (fixed relative ids from 5120).
  func groupSID(_ group: String) -> String {
    let groups = ["GitLab-Users"] + Team.allCases.map(\.directoryGroup)
    return organisation.systems.adDomainSID + "-" + String(5120 + (groups.firstIndex(of: group) ?? 0))
  }

  /// The account attribute fields of 4720 and 4738 (`-` where unchanged).
  private func accountFields(
    _ person: SamplePerson, created: Bool, oldUAC: String, newUAC: String, uac: String
  ) -> [(String, String)] {
    [
      ("PrivilegeList", "-"), ("SamAccountName", created ? person.adAccount ?? "-" : "-"),
      ("DisplayName", created ? person.displayName : "-"),
      ("UserPrincipalName", created ? person.email : "-"), ("HomeDirectory", "-"), ("HomePath", "-"),
      ("ScriptPath", "-"), ("ProfilePath", "-"), ("UserWorkstations", "-"),
      ("PasswordLastSet", created ? "%%1794" : "-"), ("AccountExpires", created ? "%%1794" : "-"),
      ("PrimaryGroupId", created ? "513" : "-"), ("AllowedToDelegateTo", "-"), ("OldUacValue", oldUAC),
      ("NewUacValue", newUAC), ("UserAccountControl", uac), ("UserParameters", "-"), ("SidHistory", "-"),
      ("LogonHours", created ? "%%1797" : "-"),
    ]
  }

  /// An account disabled in Active Directory: 4725, the 4738 that goes with it, and the removal
  /// from its GitLab groups.
  mutating func adDisable(_ time: Timestamp, _ person: SamplePerson) {
    let subject = hrSyncSubject()
    windows(time, 4725, task: 13824, target(person) + subject)
    windows(
      time.plus(milliseconds: random.int(3...40)), 4738, task: 13824,
      [("Dummy", "-")] + target(person) + subject
        + accountFields(person, created: false, oldUAC: "0x10", newUAC: "0x11", uac: "%%2080"))
    var offset = random.int(400...1_500)
    for group in ["GitLab-Users", person.team.directoryGroup] {
      adGroupChange(time.plus(milliseconds: offset), person, group: group, added: false, subject: subject)
      offset += random.int(30...400)
    }
  }

  /// A new account: 4720 (created disabled), 4722 (enabled), 4738, and its GitLab groups.
  mutating func adCreate(_ time: Timestamp, _ person: SamplePerson) {
    let subject = hrSyncSubject()
    windows(
      time, 4720, task: 13824,
      target(person) + subject
        + accountFields(person, created: true, oldUAC: "0x0", newUAC: "0x15", uac: "%%2080 %%2082 %%2084"))
    windows(time.plus(milliseconds: random.int(20...90)), 4722, task: 13824, target(person) + subject)
    windows(
      time.plus(milliseconds: random.int(100...200)), 4738, task: 13824,
      [("Dummy", "-")] + target(person) + subject
        + accountFields(person, created: false, oldUAC: "0x15", newUAC: "0x10", uac: "%%2048 %%2050"))
    var offset = random.int(900...2_500)
    for group in ["GitLab-Users", person.team.directoryGroup] {
      adGroupChange(time.plus(milliseconds: offset), person, group: group, added: true, subject: subject)
      offset += random.int(30...400)
    }
  }

  /// 4728 / 4729: a member added to or removed from a security-enabled global group.
  mutating func adGroupChange(
    _ time: Timestamp, _ person: SamplePerson, group: String, added: Bool, subject: [(String, String)]? = nil
  ) {
    let by = subject ?? hrSyncSubject()
    windows(
      time, added ? 4728 : 4729, task: 13826,
      [
        ("MemberName", Self.distinguishedName(person)), ("MemberSid", person.adSID ?? "-"),
        ("TargetUserName", group), ("TargetDomainName", organisation.systems.adDomain),
        ("TargetSid", groupSID(group)),
      ] + by + [("PrivilegeList", "-")])
  }

  /// Background directory noise: lockouts and unlocks (30%), password resets (20%), failed logons.
  ///
  /// With `lockoutOrFailure`, never a password reset (the event decoders skip).
  mutating func adNoise(_ time: Timestamp, _ person: SamplePerson, lockoutOrFailure: Bool = false) {
    var kind = random.below(10)
    if lockoutOrFailure && (3..<5).contains(kind) { kind = 9 }
    switch kind {
    case 0..<3:
      windows(
        time, 4740, task: 13824,
        [
          ("TargetUserName", person.adAccount ?? person.username),
          ("TargetDomainName", "WS-" + String(random.int(1000...1999))), ("TargetSid", person.adSID ?? "-"),
          ("SubjectUserSid", "S-1-5-18"), ("SubjectUserName", "DC01$"),
          ("SubjectDomainName", organisation.systems.adDomain), ("SubjectLogonId", "0x3e7"),
        ])
      windows(
        time.plus(seconds: random.int(300...2_400)), 4767, task: 13824, target(person) + helpdeskSubject())
    case 3..<5:
      windows(time, 4724, task: 13824, target(person) + helpdeskSubject())
    default:
      windows(
        time, 4625, task: 12544, failure: true,
        [
          ("SubjectUserSid", "S-1-0-0"), ("SubjectUserName", "-"), ("SubjectDomainName", "-"),
          ("SubjectLogonId", "0x0"), ("TargetUserSid", "S-1-0-0"),
          ("TargetUserName", person.adAccount ?? person.username),
          ("TargetDomainName", organisation.systems.adDomain), ("Status", "0xc000006d"),
          ("FailureReason", "%%2313"), ("SubStatus", "0xc000006a"), ("LogonType", "3"),
          ("LogonProcessName", "NtLmSsp "), ("AuthenticationPackageName", "NTLM"),
          ("WorkstationName", "WS-" + String(random.int(1000...1999))), ("TransmittedServices", "-"),
          ("LmPackageName", "-"), ("KeyLength", "0"), ("ProcessId", "0x0"), ("ProcessName", "-"),
          ("IpAddress", person.officeIP), ("IpPort", String(random.int(49_152...65_000))),
        ])
    }
  }

  // MARK: SPML (Initech's IGA)

  /// One SPML request and its response, each wrapped in the SOAP envelope the IGA's audit capture
  /// keeps (with a WS-Security timestamp, since SPML itself carries no time).
  mutating func spmlExchange(
    _ time: Timestamp, operation: String, person: SamplePerson, body: String, status: String = "success",
    error: (code: String, message: String)? = nil
  ) {
    let stamp = TimeText.iso(time, digits: 0).replacingDashesAndColons()
    let requestID = "req-\(stamp)-" + TimeText.pad(random.int(1...9_999), 4)
    let pso = "<spml:psoID ID=\"\(TextEscaping.xml(person.email))\" targetID=\"initech-directory\"/>"
    let request =
      "<spml:\(operation)Request xmlns:spml=\"urn:oasis:names:tc:SPML:2:0\" "
      + "xmlns:dsml=\"urn:oasis:names:tc:DSML:2:0:core\" requestID=\"\(requestID)\" "
      + "executionMode=\"synchronous\"\(operation == "add" ? " targetID=\"initech-directory\"" : "")>"
      + (operation == "add" ? "" : pso) + body + "</spml:\(operation)Request>"
    let answered = time.plus(milliseconds: random.int(80...900))
    var response =
      "<spml:\(operation)Response xmlns:spml=\"urn:oasis:names:tc:SPML:2:0\" requestID=\"\(requestID)\" "
      + "status=\"\(status)\""
    if let error {
      response +=
        " error=\"\(error.code)\"><spml:errorMessage>\(TextEscaping.xml(error.message))"
        + "</spml:errorMessage></spml:\(operation)Response>"
    } else if operation == "add" {
      response += "><spml:pso>\(pso)</spml:pso></spml:addResponse>"
    } else {
      response += "/>"
    }
    timeline.spml.append(
      TimedText(time: time, sequence: timeline.nextSequence(), text: Self.soap(time, request)))
    timeline.spml.append(
      TimedText(time: answered, sequence: timeline.nextSequence(), text: Self.soap(answered, response)))
  }

  private static func soap(_ time: Timestamp, _ body: String) -> String {
    "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
      + "xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\" "
      + "xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
      + "<soap:Header><wsse:Security><wsu:Timestamp><wsu:Created>\(TimeText.milliseconds(time))</wsu:Created>"
      + "</wsu:Timestamp></wsse:Security></soap:Header><soap:Body>\(body)</soap:Body></soap:Envelope>"
  }

  static func dsml(_ attributes: [(String, String)]) -> String {
    "<spml:data>"
      + attributes.map {
        "<dsml:attr name=\"\($0.0)\"><dsml:value>\(TextEscaping.xml($0.1))</dsml:value></dsml:attr>"
      }
      .joined() + "</spml:data>"
  }

  /// The IGA creating an Initech account in its directory.
  mutating func spmlAdd(_ time: Timestamp, _ person: SamplePerson) {
    let body =
      "<spml:psoID ID=\"\(TextEscaping.xml(person.email))\" targetID=\"initech-directory\"/>"
      + Self.dsml([
        ("objectClass", "user"), ("sAMAccountName", person.username), ("mail", person.email),
        ("userPrincipalName", person.email), ("givenName", person.givenName), ("sn", person.familyName),
        ("displayName", person.displayName), ("employeeNumber", person.employeeNumber),
        ("memberOf", "CN=GitLab-Initech,OU=Groups,DC=initech,DC=example"),
      ])
    spmlExchange(time, operation: "add", person: person, body: body)
  }

  /// The IGA disabling an Initech account (replace `userAccountControl` with 514, disabled).
  mutating func spmlDisable(_ time: Timestamp, _ person: SamplePerson) {
    let body =
      "<spml:modification modificationMode=\"replace\">" + Self.dsml([("userAccountControl", "514")])
      + "</spml:modification>"
    spmlExchange(time, operation: "modify", person: person, body: body)
  }

  /// The IGA changing an attribute of an Initech account (title, phone): background noise.
  mutating func spmlUpdate(_ time: Timestamp, _ person: SamplePerson) {
    let (name, value) = random.pick([
      ("title", random.pick(["Analyst", "Senior Analyst", "Developer", "Team Lead"])),
      ("telephoneNumber", "+31 20 555 " + TimeText.pad(random.int(0...9_999), 4)),
      ("department", random.pick(["ERP", "Finance IT", "Operations"])),
    ])
    let body =
      "<spml:modification modificationMode=\"replace\">" + Self.dsml([(name, value)]) + "</spml:modification>"
    spmlExchange(time, operation: "modify", person: person, body: body)
  }

  // MARK: Google Workspace (the design team)

  /// One admin activity (`applicationName=admin`) by the Acme Google administrator.
  mutating func googleAdmin(
    _ time: Timestamp, type: String, name: String, parameters: [(String, String)], by admin: SamplePerson
  ) {
    let qualifier =
      (random.chance(permille: 500) ? "-" : "") + String(random.int(100_000_000...999_999_999))
      + TimeText.pad(random.int(0...999_999_999), 9)
    let activity: JSONText = .object([
      ("kind", .string("admin#reports#activity")),
      (
        "id",
        .object([
          ("time", .string(TimeText.milliseconds(time))), ("uniqueQualifier", .string(qualifier)),
          ("applicationName", .string("admin")),
          ("customerId", .string(organisation.systems.googleCustomerID)),
        ])
      ),
      ("etag", .string("\"" + random.string(43, from: SampleRandom.base62 + "-_") + "\"")),
      (
        "actor",
        .object([
          ("callerType", .string("USER")), ("email", .string(admin.email)),
          ("profileId", .string(organisation.systems.googleAdminProfileID)),
        ])
      ),
      ("ipAddress", .string(admin.officeIP)), ("ownerDomain", .string("acme.example")),
      (
        "events",
        .array([
          .object([
            ("type", .string(type)), ("name", .string(name)),
            (
              "parameters",
              .array(parameters.map { .object([("name", .string($0.0)), ("value", .string($0.1))]) })
            ),
          ])
        ])
      ),
    ])
    timeline.google.append(TimedRecord(time: time, sequence: timeline.nextSequence(), json: activity))
  }
}

extension String {
  /// The string without `-` and `:` (compact ISO stamps inside request ids).
  func replacingDashesAndColons() -> String { String(filter { $0 != "-" && $0 != ":" }) }
}
