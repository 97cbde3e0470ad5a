import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// `scim.v2.har` on hand-written captures: GitLab and other providers, PatchOp variants, secrets.
@Suite struct SCIMHARDecoderTests {
  private typealias Support = LogsSCIMTestSupport
  private let decoder = SCIMHARDecoder()
  private let format = "scim.v2.har"

  private static let acme = Resource(kind: .gitlabNamespace, name: "acme")
  private static let instance = Resource(kind: .gitlabInstance, name: "instance")
  private static let target = Resource(kind: .idpApplication, name: "idp-target.example.net")
  private static let samExtern = LogsSCIMTestSupport.ids(
    (.gitlabExternUID, "00u1abcd"), (.scimExternalID, "00u1abcd"))
  private static let ada = LogsSCIMTestSupport.ids((.email, "ada@example.net"))

  @Test func gitLabSCIMTrafficBecomesProvisioningRequests() throws {
    let output = try Support.decode(decoder, fixture: format, "gitlab.har")
    #expect(output.records == 11)
    #expect(output.decoded == 9)
    #expect(
      output.skipped == [
        "SCIM lookup (GET): reads, changes nothing": 1,
        "not a SCIM request (no Users or Groups endpoint in the URL)": 1,
      ])
    #expect(output.rejectedCount == 0)

    // POST: request and response bodies tie externalId, userName, email and the extern_uid.
    let create = try #require(Support.event(output, record: 1))
    #expect(create.action == .provisionRequest)
    #expect(create.provisioning == .create)
    #expect(create.source == .scimHAR)
    #expect(create.stage == .scim)
    #expect(create.channel == .scim)
    #expect(create.actor == Actor(kind: .provisioningClient, identifiers: []))
    #expect(create.resource == Self.acme)
    #expect(create.time == Support.time("2025-02-01T10:20:00.123Z"))
    #expect(create.originalTime == "2025-02-01T10:20:00.123Z")
    #expect(create.rawAction == "POST /api/scim/:version/groups/:group/Users")
    #expect(
      create.nativeID
        == "har:2025-02-01T10:20:00.123Z:POST:https://gitlab.example.com/api/scim/v2/groups/acme/Users")
    #expect(create.outcome == Outcome(succeeded: true, httpStatus: 201))
    #expect(
      create.subject
        == Support.ids(
          (.displayName, "Sam Dev"), (.email, "sam.dev@acme.example"), (.gitlabExternUID, "00u1abcd"),
          (.gitlabUsername, "sam.dev"), (.scimExternalID, "00u1abcd")))

    // PatchOp variants: Entra's "Replace"/"False", Okta's path-less value object, reactivate, update.
    let entra = try #require(Support.event(output, record: 2))
    #expect(entra.provisioning == .deactivate)
    #expect(entra.subject == Self.samExtern)
    #expect(entra.rawAction == "PATCH /api/scim/:version/groups/:group/Users/:id")
    #expect(entra.outcome == Outcome(succeeded: true, httpStatus: 204))
    let okta = try #require(Support.event(output, record: 3))
    #expect(okta.provisioning == .deactivate)
    #expect(okta.resource == Self.instance)
    #expect(okta.time == Support.time("2025-02-02T07:05:00Z"))
    #expect(okta.originalTime == "2025-02-02T08:05:00.000+01:00")
    #expect(Support.event(output, record: 4)?.provisioning == .reactivate)
    #expect(Support.event(output, record: 5)?.provisioning == .update)
    let delete = try #require(Support.event(output, record: 6))
    #expect(delete.provisioning == .delete)
    #expect(delete.rawAction == "DELETE /api/scim/:version/application/Users/:id")
    #expect(Support.events(output, record: 7).isEmpty)

    // A lookup answered 401: a failed call, subject from the filter; the query never reaches the id.
    let stale = try #require(Support.event(output, record: 8))
    #expect(stale.provisioning == nil)
    #expect(stale.outcome == .failure("SCIM token rejected", httpStatus: 401))
    #expect(stale.subject == Support.ids((.gitlabUsername, "sam.dev")))
    #expect(
      stale.nativeID
        == "har:2025-02-05T12:01:00.000Z:GET:https://gitlab.example.com/api/scim/v2/groups/acme/Users")

    // Errors: the SCIM detail is the reason, unless it mentions a credential.
    let conflict = try #require(Support.event(output, record: 9))
    #expect(conflict.outcome == .failure("conflict: Email has already been taken", httpStatus: 409))
    #expect(conflict.subject.contains(Support.ids((.gitlabUsername, "kim"))[0]))
    let precondition = try #require(Support.event(output, record: 10))
    #expect(precondition.outcome == .failure("HTTP 412", httpStatus: 412))
    #expect(Support.events(output, record: 11).isEmpty)
  }

  @Test func anyServiceProviderUsersAndGroups() throws {
    let output = try Support.decode(decoder, fixture: format, "generic.har")
    #expect(output.records == 14)
    #expect(output.decoded == 11)
    #expect(
      output.skipped == [
        "SCIM Group request that names no member (create, rename or delete of the group)": 1,
        "SCIM discovery request (ServiceProviderConfig, Schemas, ResourceTypes): no identity": 1,
        "not a SCIM request (no Users or Groups endpoint in the URL)": 1,
      ])
    #expect(output.events.count == 13)

    // Outside GitLab the provider's own id is not an identifier; userName with "@" is an email.
    let create = try #require(Support.event(output, record: 1))
    #expect(create.provisioning == .create)
    #expect(create.resource == Self.target)
    #expect(create.rawAction == "POST /Users")
    #expect(create.subject == Support.ids((.email, "ada@example.net"), (.scimExternalID, "ext-ada")))
    let deactivate = try #require(Support.event(output, record: 2))
    #expect(deactivate.provisioning == .deactivate)
    #expect(deactivate.subject == [])
    #expect(deactivate.rawAction == "PATCH /Users/:id")
    // The response resource names the user when the path id cannot.
    let reactivate = try #require(Support.event(output, record: 3))
    #expect(reactivate.provisioning == .reactivate)
    #expect(reactivate.subject == Support.ids((.email, "ada@example.net"), (.scimExternalID, "ext-ada")))
    // PUT with active false (Okta's custom apps) deprovisions.
    let put = try #require(Support.event(output, record: 4))
    #expect(put.provisioning == .deactivate)
    #expect(put.subject == Self.ada)

    // Group PATCH: Entra's Add with a value list, its legacy Remove with a value list, the RFC filter.
    let members = Support.events(output, record: 5)
    #expect(members.count == 3)
    let group = Resource(kind: .idpGroup, name: "g-1")
    #expect(members.map(\.provisioning) == [.update, .update, .update])
    #expect(members.map(\.resource) == [group, group, group])
    #expect(
      members.map(\.role) == [
        RoleChange(before: nil, after: "member"), RoleChange(before: "member", after: nil),
        RoleChange(before: "member", after: nil),
      ])
    #expect(members.map(\.subject) == [Self.ada, [], []])
    #expect(
      members.map(\.nativeID) == [
        "har:2025-03-05T09:00:00Z:PATCH:https://idp-target.example.net/scim/v2/Groups/g-1#add:sp-123",
        "har:2025-03-05T09:00:00Z:PATCH:https://idp-target.example.net/scim/v2/Groups/g-1#remove:sp-456",
        "har:2025-03-05T09:00:00Z:PATCH:https://idp-target.example.net/scim/v2/Groups/g-1#remove:sp-789",
      ])
    #expect(Support.events(output, record: 6).isEmpty)
    // PUT of a full Group: its members are members from now on.
    let put2 = try #require(Support.event(output, record: 7))
    #expect(put2.resource == Resource(kind: .idpGroup, name: "Admins"))
    #expect(put2.role == RoleChange(before: nil, after: "member"))
    #expect(put2.subject == Self.ada)

    // No response captured (status 0): the call failed.
    let aborted = try #require(Support.event(output, record: 8))
    #expect(aborted.provisioning == .delete)
    #expect(
      aborted.outcome
        == .failure("no response (the request was aborted before the service provider answered)"))
    // A lower-case endpoint after a "scim" segment is SCIM.
    #expect(Support.event(output, record: 9)?.provisioning == .update)
    #expect(Support.events(output, record: 10).isEmpty)
    // A base64-encoded response body is read.
    #expect(
      Support.event(output, record: 11)?.subject
        == Support.ids((.email, "grace@example.net"), (.scimExternalID, "ext-grace")))
    // Okta's full push: replace of the member list.
    let push = try #require(Support.event(output, record: 12))
    #expect(push.subject == Support.ids((.email, "lin@example.net")))
    #expect(push.role == RoleChange(before: nil, after: "member"))
    // An application/scim+json body marks an unusual path as SCIM.
    let hr = try #require(Support.event(output, record: 13))
    #expect(hr.provisioning == .create)
    #expect(hr.resource == Resource(kind: .idpApplication, name: "hr.example.net"))
    #expect(Support.events(output, record: 14).isEmpty)
  }

  @Test func badEntriesAreRejectedWithTheirIndexAndTheRestIsDecoded() throws {
    let output = try Support.decode(decoder, fixture: format, "bad.har")
    #expect(output.records == 10)
    #expect(output.decoded == 2)
    #expect(output.rejectedCount == 8)
    #expect(Support.event(output, record: 1)?.provisioning == .delete)
    #expect(Support.event(output, record: 10)?.resource == Self.instance)
    let reasons = Support.rejectionsByRecord(output)
    #expect(reasons[2] == "the entry has no startedDateTime")
    #expect(reasons[3] == "request.url is a number, not a string")
    #expect(reasons[4] == "response.status is a string, not an integer")
    #expect(reasons[5]?.hasPrefix("request.postData.text is not JSON (unexpected 'a'") == true)
    #expect(reasons[6] == "the entry is a string, not an object")
    #expect(reasons[7] == "Operations[0] has no op")
    #expect(reasons[8] == "startedDateTime is not a valid time: \"not a time\"")
    #expect(reasons[9] == "request.url is not an absolute http(s) URL")
    let locator = try #require(output.rejections.first?.locator)
    #expect(locator.path == output.path)
    guard case .record(2, let offset) = locator.position else {
      Issue.record("the first rejection is not at entry 2: \(locator)")
      return
    }
    #expect(offset > 0)
  }

  @Test func aCaptureCutOffMidEntryKeepsTheEntriesBeforeTheCut() throws {
    let output = try Support.decode(decoder, fixture: format, "truncated.har")
    #expect(output.records == 3)
    #expect(output.decoded == 2)
    #expect(output.rejectedCount == 1)
    #expect(Support.event(output, record: 1)?.provisioning == .delete)
    #expect(Support.event(output, record: 2)?.provisioning == .delete)
    let rejection = try #require(output.rejections.first)
    #expect(rejection.reason.hasPrefix("the capture is cut off or malformed from here on: the JSON ends"))
    guard case .record(3, _) = rejection.locator.position else {
      Issue.record("the cut is not located at entry 3: \(rejection.locator)")
      return
    }
    #expect(try Support.sniffedFormat(fixture: format, "truncated.har") == .scimHAR)
  }

  @Test func headersCookiesURLSecretsAndPasswordsNeverReachAnEvent() throws {
    let output = try Support.decode(decoder, fixture: format, "secrets.har")
    #expect(output.decoded == 2)
    let json = try Support.encoded(output)
    #expect(!json.contains("CANARY"), "a canary leaked: \(json)")
    let patch = try #require(Support.event(output, record: 1))
    #expect(patch.provisioning == .deactivate)
    #expect(patch.outcome == .failure("HTTP 400", httpStatus: 400))
    #expect(
      patch.nativeID
        == "har:2025-05-01T09:00:00Z:PATCH:https://gitlab.example.com/api/scim/v2/groups/acme/Users/00u1abcd")
  }

  @Test func patchOperationVariantsNormalise() throws {
    let cases: [(String, ProvisioningOperation)] = [
      (#"[{"op":"Replace","path":"active","value":"False"}]"#, .deactivate),
      (#"[{"op":"replace","path":"ACTIVE","value":"True"}]"#, .reactivate),
      (#"[{"op":"replace","value":{"active":false}}]"#, .deactivate),
      (
        #"[{"op":"add","path":"nickName","value":"Babs"},{"op":"replace","path":"active","value":false}]"#,
        .deactivate
      ),
      (
        #"[{"op":"replace","value":{"name.givenName":"Kkom","#
          + #""urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"1"}}]"#,
        .update
      ),
      (#"[{"op":"Update","path":"active","value":false}]"#, .update),
    ]
    for (operations, expected) in cases {
      let har = Self.har(method: "PATCH", path: "/scim/v2/Users/u1", body: #"{"Operations":\#(operations)}"#)
      let output = Support.decode(decoder, text: har)
      #expect(output.events.first?.provisioning == expected, "\(operations)")
    }
    let lowerCaseKey = Self.har(
      method: "PATCH", path: "/scim/v2/Users/u1", body: #"{"operations":[{"op":"remove","path":"active"}]}"#)
    #expect(Support.decode(decoder, text: lowerCaseKey).events.first?.provisioning == .update)
  }

  @Test func recognisesHARAndNothingElse() {
    #expect(
      Support.decode(decoder, text: Self.har(method: "DELETE", path: "/scim/v2/Users/u1", body: nil)).decoded
        == 1)
    let notHAR = InputBytes(path: "x", bytes: Array(#"{"log":[1,2]}"#.utf8))
    #expect(notHAR.withBytes { FormatSniffer.decoder(for: $0, among: [decoder]) } == nil)
  }

  /// A one-entry capture.
  private static func har(method: String, path: String, body: String?) -> String {
    let postData =
      body.map { #","postData":{"mimeType":"application/scim+json","text":\#(quoted($0))}"# } ?? ""
    let request = #"{"method":"\#(method)","url":"https://sp.example.net\#(path)","headers":[]\#(postData)}"#
    let entry = #"{"startedDateTime":"2025-01-01T00:00:00Z","request":\#(request),"#
      + #""response":{"status":204,"content":{"size":0}}}"#
    return #"{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":[\#(entry)]}}"#
  }

  private static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      + "\""
  }
}
