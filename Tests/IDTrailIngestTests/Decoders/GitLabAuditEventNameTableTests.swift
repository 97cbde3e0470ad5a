import IDTrailModel
import Testing

@testable import IDTrailIngest

/// `GitLabAuditEventNameTable` answers exactly as the `byEventName` dictionary it is built from.
@Suite struct GitLabAuditEventNameTableTests {
  private static let dictionary = GitLabAuditEventMapping.byEventName

  @Test func everyMappedNameIsFound() {
    for (name, mapping) in Self.dictionary {
      #expect(GitLabAuditEventNameTable.shared.mapping(for: name) == mapping, "\(name)")
    }
  }

  @Test func unmappedNamesAndNearMissesAreNotFound() {
    for name in ["", "merge_request_create", "user_created ", "user_create", "USER_CREATED", "audit_operation"] {
      #expect(GitLabAuditEventNameTable.shared.mapping(for: name) == nil, "\(name)")
    }
  }

  @Test func nonASCIINamesAnswerAsTheDictionary() {
    // U+212A KELVIN SIGN is canonically equivalent to "K", so Swift's String equality, and with it
    // the dictionary, finds "\u{212A}_name" under "K_name": the table must too.
    let mapping = GitLabAuditEventMapping(action: .accountCreate)
    let table = GitLabAuditEventNameTable(["K_name": mapping, "plain": mapping])
    #expect(table.mapping(for: "K_name") == mapping)
    #expect(table.mapping(for: "\u{212A}_name") == mapping)
    #expect(table.mapping(for: "k_name") == nil)
    #expect(table.mapping(for: "\u{212A}_other") == nil)
    for name in ["user_cr\u{00E9}ated", "ban_user\u{0301}", "user_created\u{212A}"] {
      #expect(GitLabAuditEventNameTable.shared.mapping(for: name) == Self.dictionary[name], "\(name)")
    }
  }
}
