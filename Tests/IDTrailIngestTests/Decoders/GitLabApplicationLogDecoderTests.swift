import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// `gitlab.log.application_json` on hand-written fixtures: every message the decoder reads, bad lines.
@Suite struct GitLabApplicationLogDecoderTests {
  private typealias Support = LogsSCIMTestSupport
  private let decoder = GitLabApplicationLogDecoder()
  private let format = "gitlab.log.application_json"

  @Test func identityLinesBecomeEvents() throws {
    let output = try Support.decode(decoder, fixture: format, "lines.ndjson")
    #expect(output.records == 12)
    #expect(output.decoded == 10)
    #expect(
      output.skipped == [
        "Rack::Attack throttling or blocklist line (auth_json.log): no identity change": 1,
        "not a sign-in, sign-out, deactivation, ban or user lifecycle line": 1,
      ])
    #expect(output.rejectedCount == 0)
    let root = Support.ids((.gitlabUserID, "1"), (.gitlabUsername, "root"))
    let rootByName = Actor(kind: .person, identifiers: Support.ids((.gitlabUsername, "root")))

    let signIn = try #require(Support.event(output, line: 1))
    #expect(signIn.action == .authSuccess)
    #expect(signIn.rawAction == "Successful Login")
    #expect(signIn.subject == root)
    #expect(signIn.actor == Actor(kind: .person, identifiers: root))
    #expect(signIn.stage == .gitlab)
    #expect(signIn.channel == .manualUI)
    #expect(signIn.source == .gitlabApplicationLog)
    #expect(signIn.outcome == .success)
    #expect(signIn.time == Support.time("2024-05-31T18:33:33.869Z"))
    #expect(
      signIn.nativeID == "01HZ7YVD5VY6ZNVA6NHF1T9J64#Successful Login#gitlab.user_id:1,gitlab.username:root")

    // A typed login: an email when it has an "@", else a username; the caller is unauthenticated.
    let failedByEmail = try #require(Support.event(output, line: 2))
    #expect(failedByEmail.action == .authFailure)
    #expect(failedByEmail.subject == Support.ids((.email, "sam.dev@acme.example")))
    #expect(
      failedByEmail.actor
        == Actor(kind: .unauthenticated, identifiers: Support.ids((.email, "sam.dev@acme.example"))))
    #expect(failedByEmail.outcome == .failure("failed sign-in: wrong login or password"))
    #expect(Support.event(output, line: 3)?.subject == Support.ids((.gitlabUsername, "bob")))

    let logout = try #require(Support.event(output, line: 4))
    #expect(logout.action == .sessionEnd)
    #expect(logout.subject == root)

    let deactivated = try #require(Support.event(output, line: 5))
    #expect(deactivated.action == .accountDisable)
    #expect(deactivated.rawAction == "User deactivated")
    #expect(
      deactivated.subject
        == Support.ids((.email, "sam.dev@acme.example"), (.gitlabUserID, "7"), (.gitlabUsername, "sam.dev")))
    #expect(deactivated.actor == rootByName)
    #expect(deactivated.outcome == .success)

    let failedDeactivation = try #require(Support.event(output, line: 6))
    #expect(failedDeactivation.action == .accountDisable)
    #expect(failedDeactivation.outcome == .failure("Error occurred. A blocked user cannot be deactivated"))

    // Ban: the older shape names the user in `user`; unban in `username` with `user_id`.
    let ban = try #require(Support.event(output, line: 7))
    #expect(ban.action == .accountDisable)
    #expect(ban.rawAction == "User ban")
    #expect(ban.subject == Support.ids((.email, "mallory@acme.example"), (.gitlabUsername, "mallory")))
    #expect(ban.actor == rootByName)
    let unban = try #require(Support.event(output, line: 8))
    #expect(unban.action == .accountEnable)
    #expect(
      unban.subject
        == Support.ids((.email, "mallory@acme.example"), (.gitlabUserID, "11"), (.gitlabUsername, "mallory")))
    #expect(unban.actor == rootByName)

    // Legacy lifecycle lines: created by the request's user; removed by a cron job.
    let created = try #require(Support.event(output, line: 9))
    #expect(created.action == .accountCreate)
    #expect(created.rawAction == "User was created")
    #expect(created.subject == Support.ids((.displayName, "Sam Dev"), (.email, "sam.dev@acme.example")))
    #expect(created.actor == Actor(kind: .person, identifiers: root))
    #expect(created.channel == .manualUI)
    let removed = try #require(Support.event(output, line: 10))
    #expect(removed.action == .accountDelete)
    #expect(removed.subject == Support.ids((.displayName, "test11"), (.email, "test@example.com")))
    #expect(removed.actor == .system)
    #expect(removed.channel == .systemJob)
  }

  @Test func badLinesAreRejectedWithTheirLineAndTheRestIsDecoded() throws {
    let output = try Support.decode(decoder, fixture: format, "bad.ndjson")
    #expect(output.records == 8)
    #expect(output.decoded == 2)
    #expect(output.rejectedCount == 6)
    #expect(Support.event(output, line: 1)?.subject == Support.ids((.gitlabUsername, "sam.dev")))
    #expect(Support.event(output, line: 8)?.subject == Support.ids((.gitlabUsername, "kim")))
    let reasons = Support.rejectionsByLine(output)
    #expect(reasons[2] == "no message field")
    #expect(reasons[3] == "message is a number, not a string")
    #expect(reasons[4] == "User deactivated line names no user (no username, user, user_id or email)")
    #expect(reasons[5] == "Successful Login line without username=")
    #expect(reasons[6]?.hasPrefix("malformed JSON: ") == true)
    #expect(reasons[7] == "time is not a valid time: \"2024-06-03T09:00:06\"")
  }

  @Test func theSnifferPicksThisDecoderForItsFixturesAndKeepsAuditLinesForTheAuditDecoder() throws {
    #expect(try Support.sniffedFormat(fixture: format, "lines.ndjson") == .gitlabApplicationLog)
    let auditLine = """
      {"severity":"INFO","time":"2024-05-10T17:46:49.065Z","author_id":1,"author_name":"Administrator",\
      "entity_id":1,"entity_type":"User","created_at":"2024-05-10T17:46:49.058+00:00","with":"standard",\
      "message":"not an application line"}
      """
    let format = InputBytes(path: "audit", bytes: Array(auditLine.utf8)).withBytes {
      FormatSniffer.decoder(for: $0, among: DecoderRegistry.all)?.format
    }
    #expect(format == .gitlabAuditJSONLog)
  }
}
