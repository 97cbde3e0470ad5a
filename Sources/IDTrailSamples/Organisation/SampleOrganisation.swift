import IDTrailModel

/// The sample organisation: its people and the fixed identifiers of its systems.
///
/// Acme runs Active Directory, Okta and a self-managed GitLab instance that Okta provisions over
/// instance SCIM; Globex, a subsidiary, provisions the same SCIM API from Entra ID; Initech, a legacy
/// subsidiary, masters its people in an on-premises IGA that Okta imports from; one Acme team
/// (design) also has Google Workspace accounts.
struct SampleOrganisation: Sendable {
  var people: [SamplePerson]
  var systems: SampleSystems

  /// Builds `count` people (joiners included) with every identifier they need.
  ///
  /// `joiners` people get no account before the period; the plan gives them a join time later.
  static func build(count: Int, joiners: Int, start: Timestamp, random: inout SampleRandom)
    -> SampleOrganisation
  {
    let systems = SampleSystems(random: &random)
    let globex = max(6, count * 18 / 100)
    let initech = max(5, count * 12 / 100)
    let acme = count - globex - initech
    let contractors = max(2, acme / 20)
    let design = max(4, acme * 12 / 100)
    let generic = acme - 2 - contractors - design
    var teams: [(Team, IdentitySource)] = []
    teams += Array(repeating: (.it, .activeDirectory), count: 2)
    for index in 0..<generic {
      let team: Team = index % 20 < 8 ? .platform : (index % 20 < 15 ? .web : .data)
      teams.append((team, .activeDirectory))
    }
    teams += Array(repeating: (.design, .activeDirectory), count: design)
    for index in 0..<contractors {
      teams.append((index % 2 == 0 ? .platform : .data, .okta))
    }
    teams += Array(repeating: (.initech, .legacyIGA), count: initech)
    teams += Array(repeating: (.globex, .entra), count: globex)

    var usedUsernames: Set<String> = []
    var people: [SamplePerson] = []
    var nextRID = 1104 + random.int(0...40)
    for (index, (team, source)) in teams.enumerated() {
      var given = random.pick(NameBank.given)
      var family = random.pick(NameBank.family)
      var username = given.ascii + "." + family.ascii
      while usedUsernames.contains(username) || username.utf8.count > 20 {
        given = random.pick(NameBank.given)
        family = random.pick(NameBank.family)
        username = given.ascii + "." + family.ascii
      }
      usedUsernames.insert(username)
      let domain: String
      switch source {
      case .activeDirectory: domain = "acme.example"
      case .okta: domain = "contractors.acme.example"
      case .entra: domain = "globex.example"
      case .legacyIGA: domain = "initech.example"
      }
      let daysBefore = random.int(30...900)
      let created = start.plus(seconds: -daysBefore * 86_400 + random.int(28_800...61_200))
      var person = SamplePerson(
        index: index, givenName: given.display, familyName: family.display, source: source, team: team,
        email: username + "@" + domain, username: username,
        employeeNumber: "E" + String(10_000 + index * 7 + random.int(0...6)),
        accountCreatedAt: created,
        officeIP: "203.0.113." + String(random.int(10...60)),
        homeIP: "192.0.2." + String(random.int(2...250)),
        browser: random.pick(SampleSystems.browsers))
      switch source {
      case .activeDirectory, .okta, .legacyIGA:
        let oktaID = "00u" + random.string(14, from: SampleRandom.base62) + "5d7"
        person.oktaUserID = oktaID
        person.oktaAppUserID = "0ua" + random.string(14, from: SampleRandom.base62) + "5d7"
        person.externUID = oktaID
      case .entra:
        let objectID = random.uuid()
        person.entraObjectID = objectID
        person.externUID = objectID
      }
      if source == .activeDirectory {
        person.adAccount = username
        person.adSID = systems.adDomainSID + "-" + String(nextRID)
        nextRID += random.int(1...9)
      }
      if source == .legacyIGA { person.igaID = random.uuid() }
      if team == .design { person.googleProfileID = "1" + random.string(20, from: "0123456789") }
      if team == .it { person.isAdmin = true }
      people.append(person)
    }
    for team in [Team.platform, .web, .data, .initech, .globex] {
      if let lead = people.firstIndex(where: { $0.team == team && $0.source != .okta }) {
        people[lead].isLead = true
      }
    }
    var organisation = SampleOrganisation(people: people, systems: systems)
    organisation.assignAccountIDs(joiners: joiners, random: &random)
    return organisation
  }

  /// Chooses the joiners (never admins or leads; at least one Acme designer, one Globex and one
  /// Initech person) and numbers everyone else's GitLab account in creation order.
  private mutating func assignAccountIDs(joiners: Int, random: inout SampleRandom) {
    var chosen: [Int] = []
    func take(_ matching: (SamplePerson) -> Bool) {
      let candidates = people.indices.filter {
        matching(people[$0]) && !people[$0].isAdmin && !people[$0].isLead && !chosen.contains($0)
      }
      if !candidates.isEmpty { chosen.append(random.pick(candidates)) }
    }
    take { $0.team == .design }
    take { $0.source == .entra }
    take { $0.source == .legacyIGA }
    take { $0.source == .okta }
    while chosen.count < joiners { take { $0.source == .activeDirectory && $0.team != .design } }
    for index in chosen { people[index].isJoiner = true }
    let existing = people.indices.filter { !people[$0].isJoiner }
      .sorted { people[$0].accountCreatedAt < people[$1].accountCreatedAt }
    var nextID = 1_000 + random.int(0...200)
    for index in existing {
      people[index].gitlabUserID = nextID
      nextID += random.int(1...37)
    }
    systems.nextUserID = nextID + random.int(40...90)
  }

  /// The people who were there when the period started.
  var presentAtStart: [SamplePerson] { people.filter { !$0.isJoiner } }
}
