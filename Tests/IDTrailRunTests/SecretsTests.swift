import Foundation
import IDTrailAnalysis
import IDTrailIngest
import IDTrailModel
import IDTrailReport
import IDTrailRun
import Testing

/// Secrets in the inputs never reach an output: canary values are put wherever logs and captures
/// carry credentials (API and web request parameters, URLs, HAR headers, cookies and bodies, Okta
/// `debugData`, SCIM, SPML and Entra bodies), the whole pipeline runs, and every output idtrail can
/// write is searched for them: each report format, the console summary, `inspect` (text and JSON),
/// every person's timeline in every format, the termination sample, and the decoded events.
@Suite struct SecretsTests {
  /// A canary for each place a secret was put, named after the place.
  struct Canary: Sendable {
    var place: String
    var value: String
  }

  /// The canaries, numbered so that none is part of another.
  static let canaries: [Canary] = [
    "api_json params private_token", "api_json params password", "api_json SCIM params password",
    "api_json SCIM params token", "api_json rotated token", "api_json path query private_token",
    "production_json sign-in password", "production_json authenticity_token",
    "production_json path feed_token",
    "production_json params feed_token", "HAR URL user info", "HAR URL query access_token",
    "HAR Authorization header", "HAR Cookie header", "HAR queryString access_token", "HAR request cookies",
    "HAR SCIM body password", "HAR Set-Cookie header", "HAR response body password",
    "HAR PATCH password value",
    "HAR error detail token", "Okta debugData requestUri token", "Okta debugData authorization",
    "Okta debugData SCIM bearer", "Okta debugData payload password", "Okta externalSessionId",
    "SCIM resource password", "SCIM 1.1 password", "SPML userPassword", "SPML setPassword",
    "Entra provisioning password", "Entra provisioning error Authorization", "Entra audit password profile",
  ].enumerated().map { Canary(place: $1, value: "IDTRAIL-CANARY-\(100 + $0)-X") }

  /// The value of the canary for `place`.
  static func canary(_ place: String) -> String {
    canaries.first { $0.place == place }?.value ?? "IDTRAIL-CANARY-UNKNOWN-PLACE"
  }

  // MARK: - Inputs

  /// Records written across lines for reading, as one NDJSON line each.
  static func ndjson(_ records: String...) -> String {
    records.map(oneLine).joined(separator: "\n") + "\n"
  }

  /// JSON written across lines for reading, on one line.
  static func oneLine(_ json: String) -> String {
    json.split(separator: "\n").map { $0.drop(while: \.isWhitespace) }.joined(separator: " ")
  }

  static func inputs() -> [(name: String, text: String)] {
    let c = canary
    return [
      (
        "api_json.log",
        ndjson(
          #"""
          {"time":"2024-06-01T10:00:00.000Z","status":200,"method":"GET","path":"/api/v4/projects",
           "params":[{"key":"private_token","value":"\#(c("api_json params private_token"))"},
                     {"key":"password","value":"\#(c("api_json params password"))"},
                     {"key":"search","value":"app"}],
           "route":"/api/:version/projects","user_id":7,"username":"sam.dev",
           "token_type":"PersonalAccessToken","correlation_id":"01SEC1"}
          """#,
          #"""
          {"time":"2024-06-01T10:01:00.000Z","status":201,"method":"POST","path":"/api/scim/v2/groups/acme/Users",
           "params":[{"key":"externalId","value":"00u7rita"},{"key":"userName","value":"rita@example.com"},
                     {"key":"password","value":"\#(c("api_json SCIM params password"))"},
                     {"key":"emails","value":[{"primary":true,"type":"work","value":"rita@example.com"}]},
                     {"key":"token","value":"\#(c("api_json SCIM params token"))"}],
           "route":"/api/scim/:version/groups/:group/Users","correlation_id":"01SEC2"}
          """#,
          #"""
          {"time":"2024-06-01T10:02:00.000Z","status":200,"method":"POST",
           "path":"/api/v4/personal_access_tokens/self/rotate",
           "params":[{"key":"token","value":"\#(c("api_json rotated token"))"}],
           "route":"/api/:version/personal_access_tokens/self/rotate","user_id":7,"username":"sam.dev",
           "correlation_id":"01SEC3"}
          """#,
          #"""
          {"time":"2024-06-01T10:03:00.000Z","status":200,"method":"GET",
           "path":"/api/v4/users?private_token=\#(c("api_json path query private_token"))","params":[],
           "route":"/api/:version/users","user_id":7,"username":"sam.dev","correlation_id":"01SEC4"}
          """#)
      ),
      (
        "production_json.log",
        ndjson(
          #"""
          {"method":"POST","path":"/users/sign_in","format":"html","controller":"SessionsController",
           "action":"create","status":302,"time":"2024-06-01T09:00:00.000Z",
           "params":[{"key":"user","value":{"login":"sam.dev","password":"\#(c("production_json sign-in password"))",
                                            "remember_me":"0"}},
                     {"key":"authenticity_token","value":"\#(c("production_json authenticity_token"))"}],
           "remote_ip":"192.0.2.1","user_id":7,"username":"sam.dev","correlation_id":"01PROD1"}
          """#,
          #"""
          {"method":"GET","path":"/acme/app?feed_token=\#(c("production_json path feed_token"))","format":"html",
           "controller":"ProjectsController","action":"show","status":200,"time":"2024-06-01T09:10:00.000Z",
           "params":[{"key":"feed_token","value":"\#(c("production_json params feed_token"))"}],
           "remote_ip":"192.0.2.1","user_id":7,"username":"sam.dev","correlation_id":"01PROD2"}
          """#)
      ),
      ("capture.har", har()),
      (
        "okta.ndjson",
        ndjson(
          #"""
          {"uuid":"sec-0001","published":"2024-06-01T08:00:00.000Z","eventType":"user.lifecycle.deactivate",
           "displayMessage":"Deactivate Okta user",
           "actor":{"id":"00uadmin0","type":"User","alternateId":"it-admin@example.com","displayName":"Ida Admin"},
           "outcome":{"result":"SUCCESS"},
           "target":[{"id":"00u7rita0","type":"User","alternateId":"rita@example.com","displayName":"Rita Ray"}],
           "transaction":{"type":"WEB","id":"WEBtxn0201","detail":{}},
           "debugContext":{"debugData":{
             "requestUri":"/api/v1/users/00u7rita0/lifecycle/deactivate?token=\#(c("Okta debugData requestUri token"))",
             "authorization":"SSWS \#(c("Okta debugData authorization"))",
             "scimBearerToken":"Bearer \#(c("Okta debugData SCIM bearer"))",
             "payload":"{\"password\":\"\#(c("Okta debugData payload password"))\"}"}},
           "authenticationContext":{"externalSessionId":"\#(c("Okta externalSessionId"))"}}
          """#)
      ),
      (
        "scim-users.ndjson",
        ndjson(
          #"""
          {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"2819c223","externalId":"00u7rita",
           "userName":"rita@example.com","displayName":"Rita Ray","password":"\#(c("SCIM resource password"))",
           "emails":[{"type":"work","value":"rita@example.com","primary":true}],"active":true,
           "meta":{"resourceType":"User","created":"2024-05-01T00:00:00Z","lastModified":"2024-06-01T00:00:00Z"}}
          """#)
      ),
      (
        "scim-v1-user.xml",
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <User xmlns="urn:scim:schemas:core:1.0">
          <id>b7d2e1c0-0000-4c3d-9e8f-000000000042</id>
          <externalId>00u7rita</externalId>
          <userName>rita@example.com</userName>
          <active>false</active>
          <password>\(c("SCIM 1.1 password"))</password>
          <meta><lastModified>2024-06-01T07:00:00Z</lastModified></meta>
        </User>

        """
      ),
      (
        "spml.xml",
        """
        <spml:addRequest xmlns:spml="urn:oasis:names:tc:SPML:2:0" xmlns:dsml="urn:oasis:names:tc:DSML:2:0:core" requestID="req-1">
          <spml:data>
            <dsml:attr name="mail"><dsml:value>rita@example.com</dsml:value></dsml:attr>
            <dsml:attr name="userPassword"><dsml:value>\(c("SPML userPassword"))</dsml:value></dsml:attr>
          </spml:data>
        </spml:addRequest>
        <spml:addResponse xmlns:spml="urn:oasis:names:tc:SPML:2:0" requestID="req-1" status="success">
          <spml:pso><spml:psoID ID="CN=Rita Ray,OU=Staff,DC=example,DC=com"/></spml:pso>
        </spml:addResponse>
        <setPasswordRequest xmlns="urn:oasis:names:tc:SPML:2:0:password" xmlns:spml="urn:oasis:names:tc:SPML:2:0" requestID="req-2">
          <spml:psoID ID="CN=Rita Ray,OU=Staff,DC=example,DC=com"/>
          <password>\(c("SPML setPassword"))</password>
        </setPasswordRequest>

        """
      ),
      (
        "entra-provisioning.ndjson",
        ndjson(
          #"""
          {"id":"f2f2f2f2-0000-4000-8000-000000000002","activityDateTime":"2024-06-01T06:00:00Z",
           "provisioningAction":"update","provisioningStatusInfo":{"status":"success"},
           "modifiedProperties":[{"displayName":"accountEnabled","oldValue":"True","newValue":"False"},
             {"displayName":"password","oldValue":null,"newValue":"\#(c("Entra provisioning password"))"}],
           "servicePrincipal":{"displayName":"GitLab"},"sourceSystem":{"displayName":"Microsoft Entra ID"},
           "targetSystem":{"displayName":"GitLab"},
           "sourceIdentity":{"id":"8b8b0000-0000-0000-0000-000000000046","identityType":"User"},
           "targetIdentity":{"id":"9f1c","displayName":"Rita Ray","identityType":"User"}}
          """#,
          #"""
          {"id":"f2f2f2f2-0000-4000-8000-000000000003","activityDateTime":"2024-06-01T06:05:00Z",
           "provisioningAction":"disable",
           "provisioningStatusInfo":{"status":"failure","errorInformation":{"errorCode":"Unauthorized",
             "reason":"The app rejected the call",
             "additionalDetails":"Authorization: Bearer \#(c("Entra provisioning error Authorization"))"}},
           "servicePrincipal":{"displayName":"GitLab"},"sourceSystem":{"displayName":"Microsoft Entra ID"},
           "targetSystem":{"displayName":"GitLab"},
           "sourceIdentity":{"id":"8b8b0000-0000-0000-0000-000000000046","identityType":"User"},
           "targetIdentity":{"id":"9f1c","displayName":"Rita Ray","identityType":"User"}}
          """#)
      ),
      (
        "entra-audit.ndjson",
        ndjson(
          #"""
          {"time":"2024-06-01T05:00:00.0000000Z",
           "resourceId":"/tenants/aaaabbbb-0000-cccc-1111-dddd2222eeee/providers/Microsoft.aadiam",
           "operationName":"Add user","category":"AuditLogs",
           "properties":{"id":"Directory_SEC_0001","category":"UserManagement","result":"success",
             "activityDisplayName":"Add user","activityDateTime":"2024-06-01T05:00:00.0000000+00:00",
             "loggedByService":"Core Directory",
             "initiatedBy":{"user":{"id":"11111111-2222-3333-4444-555555555555",
                                    "userPrincipalName":"it-admin@example.com"}},
             "targetResources":[{"id":"8b8b0000-0000-0000-0000-000000000046","type":"User",
               "userPrincipalName":"rita@example.com",
               "modifiedProperties":[{"displayName":"PasswordProfile","oldValue":"[]",
                 "newValue":"[{\"Password\":\"\#(c("Entra audit password profile"))\"}]"}]}]}}
          """#)
      ),
    ]
  }

  /// A HAR capture of SCIM calls to GitLab with credentials in every place HAR keeps them.
  static func har() -> String {
    let c = canary
    func entry(
      _ started: String, _ method: String, _ url: String, request: String, status: Int, response: String
    ) -> String {
      """
      {"startedDateTime":"\(started)","time":40,
       "request":{"method":"\(method)","url":"\(url)","httpVersion":"HTTP/1.1",
        "headers":[{"name":"Authorization","value":"Bearer \(c("HAR Authorization header"))"},
                   {"name":"Cookie","value":"_gitlab_session=\(c("HAR Cookie header"))"}],
        "queryString":[{"name":"access_token","value":"\(c("HAR queryString access_token"))"}],
        "cookies":[{"name":"_gitlab_session","value":"\(c("HAR request cookies"))"}],
        "headersSize":-1,"bodySize":-1,
        "postData":{"mimeType":"application/scim+json","text":\(jsonString(request))}},
       "response":{"status":\(status),"statusText":"","httpVersion":"HTTP/1.1",
        "headers":[{"name":"Set-Cookie","value":"_gitlab_session=\(c("HAR Set-Cookie header")); HttpOnly"}],
        "cookies":[],"content":{"size":1,"mimeType":"application/scim+json","text":\(jsonString(response))},
        "redirectURL":"","headersSize":-1,"bodySize":-1},
       "cache":{},"timings":{"send":1,"wait":38,"receive":1}}
      """
    }
    let base = "https://svc:\(c("HAR URL user info"))@gitlab.example.com/api/scim/v2/groups/acme/Users"
    let create = entry(
      "2024-06-01T07:00:00Z", "POST", base + "?access_token=\(c("HAR URL query access_token"))",
      request: oneLine(
        #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"externalId":"00u7rita",
         "userName":"rita@example.com","active":true,"password":"\#(c("HAR SCIM body password"))",
         "emails":[{"primary":true,"type":"work","value":"rita@example.com"}]}
        """#),
      status: 201,
      response: oneLine(
        #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"9f1c","externalId":"00u7rita",
         "userName":"rita@example.com","active":true,"password":"\#(c("HAR response body password"))"}
        """#))
    let patch = entry(
      "2024-06-01T07:30:00Z", "PATCH", base + "/9f1c",
      request: oneLine(
        #"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations":[{"op":"replace","path":"password","value":"\#(c("HAR PATCH password value"))"},
                       {"op":"replace","path":"active","value":false}]}
        """#),
      status: 400,
      response: oneLine(
        #"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],
         "detail":"invalid token \#(c("HAR error detail token"))","status":"400"}
        """#))
    return oneLine(
      #"""
      {"log":{"version":"1.2","creator":{"name":"mitmproxy","version":"10.1"},
              "entries":[\#(create),\#(patch)]}}
      """#) + "\n"
  }

  /// `text` as a JSON string literal.
  private static func jsonString(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      + "\""
  }

  // MARK: - The run

  @Test func noCanaryReachesAnyOutput() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("idtrail-secrets-\(UUID())")
      .path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for (name, text) in Self.inputs() {
      try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
    }
    let request = RunRequest(
      inputs: [folder], period: nil, policy: .default,
      now: try #require(TimestampParser.parse("2024-07-01T00:00:00Z")),
      decodeOptions: DecodeOptions(snapshotTime: TimestampParser.parse("2024-06-01T12:00:00Z")))
    let run = try Run(request, toolVersion: "test")

    // Every input is read as its format, and its records with secrets are decoded, not set aside.
    let formats = Dictionary(
      uniqueKeysWithValues: run.inputs.map { (($0.path as NSString).lastPathComponent, $0) })
    let expected: [String: FormatID] = [
      "api_json.log": .gitlabAPILog, "production_json.log": .gitlabProductionLog, "capture.har": .scimHAR,
      "okta.ndjson": .oktaSystemLog, "scim-users.ndjson": .scimResources, "scim-v1-user.xml": .scimV1XML,
      "spml.xml": .spmlXML, "entra-provisioning.ndjson": .entraProvisioning,
      "entra-audit.ndjson": .entraAudit,
    ]
    #expect(Set(formats.keys) == Set(expected.keys))
    for (name, format) in expected {
      let input = try #require(formats[name])
      #expect(input.format == format, "\(name)")
      #expect(input.decoded > 0 && input.rejectedCount == 0, "\(name): \(input.rejections)")
    }

    let outputs = try Self.everyOutput(of: run)
    #expect(outputs.count >= RendererRegistry.all.count + 5)
    for (output, text) in outputs {
      #expect(!text.isEmpty, "\(output) is empty")
      for canary in Self.canaries where text.contains(canary.value) {
        Issue.record("the secret put in \(canary.place) appears in \(output)")
      }
      #expect(!text.contains("IDTRAIL-CANARY"), "\(output) holds a canary")
    }
  }

  /// Every text idtrail can write for `run`, by name.
  static func everyOutput(of run: Run) throws -> [(String, String)] {
    let context = RenderContext()
    var outputs: [(String, String)] = []
    for renderer in RendererRegistry.all {
      for file in try renderer.render(run.report, context: context) {
        outputs.append(("\(renderer.identifier) \(file.name)", file.contents))
      }
    }
    let verdict = CheckVerdict(report: run.report, failOn: "low", strict: false, baseline: nil)
    outputs.append(("console summary", ConsoleSummary(colour: false).render(run.report, verdict: verdict)))
    let inspect = InspectSummary(decoded: run.inputs, errors: run.unreadable)
    outputs.append(("inspect text", inspect.renderText()))
    outputs.append(("inspect json", try inspect.renderJSON()))
    for person in run.analysis.graph.people {
      let timeline = Timeline(person: person, in: run.analysis)
      for format in TimelineFormat.allCases {
        outputs.append(("timeline \(format.rawValue) of \(person.id)", try format.render(timeline)))
      }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let sample = run.evaluation.terminationSample(size: 25, seed: 1)
    outputs.append(("termination sample", String(decoding: try encoder.encode(sample), as: UTF8.self)))
    outputs.append(
      ("decoded events", String(decoding: try encoder.encode(run.analysis.trail.events), as: UTF8.self)))
    outputs.append(
      ("decoded facts", String(decoding: try encoder.encode(run.inputs.flatMap(\.facts)), as: UTF8.self)))
    outputs.append(("rejections", "\(run.inputs.flatMap(\.rejections)) \(run.inputs.map(\.skipped))"))
    return outputs
  }
}
