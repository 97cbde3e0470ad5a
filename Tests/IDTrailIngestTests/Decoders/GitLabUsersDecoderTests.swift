import IDTrailIngest
import IDTrailModel
import Testing

@Suite struct GitLabUsersDecoderTests {
  private let decoder = GitLabUsersDecoder()
  private let instance = Resource(kind: .gitlabInstance, name: "instance")

  private func id(_ kind: IdentifierKind, _ value: String) -> Identifier {
    Identifier(kind, value) ?? Identifier(.displayName, "invalid test identifier")!
  }

  private func fact(
    _ path: String, _ index: Int, _ offset: Int, _ subject: [Identifier], _ claim: StateFact.Claim,
    asOf: Timestamp? = nil
  ) -> StateFact {
    StateFact(
      asOf: asOf, source: .gitlabUsers,
      locator: Locator(path: path, position: .record(index: index, byteOffset: offset)), subject: subject,
      claim: claim)
  }

  @Test func decodesAnArrayOfUsers() throws {
    let path = "gitlab.state.users/array.json"
    let output = try GitLabStateFixtures.decode(path, with: decoder)
    #expect(output.format == .gitlabUsers)
    #expect(
      output.records == 4 && output.decoded == 4 && output.skippedCount == 0 && output.rejectedCount == 0)
    #expect(output.events.isEmpty)
    let sam = [
      id(.gitlabUserID, "501"), id(.gitlabUsername, "sam.dev"), id(.email, "sam.dev@acme.example"),
      id(.displayName, "Sam Dev"),
    ]
    let samLink = Array(sam.prefix(3)) + [id(.gitlabExternUID, "00u1abcd")]
    let ann = [
      id(.gitlabUserID, "502"), id(.gitlabUsername, "ann.lee"), id(.email, "ann.lee@acme.example"),
      id(.displayName, "Ann Lee"),
    ]
    let annLink = Array(ann.prefix(3))
    let bot = [
      id(.gitlabUserID, "503"), id(.gitlabUsername, "project_346_bot_1"), id(.displayName, "Deploy bot"),
    ]
    let cy = [
      id(.gitlabUserID, "504"), id(.gitlabUsername, "cy.park"), id(.email, "cy.park@acme.example"),
      id(.displayName, "Cy Park"),
    ]
    let expected = [
      fact(path, 1, 4, sam, .accountState(state: "active", canSignIn: true)),
      fact(path, 1, 4, sam, .membership(resource: instance, role: "admin")),
      fact(path, 1, 4, samLink, .identityLink(provider: "group_saml")),
      fact(path, 2, 496, ann, .accountState(state: "blocked", canSignIn: false)),
      fact(path, 2, 496, annLink + [id(.gitlabExternUID, "00u2efgh")], .identityLink(provider: "group_saml")),
      fact(
        path, 2, 496, annLink + [id(.gitlabExternUID, "uid=ann.lee,ou=people,dc=acme,dc=example")],
        .identityLink(provider: "ldapmain")),
      fact(path, 3, 878, bot, .accountState(state: "deactivated", canSignIn: false)),
      fact(path, 4, 1054, cy, .accountState(state: "ldap_blocked", canSignIn: false)),
      fact(path, 4, 1054, cy, .membership(resource: instance, role: "auditor")),
    ]
    #expect(output.facts.count == expected.count)
    for (actual, wanted) in zip(output.facts, expected) {
      #expect(actual == wanted)
    }
  }

  @Test func takesTheSnapshotTimeFromTheWrapperUnlessGivenOne() throws {
    let path = "gitlab.state.users/wrapper.json"
    let exportedAt = try #require(TimestampParser.parse("2026-09-30T23:59:59Z"))
    let output = try GitLabStateFixtures.decode(path, with: decoder)
    #expect(output.records == 2 && output.decoded == 2 && output.rejectedCount == 0)
    let dana = [
      id(.gitlabUserID, "505"), id(.gitlabUsername, "dana.lee"), id(.email, "dana.lee@acme.example"),
      id(.displayName, "Dana Lee"),
    ]
    let eve = [
      id(.gitlabUserID, "506"), id(.gitlabUsername, "eve.n"), id(.email, "eve.n@acme.example"),
      id(.displayName, "Eve Newline"),
    ]
    #expect(
      output.facts == [
        fact(path, 1, 60, dana, .accountState(state: "banned", canSignIn: false), asOf: exportedAt),
        fact(
          path, 2, 211, eve, .accountState(state: "blocked_pending_approval", canSignIn: false),
          asOf: exportedAt),
      ])

    let asOf = try #require(TimestampParser.parse("2026-10-01T00:00:00Z"))
    let forced = try GitLabStateFixtures.decode(
      path, with: decoder, options: DecodeOptions(snapshotTime: asOf))
    #expect(forced.facts.map(\.asOf) == [asOf, asOf])
  }

  @Test func readsNDJSONWithLineLocators() throws {
    let path = "gitlab.state.users/ndjson.jsonl"
    let output = try GitLabStateFixtures.decode(path, with: decoder)
    #expect(output.records == 2 && output.decoded == 2)
    let fay = [id(.gitlabUserID, "507"), id(.gitlabUsername, "fay.kim"), id(.email, "fay.kim@acme.example")]
    #expect(
      output.facts == [
        StateFact(
          asOf: nil, source: .gitlabUsers, locator: .line(1, in: path),
          subject: fay + [id(.displayName, "Fay Kim")],
          claim: .accountState(state: "active", canSignIn: true)),
        StateFact(
          asOf: nil, source: .gitlabUsers, locator: .line(1, in: path),
          subject: fay + [id(.gitlabExternUID, "fay.kim@acme.example")],
          claim: .identityLink(provider: "saml")),
        StateFact(
          asOf: nil, source: .gitlabUsers, locator: .line(2, in: path),
          subject: [id(.gitlabUserID, "508"), id(.gitlabUsername, "gus.ng"), id(.displayName, "Gus Ng")],
          claim: .accountState(state: "active", canSignIn: true)),
      ])
  }

  @Test func rejectsUnusableUsersWithTheirLocatorsAndReasons() throws {
    let path = "gitlab.state.users/malformed.json"
    let output = try GitLabStateFixtures.decode(path, with: decoder)
    #expect(output.records == 6)
    #expect(output.decoded == 1)
    #expect(output.skippedCount == 0)
    #expect(output.rejectedCount == 5)
    #expect(output.facts.map(\.locator.description) == ["\(path):#1@4"])
    let rejections = output.rejections.map { "\($0.locator) \($0.reason)" }
    #expect(
      rejections == [
        "\(path):#2@95 no user id: 'id' must be a positive integer",
        "\(path):#3@156 unknown state 'frozen'; GitLab's states are active, banned, blocked, "
          + "blocked_pending_approval, deactivated, ldap_blocked",
        "\(path):#4@228 the record is string JSON, not an object",
        "\(path):#5@244 no 'state' (active, blocked, deactivated, …) for user 512",
        "\(path):#6@297 no user id: 'id' must be a positive integer",
      ])
  }

  @Test func rejectsEveryUserWhenTheWrapperTimeIsNotATime() {
    let text = #"{"exported_at": "last Tuesday", "users": [{"id": 1, "username": "a", "state": "active"}]}"#
    let output = decoder.decode(GitLabStateFixtures.input(text, named: "u.json"), options: DecodeOptions())
    #expect(output.records == 1 && output.rejectedCount == 1)
    #expect(
      output.rejections.map(\.reason) == [
        "the export's exported_at \"last Tuesday\" is not a time; write it as RFC 3339 (2026-09-30T23:59:59Z) "
          + "or pass --as-of"
      ])
  }

  @Test func recognisesAnEmptyWrapperAsASnapshotWithoutUsers() {
    let input = GitLabStateFixtures.input(#"{"exported_at": "2026-09-30T23:59:59Z", "users": []}"#, named: "e.json")
    #expect(GitLabStateFixtures.sniffedFormat(input) == .gitlabUsers)
    let output = decoder.decode(input, options: DecodeOptions())
    #expect(output.records == 0 && output.rejectedCount == 0 && output.facts.isEmpty)
  }

  @Test func theSnifferPicksThisFormatForEachOfItsFixtures() throws {
    let fixtures = GitLabStateFixtures.fixtures(of: "gitlab.state.users")
    #expect(fixtures.count == 4)
    for fixture in fixtures {
      #expect(
        GitLabStateFixtures.sniffedFormat(try GitLabStateFixtures.input(fixture)) == .gitlabUsers,
        "\(fixture)")
    }
  }

  @Test func theSnifferDoesNotPickThisFormatForOtherFormatsFixtures() throws {
    let fixtures = GitLabStateFixtures.fixtures(except: "gitlab.state.users")
    #expect(!fixtures.isEmpty)
    for fixture in fixtures {
      #expect(
        GitLabStateFixtures.sniffedFormat(try GitLabStateFixtures.input(fixture)) != .gitlabUsers,
        "\(fixture)")
    }
  }

  // The corpus holds no users export; none of its files may be taken for one.
  @Test(.enabled(if: GitLabStateFixtures.corpus != nil, "needs ../shared/corpus beside the repository"))
  func theSnifferDoesNotPickThisFormatForCorpusFiles() throws {
    for file in GitLabStateFixtures.corpusFiles() {
      let format = GitLabStateFixtures.sniffedFormat(try InputBytes.open(file))
      #expect(format != .gitlabUsers && format != .gitlabMembers, "\(file)")
    }
  }
}
