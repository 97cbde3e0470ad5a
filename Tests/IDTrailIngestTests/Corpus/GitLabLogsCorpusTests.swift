import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// The GitLab log samples in `../shared/corpus/gitlab` (see its `SOURCES.md`): the elastic ones are
/// RESTRICTED and read in place only. A clone without `../shared` skips this suite.
@Suite(.enabled(if: LogsSCIMTestSupport.corpusRoot != nil, "needs ../shared/corpus beside the checkout"))
struct GitLabLogsCorpusTests {
  private typealias Support = LogsSCIMTestSupport

  private static func path(_ relative: String) -> String {
    (Support.corpusRoot?.appendingPathComponent("gitlab/\(relative)").path) ?? relative
  }

  /// The api, application, production and auth logs: format, records, decoded, skipped, rejected.
  private static let expected: [(String, FormatID?, Int, Int, Int, Int)] = [
    ("elastic-integrations_gitlab/test-application.first20.log", .gitlabApplicationLog, 20, 5, 15, 0),
    ("elastic-integrations_gitlab/test-auth.log", .gitlabApplicationLog, 1, 0, 1, 0),
    ("elastic-integrations_gitlab/test-gitlab-api.first5.log", .gitlabAPILog, 5, 3, 2, 0),
    ("elastic-integrations_gitlab/test-gitlab-production.first3.log", .gitlabProductionLog, 3, 2, 1, 0),
    ("gitlab-docs_logs/api_json_log_example_truncated_ellipsis.pretty.json.txt", nil, 1, 0, 0, 1),
    (
      "gitlab-docs_logs/application_json_log_examples_2objects.pretty.json.txt", .gitlabApplicationLog, 2, 1,
      1, 0
    ),
    (
      "gitlab-docs_logs/auth_json_log_example_rack_attack_blocklist.pretty.json", .gitlabApplicationLog, 1, 0,
      1, 0
    ),
    ("gitlab-docs_logs/production_json_log_example1_get_issue.pretty.json", .gitlabProductionLog, 1, 1, 0, 0),
    (
      "gitlab-docs_logs/production_json_log_example2_actioncable_subscribe.pretty.json", .gitlabProductionLog,
      1, 1, 0, 0
    ),
    (
      "gitlab-docs_logs/production_json_log_example3_500_exception_duplicate_key.pretty.json",
      .gitlabProductionLog, 1, 1, 0, 0
    ),
  ]

  @Test func everyLogFileGetsItsFormatAndCounts() throws {
    for (file, format, records, decoded, skipped, rejected) in Self.expected {
      let output = try Support.ingest(Self.path(file))
      #expect(output.format == format, "\(file)")
      #expect(output.records == records, "\(file)")
      #expect(output.decoded == decoded, "\(file)")
      #expect(output.skippedCount == skipped, "\(file)")
      #expect(output.rejectedCount == rejected, "\(file)")
    }
    // The docs' api_json example is cut with a literal "..." (SOURCES.md): not valid JSON.
    let ellipsis = try Support.ingest(
      Self.path("gitlab-docs_logs/api_json_log_example_truncated_ellipsis.pretty.json.txt"))
    #expect(ellipsis.rejections.first?.reason.hasPrefix("starts like JSON, but the record at ") == true)
  }

  /// Adding the log decoders must not take any file from the audit decoders.
  @Test func theAuditDecodersKeepClaimingTheirInputs() throws {
    let root = try #require(Support.corpusRoot).appendingPathComponent("gitlab")
    let audit: [any FormatDecoder] = [
      GitLabAuditStreamDecoder(), GitLabAuditJSONLogDecoder(), GitLabAuditAPIDecoder(),
    ]
    var compared = 0
    for directory in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
      let folder = root.appendingPathComponent(directory)
      for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
        let input = try InputBytes.open(folder.appendingPathComponent(file).path)
        guard let auditFormat = Ingest.decode(input, decoders: audit).format else { continue }
        #expect(Ingest.decode(input).format == auditFormat, "\(directory)/\(file)")
        compared += 1
      }
    }
    #expect(compared == 19)
  }

  @Test func elasticApplicationLogSignInsAndLifecycle() throws {
    let output = try Support.ingest(Self.path("elastic-integrations_gitlab/test-application.first20.log"))
    let root = Support.ids((.gitlabUserID, "1"), (.gitlabUsername, "root"))
    #expect(
      output.events.map(\.action) == [
        .authFailure, .sessionEnd, .authSuccess, .accountCreate, .accountDelete,
      ])
    #expect(
      output.events.map(\.subject) == [
        Support.ids((.gitlabUsername, "test")), root, root,
        Support.ids((.displayName, "test23"), (.email, "test23@elastic.co")),
        Support.ids((.displayName, "test11"), (.email, "test@elastci.co")),
      ])
    #expect(output.events.map(\.actor.kind) == [.unauthenticated, .person, .person, .person, .system])
    #expect(
      Support.event(output, line: 16)?.nativeID
        == "01HZ7YVD5VY6ZNVA6NHF1T9J64#Successful Login#gitlab.user_id:1,gitlab.username:root")
  }

  @Test func elasticAPILogActivityKeepsNoFilteredToken() throws {
    let output = try Support.ingest(Self.path("elastic-integrations_gitlab/test-gitlab-api.first5.log"))
    let root = Support.ids((.gitlabUserID, "1"), (.gitlabUsername, "root"))
    #expect(output.events.map(\.action) == [.activity, .activity, .activity])
    #expect(output.events.allSatisfy { $0.subject == root && $0.channel == .api })
    #expect(
      output.events.map(\.rawAction) == [
        "GET /api/:version/application/statistics", "GET /api/:version/application/statistics",
        "GET /api/:version/projects",
      ])
    #expect(!(try Support.encoded(output)).contains("FILTERED"))
  }

  @Test func productionLogsSignedInRequests() throws {
    let elastic = try Support.ingest(
      Self.path("elastic-integrations_gitlab/test-gitlab-production.first3.log"))
    #expect(elastic.events.map(\.rawAction) == ["DashboardController#activity", "GraphqlController#execute"])
    #expect(elastic.skipped == ["request by no signed-in user": 1])
    let cable = try Support.ingest(
      Self.path("gitlab-docs_logs/production_json_log_example2_actioncable_subscribe.pretty.json"))
    #expect(cable.events.first?.rawAction == "IssuesChannel#subscribe")
    #expect(cable.events.first?.subject == Support.ids((.gitlabUserID, "1"), (.gitlabUsername, "admin")))
    let failed = try Support.ingest(
      Self.path("gitlab-docs_logs/production_json_log_example3_500_exception_duplicate_key.pretty.json"))
    #expect(failed.events.first?.outcome == .failure("HTTP 500", httpStatus: 500))
    #expect(failed.events.first?.nativeID == "KjDVUhNvvV3")
  }
}
