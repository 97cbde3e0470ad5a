import Foundation
import IDTrailModel

/// What `idtrail samples --scale` wrote.
public struct ScaleReport: Sendable {
  public var events: Int
  public var bytes: Int
  public var files: [ScaleFile]
}

/// One file of a scale run.
public struct ScaleFile: Sendable {
  public var path: String
  public var format: String
  public var events: Int
  public var bytes: Int
}

/// `idtrail samples --scale N`: N events for benchmarks, streamed to disk in constant memory —
/// GitLab streaming audit NDJSON (60%: git operations, merge requests, sign-ins and 1% role
/// changes), an Okta System Log array (25%) and Windows Security XML (15%), each in time order over
/// the period, for a population that grows with N.
///
/// Records are written straight into a 1 MiB buffer from precomputed fragments; nothing grows with
/// N. The files carry no planted incidents and no malformed records.
public enum ScaleGenerator {
  public static func generate(_ configuration: SampleConfiguration, events: Int, into folder: String) throws
    -> ScaleReport
  {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var random = SampleRandom(seed: configuration.seed).derived("scale")
    let population = ScalePopulation(
      count: max(configuration.people, min(50_000, events / 500)), random: &random)
    let gitlabCount = events * 60 / 100
    let oktaCount = events * 25 / 100
    let windowsCount = events - gitlabCount - oktaCount
    var files: [ScaleFile] = []
    var writer = ScaleWriter(
      configuration: configuration, population: population, random: random.derived("gitlab"))
    files.append(try writer.gitlab(count: gitlabCount, path: folder + "/gitlab-audit-stream.ndjson"))
    writer.random = random.derived("okta")
    files.append(try writer.okta(count: oktaCount, path: folder + "/okta-system-log.json"))
    writer.random = random.derived("windows")
    files.append(try writer.windows(count: windowsCount, path: folder + "/windows-security.xml"))
    return ScaleReport(events: events, bytes: files.reduce(0) { $0 + $1.bytes }, files: files)
  }
}

/// The people of a scale run, with their fields pre-escaped as bytes.
struct ScalePopulation {
  struct Member {
    var userID: Int
    var nameJSON: [UInt8]
    var username: [UInt8]
    var email: [UInt8]
    var oktaID: [UInt8]
    var sid: [UInt8]
    var ip: [UInt8]
  }

  var members: [Member] = []

  init(count: Int, random: inout SampleRandom) {
    members.reserveCapacity(count)
    for index in 0..<count {
      let given = random.pick(NameBank.given)
      let family = random.pick(NameBank.family)
      let username = given.ascii + "." + family.ascii + String(index)
      var name: [UInt8] = []
      JSONText.writeString(given.display + " " + family.display, to: &name)
      members.append(
        Member(
          userID: 1_000 + index, nameJSON: name, username: Array(username.utf8),
          email: Array((username + "@acme.example").utf8),
          oktaID: Array(("00u" + random.string(14, from: SampleRandom.base62) + "5d7").utf8),
          sid: Array("S-1-5-21-1870001234-2290004567-3120009876-\(1_100 + index)".utf8),
          ip: Array("203.0.113.\(10 + index % 200)".utf8)))
    }
  }
}

/// Writes the three scale files record by record.
struct ScaleWriter {
  let configuration: SampleConfiguration
  let population: ScalePopulation
  var random: SampleRandom

  private static let projects: [(id: Int, path: StaticString, name: StaticString)] = [
    (311, "acme/platform/api", "api"), (312, "acme/platform/infra", "infra"),
    (320, "acme/web/storefront", "storefront"),
    (330, "acme/data/pipelines", "pipelines"), (350, "globex/apps/portal", "portal"),
  ]

  /// The instant of record `index` of `count`, evenly spread over the period with jitter.
  private mutating func time(_ index: Int, of count: Int) -> Timestamp {
    let span = configuration.end.nanosecondsSinceEpoch - configuration.start.nanosecondsSinceEpoch
    let step = span / Int64(max(count, 1))
    let jitter = step > 1 ? Int64(random.below(Int(min(step, Int64(Int.max))))) : 0
    return Timestamp(
      nanosecondsSinceEpoch: configuration.start.nanosecondsSinceEpoch + step * Int64(index) + jitter)
  }

  mutating func gitlab(count: Int, path: String) throws -> ScaleFile {
    let sink = try ByteSink(path: path)
    var id = 1_000_000
    for index in 0..<count {
      let member = population.members[random.below(population.members.count)]
      let time = time(index, of: count)
      let project = Self.projects[random.below(Self.projects.count)]
      let kind = random.below(100)
      sink.append("{\"id\":\"")
      if kind < 40 {
        sink.append(hex: random.next(), digits: 8)
        sink.append("-")
        sink.append(hex: random.next(), digits: 4)
        sink.append("-4")
        sink.append(hex: random.next(), digits: 3)
        sink.append("-a")
        sink.append(hex: random.next(), digits: 3)
        sink.append("-")
        sink.append(hex: random.next(), digits: 12)
      } else {
        id += 1 + random.below(3)
        sink.append(digits: id)
      }
      sink.append("\",\"author_id\":")
      sink.append(digits: member.userID)
      sink.append(",\"author_name\":")
      sink.append(bytes: member.nameJSON)
      if kind < 55 {
        let eventType: StaticString = kind < 40 ? "repository_git_operation" : "merge_request_create"
        sink.append(",\"entity_id\":")
        sink.append(digits: project.id)
        sink.append(",\"entity_type\":\"Project\",\"entity_path\":\"")
        sink.append(project.path)
        sink.append("\",\"details\":{\"event_name\":\"")
        sink.append(eventType)
        sink.append("\",\"author_name\":")
        sink.append(bytes: member.nameJSON)
        sink.append(",\"author_class\":\"User\",\"target_id\":")
        sink.append(digits: project.id)
        if kind < 40 {
          sink.append(",\"target_type\":\"Project\",\"target_details\":\"")
          sink.append(project.name)
          sink.append(
            "\",\"custom_message\":{\"protocol\":\"ssh\",\"action\":\"git-upload-pack\"},\"ip_address\":\"")
        } else {
          sink.append(
            ",\"target_type\":\"MergeRequest\",\"target_details\":\"Update the pipeline, add tests\",")
          sink.append("\"custom_message\":\"Added merge request\",\"ip_address\":\"")
        }
        sink.append(bytes: member.ip)
        sink.append("\",\"entity_path\":\"")
        sink.append(project.path)
        sink.append("\"},\"ip_address\":\"")
        sink.append(bytes: member.ip)
        sink.append("\",\"target_id\":")
        sink.append(digits: project.id)
        sink.append(
          kind < 40
            ? ",\"target_type\":\"Project\",\"target_details\":\""
            : ",\"target_type\":\"MergeRequest\",\"target_details\":\"")
        sink.append(kind < 40 ? project.name : "Update the pipeline, add tests")
        sink.append("\",\"created_at\":\"")
        TimeText.write(time, digits: 3, to: sink)
        sink.append("\",\"event_type\":\"")
        sink.append(eventType)
        sink.append("\"}\n")
      } else {
        // Role changes are rare next to sign-ins: one GitLab record in a hundred.
        let signIn = kind < 99
        let eventType: StaticString = signIn ? "authenticated_with_group_saml" : "member_updated"
        sink.append(",\"entity_id\":42,\"entity_type\":\"Group\",\"entity_path\":\"acme\",\"details\":{")
        if signIn {
          sink.append("\"with\":\"group_saml\",")
        } else {
          sink.append(
            "\"change\":\"access_level\",\"from\":\"Developer\",\"to\":\"Maintainer\",\"as\":\"Maintainer\",")
        }
        sink.append("\"event_name\":\"")
        sink.append(eventType)
        sink.append("\",\"author_name\":")
        sink.append(bytes: member.nameJSON)
        sink.append(",\"author_class\":\"User\",\"target_id\":")
        sink.append(digits: member.userID)
        sink.append(",\"target_type\":\"User\",\"target_details\":")
        sink.append(bytes: member.nameJSON)
        sink.append(
          signIn
            ? ",\"custom_message\":\"Signed in with GROUP_SAML authentication\",\"ip_address\":\""
            : ",\"custom_message\":\"Membership updated\",\"ip_address\":\"")
        sink.append(bytes: member.ip)
        sink.append("\",\"entity_path\":\"acme\"},\"ip_address\":\"")
        sink.append(bytes: member.ip)
        sink.append("\",\"target_id\":")
        sink.append(digits: member.userID)
        sink.append(",\"target_type\":\"User\",\"target_details\":")
        sink.append(bytes: member.nameJSON)
        sink.append(",\"created_at\":\"")
        TimeText.write(time, digits: 3, to: sink)
        sink.append("\",\"event_type\":\"")
        sink.append(eventType)
        sink.append("\"}\n")
      }
      try sink.flushIfNeeded()
    }
    try sink.close()
    return ScaleFile(
      path: path, format: FormatID.gitlabAuditStream.rawValue, events: count, bytes: sink.position)
  }

  mutating func okta(count: Int, path: String) throws -> ScaleFile {
    let sink = try ByteSink(path: path)
    sink.append("[\n")
    for index in 0..<count {
      let member = population.members[random.below(population.members.count)]
      let time = time(index, of: count)
      if index > 0 { sink.append(",\n") }
      sink.append("{\"uuid\":\"")
      sink.append(hex: random.next(), digits: 8)
      sink.append("-")
      sink.append(hex: random.next(), digits: 4)
      sink.append("-11f0-")
      sink.append(hex: random.next(), digits: 4)
      sink.append("-")
      sink.append(hex: random.next(), digits: 12)
      sink.append("\",\"published\":\"")
      TimeText.write(time, digits: 3, to: sink)
      let sso = random.below(2) == 0
      sink.append(bytes: sso ? Fragment.oktaSSOHead : Fragment.oktaSessionHead)
      sink.append(bytes: member.oktaID)
      sink.append("\",\"type\":\"User\",\"alternateId\":\"")
      sink.append(bytes: member.email)
      sink.append("\",\"displayName\":")
      sink.append(bytes: member.nameJSON)
      sink.append(bytes: Fragment.oktaClient)
      sink.append(bytes: member.ip)
      sink.append("\"},\"outcome\":{\"result\":\"SUCCESS\",\"reason\":null},\"target\":[")
      if sso {
        sink.append(bytes: Fragment.oktaAppTarget)
      }
      sink.append("],\"transaction\":{\"type\":\"WEB\",\"id\":\"")
      sink.append(hex: random.next(), digits: 16)
      sink.append(bytes: Fragment.oktaContext)
      sink.append(hex: random.next(), digits: 16)
      sink.append("\"},\"securityContext\":{},\"request\":{\"ipChain\":[{\"ip\":\"")
      sink.append(bytes: member.ip)
      sink.append("\",\"version\":\"V4\",\"source\":null}]}}")
      try sink.flushIfNeeded()
    }
    sink.append("\n]\n")
    try sink.close()
    return ScaleFile(path: path, format: FormatID.oktaSystemLog.rawValue, events: count, bytes: sink.position)
  }

  mutating func windows(count: Int, path: String) throws -> ScaleFile {
    let sink = try ByteSink(path: path)
    var recordID = 50_000_000
    for index in 0..<count {
      let member = population.members[random.below(population.members.count)]
      let time = time(index, of: count)
      recordID += 1 + random.below(4)
      let failure = random.below(10) == 0
      sink.append(bytes: Fragment.eventHead)
      sink.append(bytes: failure ? Fragment.logonFailureSystem : Fragment.logonSuccessSystem)
      sink.append("<TimeCreated SystemTime=\"")
      TimeText.write(time, digits: 9, to: sink)
      sink.append("\"/><EventRecordID>")
      sink.append(digits: recordID)
      sink.append(bytes: Fragment.logonSubject)
      sink.append(bytes: member.sid)
      sink.append("</Data><Data Name=\"TargetUserName\">")
      sink.append(bytes: member.username)
      sink.append("</Data><Data Name=\"TargetDomainName\">ACME</Data>")
      sink.append(bytes: failure ? Fragment.logonFailureStatus : Fragment.logonSuccessStatus)
      sink.append(bytes: Fragment.logonProcess)
      sink.append(bytes: member.ip)
      sink.append("</Data><Data Name=\"IpPort\">50522</Data></EventData></Event>\n")
      try sink.flushIfNeeded()
    }
    try sink.close()
    return ScaleFile(
      path: path, format: FormatID.windowsSecurityXML.rawValue, events: count, bytes: sink.position)
  }
}

/// The fixed parts of scale records, as bytes built once.
private enum Fragment {
  static let oktaSSOHead = bytes(
    "\",\"eventType\":\"user.authentication.sso\",\"version\":\"0\",\"severity\":\"INFO\",",
    "\"legacyEventType\":\"app.auth.sso\",\"displayMessage\":\"User single sign on to app\",",
    "\"actor\":{\"id\":\"")
  static let oktaSessionHead = bytes(
    "\",\"eventType\":\"user.session.start\",\"version\":\"0\",\"severity\":\"INFO\",",
    "\"legacyEventType\":\"core.user_auth.login_success\",\"displayMessage\":\"User login to Okta\",",
    "\"actor\":{\"id\":\"")
  static let oktaClient = bytes(
    ",\"detailEntry\":null},\"client\":{\"userAgent\":{\"rawUserAgent\":",
    "\"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) ",
    "Version/17.5 Safari/605.1.15\",\"os\":\"Mac OS X\",\"browser\":\"SAFARI\"},\"zone\":\"null\",",
    "\"device\":\"Computer\",\"id\":null,\"ipAddress\":\"")
  static let oktaAppTarget = bytes(
    "{\"id\":\"0oa1gitlab000000005d7\",\"type\":\"AppInstance\",\"alternateId\":\"GitLab\",",
    "\"displayName\":\"GitLab\",\"detailEntry\":{\"signOnModeType\":\"SAML_2_0\"}}")
  static let oktaContext = bytes(
    "\",\"detail\":{}},\"debugContext\":{\"debugData\":{\"requestUri\":\"/idp/idx/identify\"}},",
    "\"authenticationContext\":{\"authenticationStep\":0,\"externalSessionId\":\"102")
  static let eventHead = bytes(
    "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System>",
    "<Provider Name=\"Microsoft-Windows-Security-Auditing\" Guid=\"{54849625-5478-4994-A5BA-3E3B0328C30D}\"/>",
    "<EventID>")
  static let logonFailureSystem = bytes(
    "4625</EventID><Version>0</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode>",
    "<Keywords>0x8010000000000000</Keywords>")
  static let logonSuccessSystem = bytes(
    "4624</EventID><Version>2</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode>",
    "<Keywords>0x8020000000000000</Keywords>")
  static let logonSubject = bytes(
    "</EventRecordID><Correlation/><Execution ProcessID=\"684\" ThreadID=\"2140\"/><Channel>Security</Channel>",
    "<Computer>DC01.corp.acme.example</Computer><Security/></System><EventData>",
    "<Data Name=\"SubjectUserSid\">S-1-0-0</Data><Data Name=\"SubjectUserName\">-</Data>",
    "<Data Name=\"SubjectDomainName\">-</Data><Data Name=\"SubjectLogonId\">0x0</Data>",
    "<Data Name=\"TargetUserSid\">")
  static let logonFailureStatus = bytes(
    "<Data Name=\"Status\">0xc000006d</Data><Data Name=\"FailureReason\">%%2313</Data>",
    "<Data Name=\"SubStatus\">0xc000006a</Data>")
  static let logonSuccessStatus = bytes("<Data Name=\"TargetLogonId\">0x5a2f1c</Data>")
  static let logonProcess = bytes(
    "<Data Name=\"LogonType\">3</Data><Data Name=\"LogonProcessName\">NtLmSsp </Data>",
    "<Data Name=\"AuthenticationPackageName\">NTLM</Data><Data Name=\"WorkstationName\">WS-1042</Data>",
    "<Data Name=\"IpAddress\">")

  private static func bytes(_ parts: String...) -> [UInt8] {
    Array(parts.joined().utf8)
  }
}
