import IDTrailIngest
import IDTrailModel
import Testing

@Suite struct GitLabMembersDecoderTests {
  private let decoder = GitLabMembersDecoder()
  private let platform = Resource(kind: .gitlabNamespace, name: "acme/platform")

  private func id(_ kind: IdentifierKind, _ value: String) -> Identifier {
    Identifier(kind, value) ?? Identifier(.displayName, "invalid test identifier")!
  }

  private func fact(
    _ path: String, _ index: Int, _ offset: Int, _ subject: [Identifier], _ claim: StateFact.Claim,
    asOf: Timestamp? = nil
  ) -> StateFact {
    StateFact(
      asOf: asOf, source: .gitlabMembers,
      locator: Locator(path: path, position: .record(index: index, byteOffset: offset)), subject: subject,
      claim: claim)
  }

  private static let noNamespace =
    "the export does not say which group or project these members belong to; wrap the array as "
    + "{\"namespace\": \"group/project\", \"members\": [...]} or pass --namespace group/project"

  @Test func decodesAWrapperWithItsNamespaceAndTime() throws {
    let path = "gitlab.state.members/wrapper.json"
    let asOf = try #require(TimestampParser.parse("2026-09-30T23:59:59Z"))
    // The wrapper's namespace wins over --namespace.
    let output = try GitLabStateFixtures.decode(
      path, with: decoder, options: DecodeOptions(namespace: "other/group"))
    #expect(output.format == .gitlabMembers)
    #expect(
      output.records == 4 && output.decoded == 4 && output.skippedCount == 0 && output.rejectedCount == 0)
    let sam = [
      id(.gitlabUserID, "501"), id(.gitlabUsername, "sam.dev"), id(.email, "sam.dev@acme.example"),
      id(.displayName, "Sam Dev"),
    ]
    let ann = [id(.gitlabUserID, "502"), id(.gitlabUsername, "ann.lee"), id(.displayName, "Ann Lee")]
    let bo = [id(.gitlabUserID, "503"), id(.gitlabUsername, "bo.chen"), id(.displayName, "Bo Chen")]
    let cy = [id(.gitlabUserID, "504"), id(.gitlabUsername, "cy.park"), id(.displayName, "Cy Park")]
    let expected = [
      fact(path, 1, 94, sam, .membership(resource: platform, role: "Owner"), asOf: asOf),
      fact(path, 1, 94, sam, .accountState(state: "active", canSignIn: true), asOf: asOf),
      fact(
        path, 1, 94, Array(sam.prefix(3)) + [id(.gitlabExternUID, "00u1abcd")],
        .identityLink(provider: "group_saml"), asOf: asOf),
      fact(path, 2, 546, ann, .membership(resource: platform, role: "Developer"), asOf: asOf),
      fact(path, 2, 546, ann, .accountState(state: "blocked", canSignIn: false), asOf: asOf),
      fact(path, 3, 798, bo, .membership(resource: platform, role: "Minimal Access"), asOf: asOf),
      fact(path, 3, 798, bo, .accountState(state: "active", canSignIn: true), asOf: asOf),
      // Awaiting a seat: no access yet, so no membership.
      fact(path, 4, 943, cy, .accountState(state: "active", canSignIn: true), asOf: asOf),
    ]
    #expect(output.facts.count == expected.count)
    for (actual, wanted) in zip(output.facts, expected) {
      #expect(actual == wanted)
    }
  }

  @Test func rejectsAPlainArrayWithoutANamespace() throws {
    let path = "gitlab.state.members/plain-array.json"
    let output = try GitLabStateFixtures.decode(path, with: decoder)
    #expect(output.records == 2 && output.decoded == 0 && output.rejectedCount == 2)
    #expect(output.facts.isEmpty)
    #expect(output.rejections.map(\.locator.description) == ["\(path):#1@4", "\(path):#2@132"])
    #expect(output.rejections.map(\.reason) == [Self.noNamespace, Self.noNamespace])
  }

  @Test func decodesAPlainArrayWithTheNamespaceOption() throws {
    let path = "gitlab.state.members/plain-array.json"
    let output = try GitLabStateFixtures.decode(
      path, with: decoder, options: DecodeOptions(namespace: " /acme/platform/api/ "))
    #expect(output.records == 2 && output.decoded == 2 && output.rejectedCount == 0)
    let api = Resource(kind: .gitlabNamespace, name: "acme/platform/api")
    let dana = [id(.gitlabUserID, "505"), id(.gitlabUsername, "dana.lee"), id(.displayName, "Dana Lee")]
    let eve = [id(.gitlabUserID, "506"), id(.gitlabUsername, "eve.n"), id(.displayName, "Eve Newline")]
    #expect(
      output.facts == [
        fact(path, 1, 4, dana, .membership(resource: api, role: "Maintainer")),
        fact(path, 1, 4, dana, .accountState(state: "active", canSignIn: true)),
        fact(path, 2, 132, eve, .membership(resource: api, role: "Planner")),
        fact(path, 2, 132, eve, .accountState(state: "deactivated", canSignIn: false)),
      ])
  }

  @Test func rejectsUnusableMembersWithTheirLocatorsAndReasons() throws {
    let path = "gitlab.state.members/malformed.json"
    let output = try GitLabStateFixtures.decode(
      path, with: decoder, options: DecodeOptions(namespace: "acme"))
    #expect(output.records == 6)
    #expect(output.decoded == 1)
    #expect(output.skippedCount == 0)
    #expect(output.rejectedCount == 5)
    #expect(
      output.facts.map(\.claim) == [
        .membership(resource: Resource(kind: .gitlabNamespace, name: "acme"), role: "Guest"),
        .accountState(state: "active", canSignIn: true),
      ])
    let rejections = output.rejections.map { "\($0.locator) \($0.reason)" }
    #expect(
      rejections == [
        "\(path):#2@100 unknown access_level 60; GitLab's are 5 Minimal Access, 10 Guest, 15 Planner, "
          + "20 Reporter, 30 Developer, 40 Maintainer, 50 Owner",
        "\(path):#3@194 no integer 'access_level' for member 509",
        "\(path):#4@266 no user id: 'id' must be a positive integer",
        "\(path):#5@360 unknown state 'frozen'; GitLab's states are active, banned, blocked, "
          + "blocked_pending_approval, deactivated, ldap_blocked",
        "\(path):#6@452 the record is number JSON, not an object",
      ])
  }

  @Test func skipsAnAwaitingMemberThatSaysNothingElse() {
    let text =
      #"{"namespace": "acme", "members": [{"id": 9, "username": "x", "access_level": 30, "membership_state": "awaiting"}]}"#
    let output = decoder.decode(GitLabStateFixtures.input(text, named: "m.json"), options: DecodeOptions())
    #expect(output.records == 1 && output.decoded == 0 && output.facts.isEmpty)
    #expect(
      output.skipped == ["pending member (membership_state 'awaiting') with no state: no access yet": 1])
  }

  @Test func readsNDJSONWithTheNamespaceOption() {
    let text = """
      {"id": 11, "username": "kim", "state": "active", "access_level": 40}
      {"id": 12, "username": "lou", "state": "banned", "access_level": 10}
      """
    let output = decoder.decode(
      GitLabStateFixtures.input(text, named: "m.jsonl"), options: DecodeOptions(namespace: "acme/ops"))
    #expect(output.records == 2 && output.decoded == 2)
    #expect(output.facts.map(\.locator.description) == ["m.jsonl:1", "m.jsonl:1", "m.jsonl:2", "m.jsonl:2"])
    #expect(output.facts.map(\.asOf) == [nil, nil, nil, nil])
  }

  @Test func recognisesAnEmptyWrapperAsASnapshotWithoutMembers() {
    let input = GitLabStateFixtures.input(#"{"namespace": "acme/empty", "members": []}"#, named: "empty.json")
    #expect(GitLabStateFixtures.sniffedFormat(input) == .gitlabMembers)
    let output = decoder.decode(input, options: DecodeOptions())
    #expect(output.records == 0 && output.rejectedCount == 0 && output.facts.isEmpty)
  }

  @Test func theSnifferPicksThisFormatForEachOfItsFixtures() throws {
    let fixtures = GitLabStateFixtures.fixtures(of: "gitlab.state.members")
    #expect(fixtures.count == 3)
    for fixture in fixtures {
      #expect(
        GitLabStateFixtures.sniffedFormat(try GitLabStateFixtures.input(fixture)) == .gitlabMembers,
        "\(fixture)")
    }
  }

  @Test func theSnifferDoesNotPickThisFormatForOtherFormatsFixtures() throws {
    let fixtures = GitLabStateFixtures.fixtures(except: "gitlab.state.members")
    #expect(!fixtures.isEmpty)
    for fixture in fixtures {
      #expect(
        GitLabStateFixtures.sniffedFormat(try GitLabStateFixtures.input(fixture)) != .gitlabMembers,
        "\(fixture)")
    }
  }
}
