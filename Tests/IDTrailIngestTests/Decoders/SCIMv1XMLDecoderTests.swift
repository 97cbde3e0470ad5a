import IDTrailIngest
import IDTrailModel
import Testing

@Suite struct SCIMv1XMLDecoderTests {
  private let decoder = SCIMv1XMLDecoder()

  @Test func deactivatedUserYieldsLinkStateAndGroupFacts() throws {
    let input = try XMLDecoderTestSupport.decode(decoder, "user-deactivated.xml")
    #expect((input.records, input.decoded, input.skippedCount, input.rejectedCount) == (1, 1, 0, 0))
    let subject = [
      Identifier(.email, "jane.doe@home.example.org"), Identifier(.email, "jdoe@example.com"),
      Identifier(.scimExternalID, "00u1abcdEFGHijkl0h7"), Identifier(.displayName, "Jane Doe"),
    ].compactMap { $0 }
    let asOf = Timestamp(secondsSinceEpoch: 1_719_769_510)
    #expect(
      input.facts.map(\.claim) == [
        .identityLink(provider: "scim.v1"), .accountState(state: "inactive", canSignIn: false),
        .membership(resource: Resource(kind: .idpGroup, name: "engineering"), role: "member"),
      ])
    #expect(input.facts.allSatisfy { $0.subject == subject && $0.asOf == asOf && $0.source == .scimV1XML })
    // The User start tag spans lines 2 and 3; libxml2 locates it where it ends.
    #expect(input.facts.allSatisfy { $0.locator.xmlLineNumber == 3 })
    #expect(input.facts.allSatisfy { !"\($0)".contains("not-a-real-password") })
  }

  @Test func listResponseReadsEachResource() throws {
    let input = try XMLDecoderTestSupport.decode(decoder, "list-response.xml")
    #expect((input.records, input.decoded, input.skippedCount) == (3, 2, 1))
    #expect(input.skipped == ["the SCIM 1.1 User has no externalId, email-shaped userName or email": 1])
    // The resource id (u-100) is the SCIM 1.1 service's own, so it is not kept for the user.
    let kim = [Identifier(.email, "kim@example.com"), Identifier(.scimExternalID, "00u100")].compactMap { $0 }
    let engineering = Resource(kind: .idpGroup, name: "engineering")
    #expect(
      input.facts.map(\.subject) == [
        kim, kim, [Identifier(.gitlabExternUID, "u-100"), Identifier(.displayName, "Kim")].compactMap { $0 },
        [Identifier(.gitlabExternUID, "b7d2e1c0-aaaa-4c3d-9e8f-000000000042")].compactMap { $0 },
      ])
    #expect(
      input.facts.map(\.claim) == [
        .identityLink(provider: "scim.v1"), .accountState(state: "active", canSignIn: true),
        .membership(resource: engineering, role: "member"),
        .membership(resource: engineering, role: "member"),
      ])
    #expect(input.facts.map { $0.locator.xmlLineNumber } == [7, 7, 13, 13])
    #expect(input.facts.allSatisfy { $0.asOf == nil })
  }

  @Test func groupPatchSkipsDeletedMembersAndIgnoresCase() throws {
    let options = DecodeOptions(snapshotTime: Timestamp(secondsSinceEpoch: 1_700_000_000))
    let input = try XMLDecoderTestSupport.decode(decoder, "group-patch-remove.xml", options: options)
    #expect((input.records, input.decoded) == (1, 1))
    #expect(input.facts.map(\.subject) == [[Identifier(.gitlabExternUID, "u-100")].compactMap { $0 }])
    #expect(input.facts.first?.asOf == Timestamp(secondsSinceEpoch: 1_700_000_000))
  }

  @Test func errorResponsesAreRejectionsWithTheirText() throws {
    let input = try XMLDecoderTestSupport.decode(decoder, "error.xml")
    #expect((input.records, input.decoded, input.rejectedCount) == (2, 0, 2))
    #expect(
      input.xmlRejectionLines == [
        "4: SCIM 1.1 error 404: Resource b7d2e1c0-aaaa-4c3d-9e8f-000000000042 not found",
        "8: SCIM 1.1 error 400: Attribute 'userName' is required",
      ])
  }

  @Test func aGroupWithoutNameIsRejected() {
    let input = XMLDecoderTestSupport.decode(
      decoder, text: "<Group xmlns=\"urn:scim:schemas:core:1.0\"><members/></Group>")
    #expect(input.xmlRejectionLines == ["1: the SCIM 1.1 Group has neither a displayName nor an id"])
  }
}
