import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

/// `scim.v2.resources` on hand-written exports: GitLab and IdP users, groups, messages without state.
@Suite struct SCIMResourcesDecoderTests {
  private typealias Support = LogsSCIMTestSupport
  private let decoder = SCIMResourcesDecoder()
  private let format = "scim.v2.resources"

  private func facts(_ output: DecodedInput, record index: Int) -> [StateFact] {
    output.facts.filter {
      if case .record(let found, _) = $0.locator.position { return found == index }
      return false
    }
  }

  private func facts(_ output: DecodedInput, line: Int) -> [StateFact] {
    output.facts.filter { $0.locator == .line(line, in: output.path) }
  }

  @Test func gitLabsListResponseLinksExternUIDUsernameAndEmail() throws {
    let output = try Support.decode(decoder, fixture: format, "gitlab-list.json")
    #expect(output.records == 2)
    #expect(output.decoded == 2)
    #expect(output.events.isEmpty)
    let sam = Support.ids(
      (.displayName, "Sam Dev"), (.email, "sam.dev@acme.example"), (.gitlabExternUID, "00u1abcd"),
      (.gitlabUsername, "sam.dev"), (.scimExternalID, "00u1abcd"))
    let first = facts(output, record: 1)
    #expect(
      first.map(\.claim) == [
        .identityLink(provider: "scim"), .accountState(state: "active", canSignIn: true),
      ])
    #expect(first.allSatisfy { $0.subject == sam && $0.source == .scimResources && $0.asOf == nil })
    // The older GitLab entity writes the name under the flat key "name.formatted".
    let second = facts(output, record: 2)
    #expect(
      second.map(\.claim) == [
        .identityLink(provider: "scim"), .accountState(state: "inactive", canSignIn: false),
      ])
    #expect(
      second.first?.subject
        == Support.ids(
          (.displayName, "Kim Lee"), (.email, "kim@acme.example"), (.gitlabExternUID, "00u2efgh"),
          (.gitlabUsername, "kim"), (.scimExternalID, "00u2efgh")))
  }

  @Test func anIdPsResourcesAndTheMessagesThatHoldNoState() throws {
    let output = try Support.decode(decoder, fixture: format, "idp-users.ndjson")
    #expect(output.records == 10)
    #expect(output.decoded == 3)
    #expect(output.rejectedCount == 0)
    #expect(
      output.skipped == [
        "a User with one identifier and no active flag: nothing to state": 1,
        "a template, not recorded data: it holds placeholders such as {{userName}} or ${__UUID}": 1,
        "a Group with no members listed": 1,
        "a PatchOp body on its own (no time, no target): capture the traffic as HAR (scim.v2.har)": 1,
        "a SCIM error response on its own (no request to tie it to)": 1,
        "a SCIM discovery document (Schema, ResourceType, ServiceProviderConfig): no identity": 1,
        "a SCIM Bulk or Search message: not read": 1,
      ])

    // Another provider's `id` is not joined on; "True" as a string is active; the primary email wins.
    let ada = Support.ids(
      (.displayName, "Ada Lovelace"), (.email, "ada@example.net"), (.scimExternalID, "00ujl29u0le5T6Aj10h7"))
    let user = facts(output, line: 1)
    #expect(
      user.map(\.claim) == [.identityLink(provider: "scim"), .accountState(state: "active", canSignIn: true)])
    #expect(user.allSatisfy { $0.subject == ada })

    // Group members named by an email or a display name; provider ids alone and nested groups are not.
    let group = facts(output, line: 4)
    let engineers = Resource(kind: .idpGroup, name: "Engineers")
    #expect(
      group.map(\.claim) == [
        .membership(resource: engineers, role: "member"), .membership(resource: engineers, role: "member"),
      ])
    #expect(
      group.map(\.subject) == [
        Support.ids((.email, "ada@example.net")), Support.ids((.displayName, "Mandy Pepperidge")),
      ])

    // No schemas, but a userName: a User; a non-email userName outside GitLab is not an identifier.
    let lee = facts(output, line: 10)
    #expect(lee.map(\.claim) == [.accountState(state: "inactive", canSignIn: false)])
    #expect(lee.first?.subject == Support.ids((.scimExternalID, "ext-lee")))
  }

  @Test func factsTakeTheSnapshotTimeGiven() throws {
    let asOf = try #require(Support.time("2025-06-30T23:59:59Z"))
    let input = try InputBytes.open(Support.fixturePath(format, "gitlab-list.json"))
    let output = decoder.decode(input, options: DecodeOptions(snapshotTime: asOf))
    #expect(output.facts.count == 4)
    #expect(output.facts.allSatisfy { $0.asOf == asOf })
  }

  @Test func badResourcesAreRejectedWithTheirIndexAndTheRestIsDecoded() throws {
    let output = try Support.decode(decoder, fixture: format, "bad.json")
    #expect(output.records == 10)
    #expect(output.decoded == 2)
    #expect(output.rejectedCount == 8)
    #expect(
      facts(output, record: 1).first?.subject
        == Support.ids((.email, "one@example.net"), (.scimExternalID, "ext-1")))
    #expect(
      facts(output, record: 9).first?.subject
        == Support.ids((.email, "nine@example.net"), (.scimExternalID, "ext-9")))
    let reasons = Support.rejectionsByRecord(output)
    #expect(reasons[2] == "userName is a number, not a string")
    #expect(reasons[3] == "active is \"maybe\", not a boolean")
    #expect(reasons[4] == "a User with no usable identifier (id, externalId, userName or emails)")
    #expect(reasons[5] == "members is a string, not an array")
    #expect(reasons[6] == "schemas is a string, not an array")
    #expect(reasons[7] == "neither a SCIM User nor a Group (no schemas, userName or members)")
    #expect(reasons[8] == "the record is number JSON, not an object")
    #expect(reasons[10]?.hasPrefix("malformed JSON: the JSON ends in the middle of a value") == true)
  }

  @Test func recognisesSCIM2DocumentsOnly() {
    func sniff(_ text: String) -> FormatID? {
      InputBytes(path: "x", bytes: Array(text.utf8)).withBytes {
        FormatSniffer.decoder(for: $0, among: DecoderRegistry.all)?.format
      }
    }
    #expect(
      sniff(#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}"#)
        == .scimResources)
    #expect(
      sniff(
        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"Resources":[]}"#
      ) == .scimResources)
    #expect(
      sniff(#"[{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"G"}]"#)
        == .scimResources)
    // SCIM 1.1 is another format.
    #expect(sniff(#"{"schemas":["urn:scim:schemas:core:1.0"],"userName":"bjensen"}"#) == nil)
  }
}
