import IDTrailModel

/// Follows every person's identity changes from the directory and IdP through SCIM to GitLab:
/// joiner, mover and leaver episodes with hop latencies and a status, drift, and activity after
/// deprovision (DESIGN §5).
///
/// Per person, in time order:
/// - A leaver opens at the first upstream deprovision signal (directory or IdP disable or delete,
///   unassignment from the GitLab application), or at a SCIM deprovision call when no upstream
///   signal was seen. Later upstream signals of the same leaving are further steps. The first
///   successful SCIM deactivate or delete completes the provisioning hop; failed calls before it
///   stay as steps. The GitLab effect is the first membership removal, block, deactivation,
///   deletion or identity unlink from T0 minus the clock-skew tolerance on; failing that, a GitLab
///   users snapshot saying the account cannot sign in (inferred). A person who left opens no new
///   leaver until they come back.
/// - A joiner opens at an upstream create, enable or assignment to the GitLab application (or a
///   SCIM create), unless the person is already active; it ends at a GitLab account, identity or
///   membership creation.
/// - A mover opens at an upstream change of an access group that falls inside no leaver or joiner;
///   it ends at a GitLab role, membership or privilege change.
/// - Drift: a GitLab access change by a person (UI or API), part of no episode, with no upstream
///   event for the same person within `upstreamCauseHours` before it (or the skew after it).
/// - After deprovision: the person's sign-ins, token creations and activity, and anything they
///   did, after a leaver opened and before they came back.
///
/// Service accounts (policy) have no episodes and no drift.
public struct Correlator: Sendable {
  public var policy: Policy

  public init(policy: Policy = .default) {
    self.policy = policy
  }

  /// - Parameter people: the person each event names, when the caller has worked it out already.
  public func correlate(_ trail: Trail, graph: IdentityGraph, people: EventPeople? = nil) -> Correlation {
    let context = CorrelationContext(
      trail: trail, graph: graph, policy: policy, people: people ?? EventPeople(trail: trail, graph: graph))
    var result = Correlation()
    var claimed: Set<Int> = []
    var classes: [PersonID: AccountClass] = [:]
    for person in graph.people {
      let accountClass = policy.accountClass(of: person)
      classes[person.id] = accountClass
      guard accountClass != .serviceAccount else { continue }
      var episodes = PersonEpisodes(context: context, person: person.id)
      episodes.run()
      result.episodes += episodes.episodes
      result.afterDeprovision += episodes.activity
      claimed.formUnion(episodes.claimed)
    }
    result.drift = drift(context, claimed: claimed, classes: classes)
    result.episodes.sort { lhs, rhs in
      (lhs.opened, lhs.person, lhs.kind.rawValue, lhs.id) < (
        rhs.opened, rhs.person, rhs.kind.rawValue, rhs.id
      )
    }
    result.afterDeprovision.sort { lhs, rhs in
      (lhs.event.time, lhs.event.locator, lhs.person, lhs.episode)
        < (rhs.event.time, rhs.event.locator, rhs.person, rhs.episode)
    }
    return result
  }

  private func drift(
    _ context: CorrelationContext, claimed: Set<Int>, classes: [PersonID: AccountClass]
  ) -> [DriftFinding] {
    let window = policy.matchingWindows.upstreamCauseHours * 3600
    var findings: [DriftFinding] = []
    for index in context.events.indices
    where context.traits[index].contains(.driftCandidate) && !claimed.contains(index) {
      let event = context.events[index]
      let person = context.subjectOf[index]
      let subjectClass = person.flatMap { classes[$0] } ?? .person
      guard subjectClass != .serviceAccount else { continue }
      if let person,
        hasUpstreamCause(
          context, person: person, from: event.time.adding(seconds: -window),
          to: event.time.adding(seconds: policy.clockSkewSeconds))
      {
        continue
      }
      let granting = [Action.membershipAdd, .membershipUpdate, .privilegeGrant].contains(event.action)
      findings.append(
        DriftFinding(
          kind: SignalClassifier.driftKind(of: event.action), person: person, subject: event.subject,
          actor: context.actorOf[index], actorIdentifiers: event.actor.identifiers,
          event: EventReference(event),
          resource: event.resource, role: event.role,
          grantsPrivilegedRole: granting && policy.isPrivileged(role: event.role?.after),
          subjectClass: subjectClass))
    }
    return findings
  }

  private func hasUpstreamCause(
    _ context: CorrelationContext, person: PersonID, from start: Timestamp, to end: Timestamp
  ) -> Bool {
    let indices = context.subjectEvents[person] ?? []
    var position = context.firstPosition(in: indices, atOrAfter: start)
    while position < indices.count, context.times[indices[position]] <= end {
      if context.traits[indices[position]].contains(.upstreamCause) { return true }
      position += 1
    }
    return false
  }
}
