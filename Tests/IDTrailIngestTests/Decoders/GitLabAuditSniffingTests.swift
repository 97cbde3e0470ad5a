import IDTrailIngest
import IDTrailModel
import Testing

/// Each GitLab audit fixture is recognised by its own decoder and by no other registered one.
@Suite struct GitLabAuditSniffingTests {
  static let fixtures: [(FormatID, String)] = [
    (.gitlabAuditAPI, "current_page.json"),
    (.gitlabAuditAPI, "current_page.ndjson"),
    (.gitlabAuditAPI, "legacy_page.json"),
    (.gitlabAuditAPI, "truncated_page.json"),
    (.gitlabAuditAPI, "number_element.json"),
    (.gitlabAuditStream, "payloads.ndjson"),
    (.gitlabAuditJSONLog, "audit_json.log"),
  ]

  @Test(arguments: GitLabAuditSniffingTests.fixtures)
  func fixtureGoesToItsDecoderOnly(format: FormatID, name: String) throws {
    let input = try InputBytes.open(GitLabAuditFixtures.path(format, name))
    input.withBytes { bytes in
      #expect(FormatSniffer.decoder(for: bytes, among: DecoderRegistry.all)?.format == format)
      let claimants = DecoderRegistry.all.filter { decoder in
        FormatSniffer.decoder(for: bytes, among: [decoder]) != nil
      }
      #expect(claimants.map(\.format) == [format])
    }
  }

  /// Other GitLab logs share `time` and `severity` with `audit_json.log` but have no author or
  /// entity; none of the audit decoders may take them.
  @Test(arguments: [
    #"{"time":"2025-01-01T00:00:00.000Z","severity":"INFO","method":"GET","path":"/api/v4/projects","status":200}"#,
    #"{"severity":"INFO","time":"2025-01-01T00:00:00.000Z","message":"Successful Login: username=a ip=1.2.3.4"}"#,
    #"{"severity":"ERROR","time":"2025-01-01T00:00:00.000Z","message":"Rack_Attack","env":"blocklist"}"#,
    #"[{"id":1,"username":"sam.dev","state":"active","is_admin":false}]"#,
  ])
  func otherGitLabShapesAreNotAuditEvents(text: String) {
    let decoders: [any FormatDecoder] = [
      GitLabAuditAPIDecoder(), GitLabAuditStreamDecoder(), GitLabAuditJSONLogDecoder(),
    ]
    Array(text.utf8).withUnsafeBytes { bytes in
      #expect(FormatSniffer.decoder(for: bytes, among: decoders) == nil)
    }
  }
}
