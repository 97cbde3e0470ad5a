import Dispatch
import IDTrailAnalysis
import IDTrailIngest
import IDTrailModel
import IDTrailReport
import Synchronization

/// Turns a run's parts into the one `Report` value every renderer draws from.
///
/// Everything is put in a fixed order (inputs as read, people by id, episodes by opening time,
/// findings as the evaluation orders them), so the same inputs give the same report.
struct ReportAssembler {
  let inputs: [DecodedInput]
  let digests: [String]
  let analysis: Analysis
  let evaluation: ControlEvaluation
  let replay: AccessReplay
  let period: TimeSpan
  let toolVersion: String

  /// How many rejections the report lists; `rejectionCount` counts them all.
  static let listedRejections = 200

  var report: Report {
    // The sections that each take a pass over many people, findings or events are built side by
    // side: one after another, they held one core at the end of a run while the other waited.
    let people = Mutex<[Report.Person]>([])
    let findings = Mutex<[Report.Finding]>([])
    let accessReview = Mutex<[Report.AccessEntry]>([])
    let eventsPerDay = Mutex<[Report.DayCount]>([])
    DispatchQueue.concurrentPerform(iterations: 4) { section in
      switch section {
      case 0:
        let built = self.people
        people.withLock { $0 = built }
      case 1:
        let built = self.findings
        findings.withLock { $0 = built }
      case 2:
        let built = self.accessReview
        accessReview.withLock { $0 = built }
      default:
        let built = self.eventsPerDay
        eventsPerDay.withLock { $0 = built }
      }
    }
    return Report(
      tool: .init(name: "idtrail", version: toolVersion),
      period: .init(start: period.start, end: period.end),
      policy: analysis.policy.summary,
      leaverSLASeconds: analysis.policy.leaverSLA.fixedSeconds,
      inputs: reportInputs, people: people.withLock { $0 }, episodes: episodes, controls: controls,
      findings: findings.withLock { $0 }, rejections: rejections,
      rejectionCount: inputs.map(\.rejectedCount).reduce(0, +),
      accessReview: accessReview.withLock { $0 }, eventsPerDay: eventsPerDay.withLock { $0 })
  }

  private var reportInputs: [Report.Input] {
    zip(inputs, digests).map { input, digest in
      Report.Input(
        path: input.path, format: input.format?.rawValue, sha256: digest, records: input.records,
        decoded: input.decoded, skipped: input.skippedCount, rejected: input.rejectedCount,
        coverage: input.coverage.map { .init(start: $0.lowerBound, end: $0.upperBound) })
    }
  }

  private var people: [Report.Person] {
    analysis.graph.people.map { person in
      Report.Person(
        id: person.id.rawValue, displayName: person.displayName, emails: person.emails,
        identifiers: person.identifiers.map {
          .init(kind: $0.kind.rawValue, value: $0.value, learnedFrom: $0.learnedFrom.description)
        })
    }
  }

  private var episodes: [Report.Episode] {
    analysis.correlation.episodes
      .filter { $0.opened >= period.start && $0.opened <= period.end }
      .map { episode in
        Report.Episode(
          kind: episode.kind.rawValue, person: episode.person.rawValue, status: episode.status.rawValue,
          steps: episode.steps.map {
            .init(
              stage: $0.stage.rawValue, action: $0.action.rawValue, time: $0.time,
              evidence: $0.evidence.rawValue, locator: $0.locator.description)
          },
          latencySeconds: .init(
            idpToScim: episode.latencySeconds.idpToScim, scimToGitlab: episode.latencySeconds.scimToGitlab,
            endToEnd: episode.latencySeconds.endToEnd))
      }
  }

  private var controls: [Report.Control] {
    evaluation.results.map { result in
      Report.Control(
        id: result.id, title: result.title, criteria: result.criteria, status: result.status.rawValue,
        findingCount: result.findings.count, statusReason: result.statusReason)
    }
  }

  private var findings: [Report.Finding] {
    evaluation.findings.map { finding in
      Report.Finding(
        id: finding.id, control: finding.control, severity: finding.severity.rawValue,
        person: finding.person.map {
          .init(id: $0.id.rawValue, email: $0.email, gitlabUsername: $0.gitlabUsername)
        },
        summary: finding.summary, time: finding.time,
        evidence: finding.evidence.map {
          .init(locator: $0.locator.description, nativeID: $0.nativeID, kind: $0.kind.rawValue)
        })
    }
  }

  private var rejections: [Report.Rejection] {
    Array(
      inputs.lazy.flatMap(\.rejections)
        .map { Report.Rejection(locator: $0.locator.description, reason: $0.reason) }
        .prefix(Self.listedRejections))
  }

  /// Who holds what at the period's end, one row per person and resource.
  private var accessReview: [Report.AccessEntry] {
    let leaverEffects = Dictionary(
      analysis.correlation.episodes.filter { $0.kind == .leaver }.compactMap { episode in
        episode.effect.map { (episode.person, $0.time) }
      },
      uniquingKeysWith: max)
    return replay.access(at: period.end).map { entry in
      let person = analysis.graph.person(entry.person)
      let account = person?.values(of: .gitlabUsername).first ?? person?.label ?? entry.person.rawValue
      return Report.AccessEntry(
        account: account, owner: person?.emails.first, resource: entry.resource.name, role: entry.role,
        status: entry.effective ? "active" : "deactivated", created: entry.since,
        deactivated: entry.effective ? nil : leaverEffects[entry.person],
        evidence: entry.evidence.rawValue)
    }
    .sorted { ($0.account, $0.resource, $0.role) < ($1.account, $1.resource, $1.role) }
  }

  /// Counted by whole UTC day number and stage, without building a string per event (the trail
  /// can hold millions); the day is formatted once per row.
  private var eventsPerDay: [Report.DayCount] {
    struct DayStage: Hashable {
      var day: Int64
      var stage: Stage
    }
    var counts: [DayStage: Int] = [:]
    // The trail is in time order, so one day's events come together: they are counted per stage
    // in `day`, and go into `counts` when the day changes (once a day, not once an event).
    let stages = Stage.allCases
    var day: Int64?
    var dayCounts = [Int](repeating: 0, count: stages.count)
    func flushDay() {
      guard let day else { return }
      for (stage, count) in zip(stages, dayCounts) where count > 0 {
        counts[DayStage(day: day, stage: stage), default: 0] += count
      }
      dayCounts = [Int](repeating: 0, count: stages.count)
    }
    // By index, so that reading an event's time and stage does not copy the event.
    let events = analysis.trail.events
    for index in events.indices where events[index].time >= period.start && events[index].time <= period.end {
      let seconds = events[index].time.secondsSinceEpoch
      let eventDay = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
      if eventDay != day {
        flushDay()
        day = eventDay
      }
      dayCounts[stages.firstIndex(of: events[index].stage) ?? 0] += 1
    }
    flushDay()
    return counts.keys.sorted { ($0.day, $0.stage.rawValue) < ($1.day, $1.stage.rawValue) }.map { key in
      let date = Timestamp(secondsSinceEpoch: key.day * 86_400).rfc3339.prefix(10)
      return Report.DayCount(day: String(date), stage: key.stage.rawValue, count: counts[key] ?? 0)
    }
  }
}
