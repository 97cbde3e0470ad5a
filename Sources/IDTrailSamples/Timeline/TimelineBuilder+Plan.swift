import IDTrailModel

extension TimelineBuilder {
  /// Chooses the people of every part, and shuffles the business days lifecycle changes use.
  mutating func choosePlan() -> ScenarioPlan {
    var pick = random.derived("plan")
    freeDays = pick.shuffled(businessDays(from: 3, to: configuration.dayCount - 10))
    let people = organisation.people
    var taken: Set<Int> = []
    func choose(_ matching: (SamplePerson) -> Bool) -> Int {
      let candidates = people.indices.filter {
        !taken.contains($0) && !people[$0].isJoiner && !people[$0].isAdmin && !people[$0].isLead
          && matching(people[$0])
      }
      let chosen =
        candidates.isEmpty ? people.indices.first { !taken.contains($0) } ?? 0 : pick.pick(candidates)
      taken.insert(chosen)
      return chosen
    }
    let employee: (SamplePerson) -> Bool = {
      $0.source == .activeDirectory && [.platform, .web, .data].contains($0.team)
    }
    let admins = people.indices.filter { people[$0].isAdmin }
    let plan = ScenarioPlan(
      admins: admins,
      lateLeaver: choose(employee),
      unfinishedLeaver: choose(employee),
      repairedLeaver: choose(employee),
      failedLeaver: choose { $0.source == .entra },
      returningLeaver: choose(employee),
      directoryFirstLeaver: choose(employee),
      skewedLeaver: choose { $0.source == .okta },
      ordinaryLeavers: [
        choose { $0.team == .design }, choose { $0.source == .entra }, choose { $0.source == .legacyIGA },
        choose(employee),
      ],
      ownerGrantee: choose { employee($0) && $0.team == .platform },
      manualMember: choose { employee($0) && $0.team == .data },
      twoFactorDisabler: choose(employee),
      impersonated: choose(employee),
      impersonatedBriefly: choose(employee),
      staleTokenPush: choose(employee),
      movers: [choose(employee), choose(employee)],
      apiUsers: []
    )
    var result = plan
    let stayers = people.indices.filter {
      !taken.contains($0) && !people[$0].isJoiner && people[$0].source != .okta
    }
    result.apiUsers = Array(pick.shuffled(stayers).prefix(max(4, stayers.count / 5))).sorted()
    return result
  }
}
