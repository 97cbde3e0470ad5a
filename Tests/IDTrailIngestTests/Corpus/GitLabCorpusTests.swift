import IDTrailIngest
import IDTrailModel
import Testing

/// Where the third-party GitLab corpus is: `<repo>/../shared/corpus/gitlab/`.
///
/// The corpus lives beside the repository on the project's machines only; a user's clone has no
/// `../shared`, so the tests that read it are skipped when the folder is absent.
enum GitLabCorpus {
  static let root: String = {
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(4)  // Tests/IDTrailIngestTests/Corpus/GitLabCorpusTests.swift
    return components.joined(separator: "/") + "/../shared/corpus/gitlab"
  }()

  static var exists: Bool { (try? InputBytes.open(root + "/../SOURCES.md")) != nil }
}

/// Every file of the GitLab corpus, read the way `idtrail inspect` reads it.
@Suite(.enabled(if: GitLabCorpus.exists, "no ../shared/corpus/gitlab beside the repository"))
struct GitLabCorpusTests {
  private static let root = GitLabCorpus.root

  /// What a corpus file must read as.
  struct Expectation: Sendable, CustomTestStringConvertible {
    enum Reading: Sendable {
      /// Read by this decoder with these counts.
      case format(FormatID, records: Int, decoded: Int, skipped: Int, rejected: Int)
      /// No format reads it: an HTTP header block, or a doc example that is not JSON.
      case unrecognised(reasonPrefix: String)
    }

    var file: String
    var reading: Reading
    var testDescription: String { file }
  }

  static let expectations: [Expectation] = [
    .init(
      file: "elastic-integrations_gitlab/test-application.first20.log",
      reading: .format(.gitlabApplicationLog, records: 20, decoded: 5, skipped: 15, rejected: 0)),
    .init(
      file: "elastic-integrations_gitlab/test-audit.log",
      reading: .format(.gitlabAuditJSONLog, records: 2, decoded: 2, skipped: 0, rejected: 0)),
    .init(
      file: "elastic-integrations_gitlab/test-auth.log",
      reading: .format(.gitlabApplicationLog, records: 1, decoded: 0, skipped: 1, rejected: 0)),
    .init(
      file: "elastic-integrations_gitlab/test-gitlab-api.first5.log",
      reading: .format(.gitlabAPILog, records: 5, decoded: 3, skipped: 2, rejected: 0)),
    .init(
      file: "elastic-integrations_gitlab/test-gitlab-production.first3.log",
      reading: .format(.gitlabProductionLog, records: 3, decoded: 2, skipped: 1, rejected: 0)),
    .init(
      file: "gitlab-docs_api-audit-events/group_audit_events_list_response.json",
      reading: .format(.gitlabAuditAPI, records: 2, decoded: 2, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_api-audit-events/instance_audit_event_single_response.json",
      reading: .format(.gitlabAuditAPI, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_api-audit-events/instance_audit_events_list_response.json",
      reading: .format(.gitlabAuditAPI, records: 4, decoded: 4, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_api-audit-events/project_audit_events_list_response.json",
      reading: .format(.gitlabAuditAPI, records: 2, decoded: 2, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/audit_operation_invalid_mr_approver_rules.json",
      reading: .unrecognised(reasonPrefix: "starts like JSON, but the record at ")),
    .init(
      file: "gitlab-docs_audit-event-streaming/audit_operation_mr_approved.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/headers_repository_git_operation.http",
      reading: .unrecognised(reasonPrefix: "raw HTTP message text")),
    .init(
      file: "gitlab-docs_audit-event-streaming/merge_request_create.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/project_fork_operation.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/project_group_link_create.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/project_group_link_destroy.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/project_group_link_update.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/repository_git_operation_http_fetch_deploytoken.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 0, skipped: 1, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/repository_git_operation_http_fetch_user.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/repository_git_operation_http_push_user.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/repository_git_operation_ssh_fetch_deploykey.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 0, skipped: 1, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/repository_git_operation_ssh_fetch_user.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/repository_git_operation_ssh_push_user.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_audit-event-streaming/repository_git_operation_ui_download.json",
      reading: .format(.gitlabAuditStream, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_logs/api_json_log_example_truncated_ellipsis.pretty.json.txt",
      reading: .unrecognised(reasonPrefix: "starts like JSON, but the record at ")),
    .init(
      file: "gitlab-docs_logs/application_json_log_examples_2objects.pretty.json.txt",
      reading: .format(.gitlabApplicationLog, records: 2, decoded: 1, skipped: 1, rejected: 0)),
    .init(
      file: "gitlab-docs_logs/audit_json_log_example_visibility_change.pretty.json",
      reading: .format(.gitlabAuditJSONLog, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_logs/auth_json_log_example_rack_attack_blocklist.pretty.json",
      reading: .format(.gitlabApplicationLog, records: 1, decoded: 0, skipped: 1, rejected: 0)),
    .init(
      file: "gitlab-docs_logs/production_json_log_example1_get_issue.pretty.json",
      reading: .format(.gitlabProductionLog, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_logs/production_json_log_example2_actioncable_subscribe.pretty.json",
      reading: .format(.gitlabProductionLog, records: 1, decoded: 1, skipped: 0, rejected: 0)),
    .init(
      file: "gitlab-docs_logs/production_json_log_example3_500_exception_duplicate_key.pretty.json",
      reading: .format(.gitlabProductionLog, records: 1, decoded: 1, skipped: 0, rejected: 0)),
  ]

  @Test func theExpectationsCoverEveryCorpusFile() {
    let collected = InputCollector.collect([Self.root])
    #expect(collected.problems.isEmpty)
    let files = collected.paths.map { String($0.dropFirst(Self.root.count + 1)) }
    #expect(files == Self.expectations.map(\.file))
  }

  @Test(arguments: GitLabCorpusTests.expectations)
  func corpusFileReadsAsExpected(_ expectation: Expectation) throws {
    let input = Ingest.decode(try InputBytes.open(Self.root + "/" + expectation.file))
    #expect(input.records == input.decoded + input.skippedCount + input.rejectedCount)
    #expect(input.events.count == input.decoded)
    switch expectation.reading {
    case .format(let format, let records, let decoded, let skipped, let rejected):
      #expect(input.format == format)
      #expect(input.records == records)
      #expect(input.decoded == decoded)
      #expect(input.skippedCount == skipped)
      #expect(input.rejectedCount == rejected)
    case .unrecognised(let prefix):
      expectUnrecognised(input, reasonPrefix: prefix)
    }
  }

  private func expectUnrecognised(
    _ input: DecodedInput, reasonPrefix: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(input.format == nil, sourceLocation: sourceLocation)
    #expect(input.records == 1 && input.rejectedCount == 1, sourceLocation: sourceLocation)
    #expect(input.rejections.map(\.locator) == [.line(1, in: input.path)], sourceLocation: sourceLocation)
    #expect(input.rejections.first?.reason.hasPrefix(reasonPrefix) == true, sourceLocation: sourceLocation)
  }

  // MARK: - What the audit files say

  @Test func auditJSONLogSampleHoldsASignInAndAVisibilityChange() throws {
    let input = Ingest.decode(try InputBytes.open(Self.root + "/elastic-integrations_gitlab/test-audit.log"))
    #expect(input.events.map(\.action) == [.authSuccess, .activity])
    #expect(input.events.map(\.rawAction) == ["legacy:with:standard", "legacy:change:visibility"])
    let signIn = try #require(input.events.first)
    // `meta.user` names the author when `meta.user_id` is the author's id.
    let author = ["gitlab.user_id:1", "display_name:Administrator", "gitlab.username:root"]
    #expect(signIn.actor.identifiers.map(\.description) == author)
    #expect(signIn.subject.map(\.description) == author)
    #expect(signIn.originalTime == "2024-05-10T17:46:49.058+00:00")
  }

  @Test func instanceListHoldsAnEmailChangeAmongActivity() throws {
    let path = Self.root + "/gitlab-docs_api-audit-events/instance_audit_events_list_response.json"
    let input = Ingest.decode(try InputBytes.open(path))
    #expect(input.events.map(\.action) == [.activity, .activity, .accountUpdate, .activity])
    #expect(
      input.events.map(\.rawAction) == [
        "legacy:custom_message", "legacy:add:group", "legacy:change:email address",
        "audit_events_streaming_instance_headers_create",
      ])
    #expect(input.events.map { $0.resource?.name } == ["flightjs/flight", "flightjs", nil, "instance"])
    #expect(input.events[2].subject.first == Identifier(.gitlabUserID, "51"))
  }

  @Test func deployTokenAndDeployKeyGitOperationsAreSkipped() throws {
    for name in ["http_fetch_deploytoken", "ssh_fetch_deploykey"] {
      let path = Self.root + "/gitlab-docs_audit-event-streaming/repository_git_operation_\(name).json"
      let input = Ingest.decode(try InputBytes.open(path))
      #expect(input.skipped.keys.sorted().first?.hasPrefix("no identity effect (authored by deploy-") == true)
    }
  }
}
