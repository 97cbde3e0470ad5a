import IDTrailModel

/// Generates the organisation's quarter: who joins, moves and leaves, the planted incidents and the
/// background noise, as records of every system involved.
///
/// Everything derives from the configuration's seed; the builder never reads the clock.
struct TimelineBuilder {
  let configuration: SampleConfiguration
  var organisation: SampleOrganisation
  var random: SampleRandom
  var timeline = SampleTimeline()
  var state: GitLabState
  /// GitLab's accounts and memberships when the period starts.
  var startState: GitLabState
  /// When each person's first upstream deprovision signal happens, by person index.
  var leaveAt: [Timestamp?]
  /// GitLab-side times inside this window are written 3 minutes slow (the planted clock skew).
  var skewWindow: Range<Timestamp>?
  /// Business days (days since the epoch) not yet given to a lifecycle change or incident.
  var freeDays: [Int] = []
  var nextTokenID: Int
  var windowsRecordID: [Int]
  /// The account created by hand (not one of the organisation's people).
  var handmadeAccount: SampleAccount?
  /// The audit index of the last deprovisioning's `user_blocked` event.
  var lastBlock = 0

  init(configuration: SampleConfiguration) {
    self.configuration = configuration
    var random = SampleRandom(seed: configuration.seed)
    let joiners = max(4, configuration.people * 7 / 100)
    var organisationRandom = random.derived("organisation")
    organisation = SampleOrganisation.build(
      count: configuration.people, joiners: joiners, start: configuration.start, random: &organisationRandom)
    state = GitLabState(nextMemberID: 40_000 + random.int(0...999))
    startState = state
    leaveAt = Array(repeating: nil, count: organisation.people.count)
    nextTokenID = 700 + random.int(0...150)
    windowsRecordID = [9_800_000 + random.int(0...99_999), 4_100_000 + random.int(0...99_999)]
    self.random = random
  }

  /// Builds the whole period and returns it with the snapshots' states.
  mutating func build() -> SampleWorld {
    setUpStartState()
    startState = state
    var plan = choosePlan()
    runJoiners(plan)
    runLeavers(&plan)
    runMovers(plan)
    runIncidents(plan)
    runNoise(plan)
    ensureCoverage()
    return SampleWorld(
      configuration: configuration, organisation: organisation, timeline: timeline,
      startState: startState, endState: state, handmadeAccount: handmadeAccount)
  }

  // MARK: - The state at the start

  private mutating func setUpStartState() {
    var setup = random.derived("start-state")
    for person in organisation.presentAtStart {
      let top = person.team.topGroup
      state.accounts.append(
        SampleAccount(
          userID: person.gitlabUserID, username: person.username, name: person.displayName,
          email: person.email, isAdmin: person.isAdmin,
          externUID: person.externUID,
          createdAt: person.accountCreatedAt,
          lastSignIn: configuration.start.plus(seconds: -setup.int(3_600...1_200_000)),
          lastActivity: configuration.start.plus(seconds: -setup.int(3_600...600_000))))
      let joined = person.accountCreatedAt
      if person.team == .it {
        _ = state.addMembership(userID: person.gitlabUserID, namespace: "acme", role: .owner, at: joined)
        continue
      }
      _ = state.addMembership(userID: person.gitlabUserID, namespace: top, role: .guest, at: joined)
      let role: AccessRole = person.isLead ? .owner : (setup.chance(permille: 150) ? .maintainer : .developer)
      _ = state.addMembership(
        userID: person.gitlabUserID, namespace: person.team.namespacePath, role: role,
        at: joined.plus(seconds: setup.int(600...90_000)))
    }
    if let globexLead = organisation.people.first(where: { $0.team == .globex && $0.isLead }) {
      _ = state.changeRole(userID: globexLead.gitlabUserID, namespace: "globex", to: .owner)
    }
  }

  // MARK: - Days and times

  /// Monday to Friday days of the period between `fromDay` and `toDay` days after its start.
  func businessDays(from fromDay: Int, to toDay: Int) -> [Int] {
    let first = configuration.start.daysSinceEpoch
    guard toDay >= fromDay else { return [] }
    return (first + fromDay...first + toDay).filter {
      let weekday = CivilDate.weekday(daysSinceEpoch: $0)
      return weekday != 0 && weekday != 6
    }
  }

  /// Takes a free business day for one lifecycle change or incident.
  mutating func takeDay() -> Int {
    if let day = freeDays.popLast() { return day }
    return configuration.start.daysSinceEpoch + random.int(5...(configuration.dayCount - 10))
  }

  /// A random instant of `day` between the hours given (UTC), to the millisecond.
  mutating func time(on day: Int, from fromHour: Int, to toHour: Int) -> Timestamp {
    Timestamp.startOfDay(day).plus(milliseconds: random.int(fromHour * 3_600_000...toHour * 3_600_000 - 1))
  }

  /// `time` as a GitLab server writes it: 3 minutes slow inside the planted skew window.
  func gitlabClock(_ time: Timestamp) -> Timestamp {
    guard let skewWindow, skewWindow.contains(time) else { return time }
    return time.plus(seconds: -180)
  }

  /// Whether the person is employed and provisioned at `time`.
  func isActive(_ person: SamplePerson, at time: Timestamp) -> Bool {
    if person.isJoiner {
      guard let joins = person.joins, time > joins.plus(seconds: 86_400) else { return false }
    }
    if let leaves = leaveAt[person.index], time > leaves.plus(seconds: -7_200) { return false }
    return true
  }

  func person(_ index: Int) -> SamplePerson { organisation.people[index] }
}

/// The generated organisation, its timeline and GitLab's state at both ends of the period.
struct SampleWorld: Sendable {
  var configuration: SampleConfiguration
  var organisation: SampleOrganisation
  var timeline: SampleTimeline
  var startState: GitLabState
  var endState: GitLabState
  var handmadeAccount: SampleAccount?
}
