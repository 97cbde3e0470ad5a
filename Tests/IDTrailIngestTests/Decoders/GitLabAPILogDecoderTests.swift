import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// `gitlab.log.api_json` on hand-written fixtures: SCIM calls, token rotations, activity, bad lines.
@Suite struct GitLabAPILogDecoderTests {
  private typealias Support = LogsSCIMTestSupport
  private let decoder = GitLabAPILogDecoder()
  private let format = "gitlab.log.api_json"

  private static let groupAcme = Resource(kind: .gitlabNamespace, name: "acme")
  private static let instance = Resource(kind: .gitlabInstance, name: "instance")
  private static let samExtern = LogsSCIMTestSupport.ids(
    (.gitlabExternUID, "00u1abcd"), (.scimExternalID, "00u1abcd"))

  @Test func scimCallsBecomeProvisioningRequestsWithTheStatusAsOutcome() throws {
    let output = try Support.decode(decoder, fixture: format, "scim.ndjson")
    #expect(output.records == 12)
    #expect(output.decoded == 11)
    #expect(output.skipped == ["SCIM lookup (GET): reads, changes nothing": 1])
    #expect(output.rejectedCount == 0)
    #expect(output.events.count == 11)

    // POST → create; params tie externalId, userName and the work email.
    let create = try #require(Support.event(output, line: 1))
    #expect(create.action == .provisionRequest)
    #expect(create.provisioning == .create)
    #expect(create.stage == .scim)
    #expect(create.channel == .scim)
    #expect(create.source == .gitlabAPILog)
    #expect(create.time == Support.time("2025-02-01T10:20:00.123Z"))
    #expect(create.originalTime == "2025-02-01T10:20:00.123Z")
    #expect(create.nativeID == "01SCIMPOST")
    #expect(create.rawAction == "POST /api/scim/:version/groups/:group/Users")
    #expect(create.actor == Actor(kind: .provisioningClient, identifiers: []))
    #expect(create.resource == Self.groupAcme)
    #expect(create.outcome == Outcome(succeeded: true, httpStatus: 201))
    #expect(
      create.subject
        == Support.ids(
          (.displayName, "Sam Dev"), (.email, "sam.dev@acme.example"), (.gitlabExternUID, "00u1abcd"),
          (.gitlabUsername, "sam.dev"), (.scimExternalID, "00u1abcd")))

    // PATCH, Entra legacy: capitalised op and "False" as a string → deactivate; the path id is the
    // extern_uid.
    let deactivate = try #require(Support.event(output, line: 2))
    #expect(deactivate.provisioning == .deactivate)
    #expect(deactivate.subject == Self.samExtern)
    #expect(deactivate.outcome == Outcome(succeeded: true, httpStatus: 204))
    #expect(deactivate.rawAction == "PATCH /api/scim/:version/groups/:group/Users/:id")

    // PATCH, Okta path-less value object, on the instance API.
    let okta = try #require(Support.event(output, line: 3))
    #expect(okta.provisioning == .deactivate)
    #expect(okta.resource == Self.instance)
    #expect(okta.subject == Support.ids((.gitlabExternUID, "00u2efgh"), (.scimExternalID, "00u2efgh")))

    #expect(Support.event(output, line: 4)?.provisioning == .reactivate)
    // Another attribute → update; the unknown op "Update" is ignored, as GitLab ignores it.
    #expect(Support.event(output, line: 5)?.provisioning == .update)

    let delete = try #require(Support.event(output, line: 6))
    #expect(delete.provisioning == .delete)
    #expect(delete.resource == Self.instance)
    #expect(Support.events(output, line: 7).isEmpty)

    // 401: the IdP holds a stale token, on a change and on a lookup alike.
    let rejectedPatch = try #require(Support.event(output, line: 8))
    #expect(rejectedPatch.provisioning == .deactivate)
    #expect(rejectedPatch.outcome == .failure("SCIM token rejected", httpStatus: 401))
    let rejectedLookup = try #require(Support.event(output, line: 9))
    #expect(rejectedLookup.provisioning == nil)
    #expect(rejectedLookup.outcome == .failure("SCIM token rejected", httpStatus: 401))
    #expect(rejectedLookup.subject == Support.ids((.gitlabUsername, "sam.dev")))

    // 409 conflict on POST; a userName with "@" is an email; the work email wins over home.
    let conflict = try #require(Support.event(output, line: 10))
    #expect(conflict.provisioning == .create)
    #expect(conflict.outcome == .failure("conflict: the user already exists", httpStatus: 409))
    #expect(
      conflict.subject
        == Support.ids(
          (.email, "kim@acme.example"), (.gitlabExternUID, "00u3ijkl"), (.scimExternalID, "00u3ijkl")))

    let failedDelete = try #require(Support.event(output, line: 11))
    #expect(failedDelete.provisioning == .delete)
    #expect(failedDelete.outcome == .failure("HTTP 412", httpStatus: 412))

    // Operations logged as JSON text are parsed too.
    #expect(Support.event(output, line: 12)?.provisioning == .deactivate)
  }

  @Test func tokenRotationsAndAuthenticatedRequests() throws {
    let output = try Support.decode(decoder, fixture: format, "activity.ndjson")
    #expect(output.records == 8)
    #expect(output.decoded == 7)
    #expect(output.skipped == ["unauthenticated request (no user_id or username)": 1])
    #expect(output.rejectedCount == 0)
    let root = Support.ids((.gitlabUserID, "1"), (.gitlabUsername, "root"))
    let sam = Support.ids((.gitlabUserID, "7"), (.gitlabUsername, "sam.dev"))

    let token = try #require(Support.event(output, line: 1))
    #expect(token.action == .activity)
    #expect(token.stage == .gitlab)
    #expect(token.channel == .api)
    #expect(token.subject == root)
    #expect(token.actor == Actor(kind: .person, identifiers: root))
    #expect(token.resource == Resource(kind: .gitlabNamespace, name: "acme/app"))
    #expect(token.rawAction == "GET /api/:version/projects")
    #expect(token.nativeID == "01APIPAT")
    #expect(token.outcome == Outcome(succeeded: true, httpStatus: 200))

    let session = try #require(Support.event(output, line: 2))
    #expect(session.action == .activity)
    #expect(session.subject == sam)
    #expect(session.resource == nil)
    #expect(Support.events(output, line: 3).isEmpty)

    let personal = try #require(Support.event(output, line: 4))
    #expect(personal.action == .credentialRotate)
    #expect(personal.subject == sam)
    #expect(personal.actor == Actor(kind: .person, identifiers: sam))
    #expect(personal.resource == Resource(kind: .credential, name: "personal_access_tokens/17"))
    #expect(personal.channel == .api)
    #expect(personal.rawAction == "POST /api/:version/personal_access_tokens/:id/rotate")
    #expect(personal.outcome == Outcome(succeeded: true, httpStatus: 200))

    let group = try #require(Support.event(output, line: 5))
    #expect(group.action == .credentialRotate)
    #expect(group.resource == Resource(kind: .credential, name: "groups/acme/access_tokens/42"))
    let project = try #require(Support.event(output, line: 6))
    #expect(project.action == .credentialRotate)
    #expect(project.resource == Resource(kind: .credential, name: "projects/5/access_tokens/9"))
    #expect(project.outcome == .failure("HTTP 403", httpStatus: 403))

    // An old line: duration in milliseconds, no correlation_id.
    let old = try #require(Support.event(output, line: 7))
    #expect(old.action == .activity)
    #expect(old.subject == root)
    #expect(old.nativeID == nil)
    #expect(old.time == Support.time("2018-10-29T12:49:42.123Z"))

    #expect(Support.event(output, line: 8)?.outcome == .failure("HTTP 500", httpStatus: 500))
  }

  @Test func badLinesAreRejectedWithTheirLineAndTheRestIsDecoded() throws {
    let output = try Support.decode(decoder, fixture: format, "bad.ndjson")
    #expect(output.records == 11)
    #expect(output.decoded == 2)
    #expect(output.rejectedCount == 9)
    #expect(output.records == output.decoded + output.skippedCount + output.rejectedCount)
    #expect(Support.event(output, line: 1)?.nativeID == "01GOOD1")
    #expect(Support.event(output, line: 11)?.nativeID == "01GOOD2")
    let reasons = Support.rejectionsByLine(output)
    #expect(reasons[2] == "no time field")
    #expect(reasons[3] == "status is a string, not an integer")
    #expect(reasons[4]?.hasPrefix("malformed JSON: the JSON ends in the middle of a value") == true)
    #expect(reasons[5] == "Operations is an object, not an array")
    #expect(reasons[6] == "Operations[0] sets active to \"maybe\", not a boolean")
    #expect(reasons[7] == "params is an object, not an array of {key, value}")
    #expect(reasons[8] == "time is not a valid time: \"yesterday\"")
    #expect(reasons[9] == "time is a number, not a string")
    #expect(reasons[10] == "userName is a number, not a string")
  }

  @Test func tokensPasswordsAndFilteredValuesNeverReachAnEvent() throws {
    let output = try Support.decode(decoder, fixture: format, "secrets.ndjson")
    #expect(output.decoded == 3)
    let json = try Support.encoded(output)
    for canary in ["CANARY", "[FILTERED]", "FILTERED"] {
      #expect(!json.contains(canary), "\(canary) leaked into the decoded output")
    }
    // The SCIM POST keeps only what is not masked: the externalId.
    #expect(
      Support.event(output, line: 2)?.subject
        == Support.ids((.gitlabExternUID, "00u7secret"), (.scimExternalID, "00u7secret")))
    #expect(
      Support.event(output, line: 3)?.resource
        == Resource(kind: .credential, name: "personal_access_tokens/self"))
  }

  @Test func theSnifferPicksThisDecoderForItsFixtures() throws {
    for name in ["scim.ndjson", "activity.ndjson", "secrets.ndjson"] {
      #expect(try Support.sniffedFormat(fixture: format, name) == .gitlabAPILog, "\(name)")
    }
  }
}
