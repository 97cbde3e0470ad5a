import IDTrailModel

/// One person's episodes and activity after deprovision, built in three passes: the lifecycle
/// (leavers and joiners, which bound each other), each episode's hops, then movers in what is left.
struct PersonEpisodes {
  let context: CorrelationContext
  let person: PersonID
  /// The person's events as the subject, in trail order.
  let events: [Int]
  private(set) var claimed: Set<Int> = []
  private(set) var episodes: [Episode] = []
  private(set) var activity: [AfterDeprovisionActivity] = []
  /// For each episode: until when later upstream signals fold into it.
  private var foldLimits: [Timestamp] = []

  /// An episode before its hops are searched: the opening, later upstream signals, the bounds.
  private struct Frame {
    var kind: Episode.Kind
    var opening: Int
    var t0: Timestamp
    /// The last instant a hop may be found at.
    var end: Timestamp
    var upstream: [Int] = []
    /// Leavers: when the person came back (a new joiner opened).
    var reactivation: Timestamp?
  }

  init(context: CorrelationContext, person: PersonID) {
    self.context = context
    self.person = person
    self.events = context.subjectEvents[person] ?? []
  }

  mutating func run() {
    var leavers: [(episode: Episode, reactivation: Timestamp?)] = []
    for frame in lifecycleFrames() {
      let episode = resolve(frame)
      if frame.kind == .leaver { leavers.append((episode, frame.reactivation)) }
    }
    resolveMovers()
    for leaver in leavers {
      collectActivity(after: leaver.episode, until: leaver.reactivation)
    }
  }

  // MARK: - Lifecycle

  private enum Lifecycle {
    case unknown, active, left
  }

  /// The leaver and joiner frames, in time order.
  ///
  /// A leaver opens unless the person already left; a joiner opens unless the person is already
  /// active. Each closes the other.
  private func lifecycleFrames() -> [Frame] {
    var state = Lifecycle.unknown
    var frames: [Frame] = []
    var openLeaver: Int?
    var openJoiner: Int?
    for index in events {
      let traits = context.traits[index]
      let time = context.times[index]
      if !traits.isDisjoint(with: [.leaverSignal, .leaverProvisioning]) {
        if state != .left {
          if let joiner = openJoiner { frames[joiner].end = min(frames[joiner].end, time) }
          openJoiner = nil
          frames.append(frame(.leaver, opening: index))
          openLeaver = frames.count - 1
          state = .left
        } else if let leaver = openLeaver, traits.contains(.leaverSignal), time <= frames[leaver].end {
          fold(index, into: &frames[leaver])
        }
      } else if !traits.isDisjoint(with: [.joinerSignal, .joinerProvisioning]) {
        if state != .active {
          if let leaver = openLeaver {
            frames[leaver].end = min(frames[leaver].end, time)
            frames[leaver].reactivation = time
          }
          openLeaver = nil
          frames.append(frame(.joiner, opening: index))
          openJoiner = frames.count - 1
          state = .active
        } else if let joiner = openJoiner, traits.contains(.joinerSignal), time <= frames[joiner].end {
          fold(index, into: &frames[joiner])
        }
      }
    }
    return frames
  }

  private func frame(_ kind: Episode.Kind, opening index: Int) -> Frame {
    let time = context.times[index]
    return Frame(kind: kind, opening: index, t0: time, end: time.adding(seconds: context.window(for: kind)))
  }

  /// Adds a later upstream signal to a frame.
  ///
  /// When the frame was opened by a provisioning call and the upstream signal follows within the
  /// clock-skew tolerance, the sources' clocks disagree: the upstream signal is the real opening,
  /// and the call becomes an ordinary hop.
  private func fold(_ index: Int, into frame: inout Frame) {
    let time = context.times[index]
    if context.traits[frame.opening].contains(.provisioningCall), frame.upstream.isEmpty,
      time <= frame.t0.adding(seconds: context.skewSeconds)
    {
      frame.opening = index
      frame.t0 = time
      frame.end = max(frame.end, time.adding(seconds: context.window(for: frame.kind)))
    } else {
      frame.upstream.append(index)
    }
  }

  // MARK: - Hops

  /// Finds a frame's provisioning hop and GitLab effect, claims its events and records the episode.
  @discardableResult
  private mutating func resolve(_ frame: Frame) -> Episode {
    let skew = context.skewSeconds
    let lower = frame.t0.adding(seconds: -skew)
    let openingEvent = context.events[frame.opening]
    var steps = [EpisodeStep(role: .opening, event: openingEvent)]
    claimed.insert(frame.opening)
    for index in frame.upstream {
      steps.append(EpisodeStep(role: .upstream, event: context.events[index]))
      claimed.insert(index)
    }

    var candidates: [Int] = []
    var position = context.firstPosition(in: events, atOrAfter: lower)
    while position < events.count, context.times[events[position]] <= frame.end {
      if !claimed.contains(events[position]) { candidates.append(events[position]) }
      position += 1
    }

    let effectIndex = candidates.first { context.traits[$0].contains(.effect(frame.kind)) }
    var effectTime = effectIndex.map { context.times[$0] }
    if effectIndex == nil, frame.kind == .leaver,
      let snapshot = context.disabledAccountFacts[person]?.first(where: {
        $0.time >= lower && $0.time <= frame.end
      })
    {
      steps.append(EpisodeStep(inferredEffectFrom: snapshot.fact, at: snapshot.time, state: snapshot.state))
      effectTime = snapshot.time
    }
    if let effectIndex {
      steps.append(EpisodeStep(role: .effect, event: context.events[effectIndex]))
      claimed.insert(effectIndex)
    }

    let openedByProvisioning = context.traits[frame.opening].contains(.provisioning(frame.kind))
    var provisioned: Timestamp? =
      openedByProvisioning && openingEvent.outcome.succeeded ? openingEvent.time : nil
    var attempted = openedByProvisioning
    if provisioned == nil {
      let limit = effectTime.map { $0.adding(seconds: skew) } ?? frame.end
      for index in candidates where index != effectIndex {
        guard context.times[index] <= limit, context.traits[index].contains(.provisioning(frame.kind)) else {
          continue
        }
        steps.append(EpisodeStep(role: .provisioning, event: context.events[index]))
        claimed.insert(index)
        attempted = true
        if context.traits[index].contains(.succeeded) {
          provisioned = context.times[index]
          break
        }
      }
    }
    steps.sort { ($0.time, $0.locator, $0.role.rawValue) < ($1.time, $1.locator, $1.role.rawValue) }

    let upstreamSignals = ([frame.opening] + frame.upstream).map { context.events[$0] }.filter {
      $0.stage == .idp || $0.stage == .directory
    }
    let reference = (upstreamSignals.first { $0.stage == .idp } ?? upstreamSignals.first)?.time
    var latencies = Latencies()
    if let provisioned, let reference { latencies.idpToScim = provisioned.seconds(since: reference) }
    if let provisioned, let effectTime, effectTime >= provisioned.adding(seconds: -skew) {
      latencies.scimToGitlab = effectTime.seconds(since: provisioned)
    }
    if let effectTime { latencies.endToEnd = effectTime.seconds(since: frame.t0) }

    let deadline = frame.kind == .leaver ? context.policy.leaverSLA.deadline(after: frame.t0) : nil
    let status: Episode.Status
    if let effectTime {
      status = deadline.map { effectTime > $0 } == true ? .late : .complete
    } else if attempted && provisioned == nil {
      status = .failed
    } else {
      status = .incomplete
    }
    let key = "\(person)|\(frame.kind.rawValue)|\(frame.t0.nanosecondsSinceEpoch)|\(openingEvent.locator)"
    let episode = Episode(
      id: "e-" + FNV1a.hexPrefix(of: key, length: 12), kind: frame.kind, person: person, status: status,
      opened: frame.t0, deadline: deadline, steps: steps, latencySeconds: latencies)
    episodes.append(episode)
    foldLimits.append(effectTime ?? frame.end)
    return episode
  }

  // MARK: - Movers

  /// Upstream group changes: folded into a leaver or joiner they fall inside, or into the open
  /// mover; otherwise each opens a mover that looks for a GitLab role or membership change.
  private mutating func resolveMovers() {
    let lifecycleCount = episodes.count
    var openMover: Int?
    for index in events where context.traits[index].contains(.moverSignal) && !claimed.contains(index) {
      let time = context.times[index]
      let host =
        (0..<lifecycleCount).first { episodes[$0].opened <= time && time <= foldLimits[$0] }
        ?? openMover.flatMap { time <= foldLimits[$0] ? $0 : nil }
      if let host {
        episodes[host].steps.append(EpisodeStep(role: .upstream, event: context.events[index]))
        episodes[host].steps.sort {
          ($0.time, $0.locator, $0.role.rawValue) < ($1.time, $1.locator, $1.role.rawValue)
        }
        claimed.insert(index)
        continue
      }
      let nextLeaver = episodes.prefix(lifecycleCount).filter { $0.kind == .leaver && $0.opened > time }
        .map(\.opened).min()
      var mover = frame(.mover, opening: index)
      if let nextLeaver { mover.end = min(mover.end, nextLeaver) }
      resolve(mover)
      openMover = episodes.count - 1
    }
  }

  // MARK: - Activity after deprovision

  /// Sign-ins, token creation and activity where the person is the subject, and anything the
  /// person did to others, after the leaver episode opened and before they came back.
  private mutating func collectActivity(after episode: Episode, until reactivation: Timestamp?) {
    let grace = context.policy.offboardingGraceHours * 3600
    func record(_ index: Int, asActor: Bool) {
      let time = context.times[index]
      guard time > episode.opened, reactivation.map({ time < $0 }) ?? true, !claimed.contains(index) else {
        return
      }
      let seconds = time.seconds(since: episode.opened)
      activity.append(
        AfterDeprovisionActivity(
          person: person, episode: episode.id, event: EventReference(context.events[index]),
          secondsAfterOpening: seconds,
          withinGrace: seconds <= grace, asActor: asActor))
    }
    let start = context.firstPosition(in: events, atOrAfter: episode.opened)
    for index in events[start...] where context.traits[index].contains(.subjectActivity) {
      record(index, asActor: context.actorOf[index] == person)
    }
    let acted = context.actorOnlyEvents[person] ?? []
    for index in acted[context.firstPosition(in: acted, atOrAfter: episode.opened)...]
    where context.traits[index].contains(.succeeded) {
      record(index, asActor: true)
    }
  }
}
