import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// The third-party SCIM samples in `../shared/corpus/scim` (see its `SOURCES.md`). The files are read
/// in place: the okta-developer-docs ones are RESTRICTED and never copied into the repository.
/// A clone without `../shared` skips this suite.
@Suite(.enabled(if: LogsSCIMTestSupport.corpusRoot != nil, "needs ../shared/corpus beside the checkout"))
struct SCIMCorpusTests {
  private typealias Support = LogsSCIMTestSupport

  private static func path(_ relative: String) -> String {
    (Support.corpusRoot?.appendingPathComponent("scim/\(relative)").path) ?? relative
  }

  /// One file's expected reading: format, records, decoded, skipped, rejected, facts.
  private typealias Row = (
    file: String, format: FormatID?, records: Int, decoded: Int, skipped: Int, rejected: Int, facts: Int
  )

  /// Every file outside okta-developer-docs, by directory.
  private static let expected: [String: [Row]] = [
    "apache-directory-scimple_rfc7643-examples": [
      ("enterprise-user-example.json", .scimResources, 1, 1, 0, 0, 2),
      ("full-user-example.json", .scimResources, 1, 1, 0, 0, 2),
      ("group-example.json", .scimResources, 1, 1, 0, 0, 2),
      ("minimal-user-example.json", .scimResources, 1, 0, 1, 0, 0),
    ],
    "azuread-scimreferencecode_inbound-postman": [
      ("01_POST_Create-Employee.json", .scimResources, 1, 0, 1, 0, 0),
      ("02_POST_Create-Contractor-with-manager-last-user.json", .scimResources, 1, 0, 1, 0, 0),
      ("03_POST_Create-Employee-with-manager-last-user.json", .scimResources, 1, 0, 1, 0, 0),
      ("04_POST_Create-Employee-inactive.json", .scimResources, 1, 0, 1, 0, 0),
      ("05_PATCH_Update-User-lastname.json", .scimResources, 1, 0, 1, 0, 0),
      ("06_PATCH_Update-User-active.json", .scimResources, 1, 0, 1, 0, 0),
      ("07_PATCH_Update-User-manager.json", .scimResources, 1, 0, 1, 0, 0),
    ],
    "azuread-scimreferencecode_postman": [
      ("01_POST_User-tests-Post-User.json", .scimResources, 1, 0, 1, 0, 0),
      ("02_POST_User-tests-Post-EnterpriseUser.json", .scimResources, 1, 0, 1, 0, 0),
      ("03_PATCH_User-tests-patch-user1.json", .scimResources, 1, 0, 1, 0, 0),
      ("04_PUT_User-tests-User-2-replace-test.json", .scimResources, 1, 0, 1, 0, 0),
      ("05_POST_Group-tests-Create-empty-group.json", .scimResources, 1, 0, 1, 0, 0),
      ("06_POST_Group-tests-create-user-for-group-2.json", .scimResources, 1, 0, 1, 0, 0),
      ("07_POST_Group-tests-Create-user-4-for-group-2.json", .scimResources, 1, 0, 1, 0, 0),
      ("08_POST_Group-tests-Create-filled-group-2.json", .scimResources, 1, 0, 1, 0, 0),
      ("09_POST_Group-tests-Create-group-3.json", .scimResources, 1, 0, 1, 0, 0),
      ("10_PUT_Group-tests-Put-replace-group3.json", .scimResources, 1, 0, 1, 0, 0),
      ("11_PATCH_Group-tests-Patch-add-user4-to-group1.json", .scimResources, 1, 0, 1, 0, 0),
      ("12_PATCH_Group-tests-Patch-remove-user4-to-group1.json", .scimResources, 1, 0, 1, 0, 0),
      ("14_PATCH_Group-tests-Patch-remove-all-users.json", .scimResources, 1, 0, 1, 0, 0),
      ("15_POST_ComplexAttribute-tests-create-user1.json", .scimResources, 1, 0, 1, 0, 0),
      ("16_POST_ComplexAttribute-tests-create-user2.json", .scimResources, 1, 0, 1, 0, 0),
      ("17_POST_User-tests-with-garbage-Post-user-OMalley.json", .scimResources, 1, 1, 0, 0, 2),
      ("18_POST_User-tests-with-garbage-Post-emp1-with-string-True.json", .scimResources, 1, 1, 0, 0, 2),
      ("19_POST_User-tests-with-garbage-Post-emp2.json", .scimResources, 1, 1, 0, 0, 2),
      ("20_POST_User-tests-with-garbage-Post-emp3.json", .scimResources, 1, 1, 0, 0, 2),
      ("21_POST_User-tests-with-garbage-Post-no-username.json", .scimResources, 1, 1, 0, 0, 2),
      ("22_POST_User-tests-with-garbage-Post-junk.json", nil, 1, 0, 0, 1, 0),
      ("23_POST_User-tests-with-garbage-Post-emp3-exists.json", .scimResources, 1, 1, 0, 0, 2),
      ("24_POST_User-tests-with-garbage-Post-emp3-exists-try-again.json", .scimResources, 1, 1, 0, 0, 2),
      ("25_PUT_User-tests-with-garbage-Put-a-user-no-username.json", .scimResources, 1, 0, 1, 0, 0),
      ("26_PUT_User-tests-with-garbage-Put-a-user-misspelled-attribute.json", .scimResources, 1, 0, 1, 0, 0),
      ("27_POST_User-tests-with-garbage-Post-enterprise-user.json", .scimResources, 1, 1, 0, 0, 2),
      (
        "28_PATCH_User-tests-with-garbage-Patch-user-omalley-new-username.json", .scimResources, 1, 0, 1, 0, 0
      ),
      (
        "29_PATCH_User-tests-with-garbage-patch-user-omalley-active-with-boolean.json", .scimResources, 1, 0,
        1, 0, 0
      ),
      ("30_PUT_User-tests-with-garbage-Put-a-user-OMalley.json", .scimResources, 1, 0, 1, 0, 0),
      ("32_POST_Group-tests-with-garbage-Post-group.json", .scimResources, 1, 0, 1, 0, 0),
      ("33_PATCH_Group-tests-with-garbage-Group-patch-add-member.json", .scimResources, 1, 0, 1, 0, 0),
      ("34_PATCH_Group-tests-with-garbage-Group-patch-add-member2.json", .scimResources, 1, 0, 1, 0, 0),
      ("35_PUT_Group-tests-with-garbage-group-put.json", .scimResources, 1, 0, 1, 0, 0),
    ],
    "ms-entra-docs_scim-compat": [
      ("00_patch_disable_user_without_flag.json", .scimResources, 1, 0, 1, 0, 0),
      ("01_patch_disable_user_with_flag.json", .scimResources, 1, 0, 1, 0, 0),
      ("02_patch_add_single_value_without_flag.json", .scimResources, 1, 0, 1, 0, 0),
      ("03_patch_add_single_value_with_flag.json", .scimResources, 1, 0, 1, 0, 0),
      ("04_patch_replace_multiple_without_flag.json", .scimResources, 1, 0, 1, 0, 0),
      ("05_patch_replace_multiple_with_flag.json", .scimResources, 1, 0, 1, 0, 0),
      ("06_patch_remove_group_member_without_flag.json", .scimResources, 1, 0, 1, 0, 0),
      ("07_patch_remove_group_member_with_flag.json", .scimResources, 1, 0, 1, 0, 0),
    ],
    "ms-entra-docs_use-scim": [
      ("01_request_POST_Users_create_user.json", .scimResources, 1, 1, 0, 0, 2),
      ("02_response_201_create_user.json", nil, 1, 0, 0, 1, 0),
      ("03_response_200_GET_Users_id.json", nil, 1, 0, 0, 1, 0),
      ("04_response_404_GET_Users_id_not_found.json", .scimResources, 1, 0, 1, 0, 0),
      ("05_response_200_GET_Users_filter_userName.json", .scimResources, 1, 1, 0, 0, 2),
      ("06_response_200_GET_Users_filter_zero_results.json", .scimResources, 0, 0, 0, 0, 0),
      ("07_request_PATCH_Users_id_multivalued.json", .scimResources, 1, 0, 1, 0, 0),
      ("08_response_200_PATCH_Users_id_multivalued.json", .scimResources, 1, 1, 0, 0, 2),
      ("09_request_PATCH_Users_id_singlevalued.json", .scimResources, 1, 0, 1, 0, 0),
      ("10_response_200_PATCH_Users_id_singlevalued.json", nil, 1, 0, 0, 1, 0),
      ("11_request_PATCH_Users_id_disable.json", .scimResources, 1, 0, 1, 0, 0),
      ("12_response_PATCH_Users_id_disable.json", .scimResources, 1, 1, 0, 0, 2),
      ("13_request_POST_Groups_create_group.json", .scimResources, 1, 0, 1, 0, 0),
      ("14_response_201_create_group.json", .scimResources, 1, 0, 1, 0, 0),
      ("15_response_200_GET_Groups_id_excludedAttributes.json", nil, 1, 0, 0, 1, 0),
      ("16_response_200_GET_Groups_filter_displayName.json", nil, 1, 0, 0, 1, 0),
      ("17_request_PATCH_Groups_id_displayName.json", .scimResources, 1, 0, 1, 0, 0),
      ("18_request_PATCH_Groups_id_add_members.json", .scimResources, 1, 0, 1, 0, 0),
      ("19_request_PATCH_Groups_id_remove_members.json", .scimResources, 1, 0, 1, 0, 0),
      ("20_response_200_GET_Schemas.json", nil, 1, 0, 0, 1, 0),
    ],
  ]

  @Test func everyFileGetsAFormatOrAPlainReason() throws {
    let root = try #require(Support.corpusRoot).appendingPathComponent("scim")
    var listed: [String] = []
    for directory in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    where !directory.hasPrefix("okta-developer-docs") {
      for file in try FileManager.default.contentsOfDirectory(
        atPath: root.appendingPathComponent(directory).path)
      {
        listed.append("\(directory)/\(file)")
      }
    }
    let rows = Self.expected.flatMap { directory, rows in rows.map { ("\(directory)/\($0.file)", $0) } }
    #expect(listed.sorted() == rows.map(\.0).sorted(), "the corpus changed; update the table")

    for (file, row) in rows {
      let output = try Support.ingest(Self.path(file))
      #expect(output.format == row.format, "\(file)")
      #expect(output.records == row.records, "\(file)")
      #expect(output.decoded == row.decoded, "\(file)")
      #expect(output.skippedCount == row.skipped, "\(file)")
      #expect(output.rejectedCount == row.rejected, "\(file)")
      #expect(output.facts.count == row.facts, "\(file)")
      #expect(output.events.isEmpty, "\(file)")
      if row.format == nil {
        // Published as invalid JSON (SOURCES.md): the reason says where it breaks.
        #expect(
          output.rejections.first?.reason.hasPrefix("starts like JSON, but the record at ") == true, "\(file)"
        )
      }
    }
  }

  @Test func rfcExamplesYieldTheirIdentityLinksAndMemberships() throws {
    let full = try Support.ingest(
      Self.path("apache-directory-scimple_rfc7643-examples/full-user-example.json"))
    let babs = Support.ids(
      (.displayName, "Babs Jensen"), (.email, "bjensen@example.com"), (.scimExternalID, "701984"))
    #expect(
      full.facts.map(\.claim) == [
        .identityLink(provider: "scim"), .accountState(state: "active", canSignIn: true),
      ])
    #expect(full.facts.allSatisfy { $0.subject == babs })

    let group = try Support.ingest(Self.path("apache-directory-scimple_rfc7643-examples/group-example.json"))
    let guides = Resource(kind: .idpGroup, name: "Tour Guides")
    #expect(
      group.facts.map(\.claim) == [
        .membership(resource: guides, role: "member"), .membership(resource: guides, role: "member"),
      ])
    #expect(
      group.facts.map(\.subject) == [
        Support.ids((.displayName, "Babs Jensen")), Support.ids((.displayName, "Mandy Pepperidge")),
      ])

    let disabled = try Support.ingest(
      Self.path("ms-entra-docs_use-scim/12_response_PATCH_Users_id_disable.json"))
    #expect(disabled.facts.last?.claim == .accountState(state: "inactive", canSignIn: false))
    #expect(
      disabled.facts.last?.subject
        == Support.ids(
          (.displayName, "Larry Harris"), (.email, "deanruiz@testuser.com"),
          (.email, "gloversuzanne@testuser.com")))
  }

  @Test func postmanTemplatesAndPatchBodiesAreSkippedWithTheirReason() throws {
    let template = try Support.ingest(
      Self.path("azuread-scimreferencecode_postman/01_POST_User-tests-Post-User.json"))
    #expect(
      template.skipped == [
        "a template, not recorded data: it holds placeholders such as {{userName}} or ${__UUID}": 1
      ])
    let patch = try Support.ingest(
      Self.path("ms-entra-docs_scim-compat/00_patch_disable_user_without_flag.json"))
    #expect(
      patch.skipped == [
        "a PatchOp body on its own (no time, no target): capture the traffic as HAR (scim.v2.har)": 1
      ])
  }

  /// Raw HTTP message text is not a log: no decoder claims it, and nothing crashes.
  @Test func oktaHTTPMessagesAreUnrecognised() throws {
    let root = try #require(Support.corpusRoot).appendingPathComponent("scim/okta-developer-docs_scim20")
    let files = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    #expect(files.count == 33)
    for file in files {
      let output = try Support.ingest(root.appendingPathComponent(file).path)
      #expect(output.format == nil, "\(file)")
      #expect(output.records == 1 && output.rejectedCount == 1, "\(file)")
    }
  }
}
