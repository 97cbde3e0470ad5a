import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// `gitlab.log.production_json` on hand-written fixtures: sign-ins, SCIM token rotations, activity.
@Suite struct GitLabProductionLogDecoderTests {
  private typealias Support = LogsSCIMTestSupport
  private let decoder = GitLabProductionLogDecoder()
  private let format = "gitlab.log.production_json"

  @Test func signInsSCIMTokenRotationsAndActivity() throws {
    let output = try Support.decode(decoder, fixture: format, "requests.ndjson")
    #expect(output.records == 9)
    #expect(output.decoded == 7)
    #expect(
      output.skipped == [
        "sign-in attempt with no signed-in user (failed, or waiting for a second factor)": 1,
        "request by no signed-in user": 1,
      ])
    #expect(output.rejectedCount == 0)
    let root = Support.ids((.gitlabUserID, "1"), (.gitlabUsername, "root"))
    let sam = Support.ids((.gitlabUserID, "7"), (.gitlabUsername, "sam.dev"))

    let signIn = try #require(Support.event(output, line: 1))
    #expect(signIn.action == .authSuccess)
    #expect(signIn.rawAction == "SessionsController#create")
    #expect(signIn.subject == root)
    #expect(signIn.actor == Actor(kind: .person, identifiers: root))
    #expect(signIn.stage == .gitlab)
    #expect(signIn.channel == .manualUI)
    #expect(signIn.source == .gitlabProductionLog)
    #expect(signIn.nativeID == "01PRODLOGIN")
    #expect(signIn.time == Support.time("2024-05-31T18:33:33.860Z"))
    #expect(signIn.outcome == Outcome(succeeded: true, httpStatus: 302))
    #expect(Support.events(output, line: 2).isEmpty)

    let groupToken = try #require(Support.event(output, line: 3))
    #expect(groupToken.action == .credentialRotate)
    #expect(groupToken.rawAction == "Groups::ScimOauthController#create")
    #expect(groupToken.resource == Resource(kind: .credential, name: "groups/acme/scim_token"))
    #expect(groupToken.subject == sam)
    #expect(groupToken.actor == Actor(kind: .person, identifiers: sam))
    #expect(groupToken.outcome == Outcome(succeeded: true, httpStatus: 200))

    let instanceToken = try #require(Support.event(output, line: 4))
    #expect(instanceToken.action == .credentialRotate)
    #expect(instanceToken.resource == Resource(kind: .credential, name: "instance/scim_token"))
    #expect(instanceToken.subject == root)

    let issue = try #require(Support.event(output, line: 5))
    #expect(issue.action == .activity)
    #expect(issue.rawAction == "Projects::IssuesController#show")
    #expect(issue.resource == Resource(kind: .gitlabNamespace, name: "acme/app"))
    #expect(Support.events(output, line: 6).isEmpty)

    // ActionCable: method, path and format are null.
    let cable = try #require(Support.event(output, line: 7))
    #expect(cable.action == .activity)
    #expect(cable.rawAction == "IssuesChannel#subscribe")
    #expect(cable.subject == Support.ids((.gitlabUserID, "1"), (.gitlabUsername, "admin")))

    let failedRotation = try #require(Support.event(output, line: 8))
    #expect(failedRotation.action == .credentialRotate)
    #expect(failedRotation.outcome == .failure("HTTP 422", httpStatus: 422))

    // The user named only by the meta.* context keys.
    #expect(Support.event(output, line: 9)?.subject == root)
  }

  @Test func badLinesAreRejectedWithTheirLineAndTheRestIsDecoded() throws {
    let output = try Support.decode(decoder, fixture: format, "bad.ndjson")
    #expect(output.records == 7)
    #expect(output.decoded == 2)
    #expect(output.rejectedCount == 5)
    #expect(Support.event(output, line: 1)?.nativeID == "01GOOD1")
    #expect(Support.event(output, line: 7)?.nativeID == "01GOOD2")
    let reasons = Support.rejectionsByLine(output)
    #expect(reasons[2] == "no controller field")
    #expect(reasons[3] == "time is a number, not a string")
    #expect(reasons[4] == "status is a string, not an integer")
    #expect(reasons[5]?.hasPrefix("malformed JSON: the JSON ends in the middle of a value") == true)
    #expect(reasons[6] == "controller is an array, not a string")
  }

  @Test func filteredParamsNeverReachAnEvent() throws {
    let output = try Support.decode(decoder, fixture: format, "requests.ndjson")
    let json = try Support.encoded(output)
    #expect(!json.contains("FILTERED"))
    #expect(!json.contains("param_value"))
  }

  @Test func theSnifferPicksThisDecoderForItsFixtures() throws {
    #expect(try Support.sniffedFormat(fixture: format, "requests.ndjson") == .gitlabProductionLog)
  }
}
