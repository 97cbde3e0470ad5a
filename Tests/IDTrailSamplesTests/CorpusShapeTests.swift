import Foundation
import IDTrailModel
import Testing

@testable import IDTrailSamples

/// Each generated format has the shape of the real samples of that format in `../shared/corpus`:
/// the top-level keys every real record carries are there, and keys both have nest the same way
/// (object, array or scalar). Formats the corpus has no sample of (CSV, state snapshots, HAR,
/// SCIM 1.1, SPML) are checked against the docs by the other suites.
///
/// Skipped when the corpus is absent, as it is in a user's clone: it lives beside the repository.
@Suite(.enabled(if: SharedCorpus.path != nil, "../shared/corpus is not beside the repository"))
struct CorpusShapeTests {
  static var corpus: String? { SharedCorpus.path }

  /// One format's comparison: where its real samples are, and the top-level keys real records
  /// carry that the generator leaves out on purpose.
  struct Case: Sendable, CustomTestStringConvertible {
    var format: FormatID
    var corpusFiles: [String]
    var generated: String
    var omitted: Set<String> = []

    var testDescription: String { format.rawValue }
  }

  static let cases: [Case] = [
    Case(
      format: .gitlabAuditAPI,
      corpusFiles: [
        "gitlab/gitlab-docs_api-audit-events/group_audit_events_list_response.json",
        "gitlab/gitlab-docs_api-audit-events/project_audit_events_list_response.json",
      ], generated: "logs/gitlab/audit-events-api/2026-07-01-page-1.json"),
    Case(
      format: .gitlabAuditStream,
      corpusFiles: [
        "gitlab/gitlab-docs_audit-event-streaming/merge_request_create.json",
        "gitlab/gitlab-docs_audit-event-streaming/repository_git_operation_ssh_push_user.json",
        "gitlab/gitlab-docs_audit-event-streaming/project_group_link_update.json",
      ], generated: "logs/gitlab/audit-events-stream.ndjson"),
    Case(
      format: .gitlabAuditJSONLog, corpusFiles: ["gitlab/elastic-integrations_gitlab/test-audit.log"],
      generated: "logs/gitlab/audit_json.log",
      omitted: ["with"]),  // the corpus line is a sign-in; only sign-ins carry `with`
    Case(
      format: .gitlabAPILog, corpusFiles: ["gitlab/elastic-integrations_gitlab/test-gitlab-api.first5.log"],
      generated: "logs/gitlab/api_json.log", omitted: perDatabaseCounters),
    Case(
      format: .gitlabProductionLog,
      corpusFiles: ["gitlab/elastic-integrations_gitlab/test-gitlab-production.first3.log"],
      generated: "logs/gitlab/production_json.log", omitted: perDatabaseCounters),
    Case(
      format: .oktaSystemLog,
      corpusFiles: [
        "okta/okta-developer-docs/systemlog-api_logevent_user.session.start.json",
        "okta/sekoia-intake-formats/test_login.json",
        "okta/sekoia-intake-formats/test_authentication_sso.json",
        "okta/sekoia-intake-formats/test_update_account.json",
      ], generated: "logs/okta/system-log.json"),
    Case(
      format: .entraProvisioning,
      corpusFiles: ["entra/ms-graph-docs/provisioningobjectsummary-list_example2_failure.http"],
      generated: "logs/entra/provisioning.json"),
    Case(
      format: .entraAudit,
      corpusFiles: ["entra/ms-graph-docs/directoryaudit-list_example1_add_member_to_group.http"],
      generated: "logs/entra/directory-audits.json"),
    Case(
      format: .googleAdmin,
      corpusFiles: ["google_workspace/invictus-ir_gws_dataset/reports-activities_admin.json"],
      generated: "logs/google/admin-activities.json"),
  ]

  /// Newer GitLab versions split `db_*` counters per database (main, ci, replicas) and add
  /// `rate_limiting_gates`; the generator writes the totals only, to keep the sample small.
  static let perDatabaseCounters: Set<String> = {
    var keys: Set<String> = [
      "rate_limiting_gates", "redis_duration_s", "redis_read_bytes", "redis_write_bytes",
    ]
    for database in ["ci", "main", "primary", "replica", "main_replica", "ci_replica"] {
      for counter in [
        "count", "cached_count", "duration_s", "txn_count", "txn_duration_s", "wal_count", "wal_cached_count",
      ] {
        keys.insert("db_\(database)_\(counter)")
      }
    }
    keys.insert("db_txn_count")
    return keys
  }()

  /// Fields whose type varies in GitLab's own output (formats-gitlab.md §7).
  static let polymorphic: Set<String> = [
    "details.custom_message", "custom_message", "params[].value", "id", "target_id",
  ]

  @Test(arguments: cases)
  func generatedRecordsHaveTheShapeOfRealOnes(_ shape: Case) throws {
    let corpus = try #require(Self.corpus)
    let real = try shape.corpusFiles.flatMap { try Self.records(in: corpus + "/" + $0) }
    let bytes = try #require(SampleFixture.bytes(shape.generated))
    let generated = try Self.records(in: bytes)
    try #require(!real.isEmpty && !generated.isEmpty)

    let core = real.map { Set($0.keys) }.reduce(Set(real[0].keys)) { $0.intersection($1) }
    let ours = generated.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
    #expect(core.subtracting(ours).subtracting(shape.omitted).sorted() == [], "top-level keys missing")

    var realKinds: [String: String] = [:]
    var ourKinds: [String: String] = [:]
    for record in real { Self.flatten(record, into: &realKinds) }
    for record in generated { Self.flatten(record, into: &ourKinds) }
    let mismatched = realKinds.keys.sorted().filter { path in
      guard let ours = ourKinds[path], let theirs = realKinds[path] else { return false }
      return ours != theirs && ours != "null" && theirs != "null" && !Self.polymorphic.contains(path)
    }
    #expect(mismatched == [], "paths nested differently from the real samples")
  }

  @Test func windowsEventsCarryTheFieldsOfMicrosoftsSamples() throws {
    let corpus = try #require(Self.corpus)
    let generated = String(
      decoding: try #require(SampleFixture.bytes("logs/windows/dc01-security.xml")), as: UTF8.self)
    let events = generated.split(separator: "\n").map(String.init)
    for (eventID, file) in [
      (4720, "event-4720_user_account_created_ie-rendered.xml.txt"),
      (4740, "event-4740_account_locked_out_ie-rendered.xml.txt"),
    ] {
      let real = try String(
        contentsOfFile: corpus + "/windows_xml/ms-windows-itpro-docs/" + file, encoding: .utf8)
      let ours = try #require(events.first { $0.contains("<EventID>\(eventID)</EventID>") })
      #expect(Self.dataNames(ours) == Self.dataNames(real), "EventData of \(eventID)")
      #expect(Self.systemElements(ours) == Self.systemElements(real), "System of \(eventID)")
    }
  }

  // MARK: Reading

  /// The records of a JSON file: an array, an envelope's array, NDJSON lines, or one object
  /// (an HTTP response's body when the file starts with a status line).
  static func records(in path: String) throws -> [[String: Any]] {
    try records(in: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
  }

  static func records(in bytes: [UInt8]) throws -> [[String: Any]] {
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasPrefix("HTTP/"), let body = text.range(of: "\n\n") ?? text.range(of: "\r\n\r\n") {
      text = String(text[body.upperBound...])
    }
    if let whole = try? JSONSerialization.jsonObject(with: Data(text.utf8)) {
      if let array = whole as? [[String: Any]] { return array }
      if let object = whole as? [String: Any] {
        for key in ["value", "items", "activities"] {
          if let inner = object[key] as? [[String: Any]] { return inner }
        }
        return [object]
      }
    }
    return text.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
    }
  }

  /// Every key path of `value` with the kind found there; array elements share the path `[]`.
  static func flatten(_ value: Any, path: String = "", into kinds: inout [String: String]) {
    switch value {
    case let object as [String: Any]:
      if !path.isEmpty { kinds[path] = "object" }
      for (key, child) in object { flatten(child, path: path.isEmpty ? key : path + "." + key, into: &kinds) }
    case let array as [Any]:
      kinds[path] = "array"
      for element in array { flatten(element, path: path + "[]", into: &kinds) }
    case is NSNull:
      if kinds[path] == nil { kinds[path] = "null" }
    default:
      kinds[path] = "scalar"
    }
  }

  private static func flatten(_ record: [String: Any], into kinds: inout [String: String]) {
    flatten(record as Any, into: &kinds)
  }

  static func dataNames(_ xml: String) -> [String] {
    xml.matches(of: /Data Name="([A-Za-z]+)"/).map { String($0.output.1) }
  }

  static func systemElements(_ xml: String) -> [String] {
    guard let start = xml.range(of: "<System>"), let end = xml.range(of: "</System>") else { return [] }
    return xml[start.upperBound..<end.lowerBound].matches(of: /<([A-Za-z]+)[ \/>]/).map {
      String($0.output.1)
    }
  }
}

/// The third-party sample corpus beside the repository (`<repo>/../shared/corpus`), if present.
enum SharedCorpus {
  static let path: String? = {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let path = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }()
}
