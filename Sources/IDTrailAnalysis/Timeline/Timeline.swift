import IDTrailModel

/// One person's events from every source on one time line, with the identifiers that make them
/// one person and the episodes the correlator found (`idtrail timeline`).
public struct Timeline: Sendable {
  /// One event in the timeline.
  public struct Entry: Sendable, Hashable {
    public var event: IdentityEvent
    /// The person is the event's subject (it happened to them).
    public var isSubject: Bool
    /// The person is the event's actor (they did it).
    public var isActor: Bool
    /// What correlation made of the event, such as `leaver opening`, `drift` or `after leaver +3600 s`.
    public var notes: [String]
    /// Who the event is about, as a short label (the person's email where known).
    public var subjectLabel: String
    /// Who acted, as a short label: a person's email where known, or the kind of system.
    public var actorLabel: String
  }

  public let person: Person
  /// The person's episodes that have a step in the range, in time order.
  public let episodes: [Episode]
  /// In trail order (time, source, locator).
  public let entries: [Entry]
  public let from: Timestamp?
  public let to: Timestamp?
  /// Repeated deliveries of the person's events that the trail dropped.
  public let duplicates: [Trail.DuplicateDelivery]

  /// The timeline of `person` between `from` and `to` (both inclusive, either open).
  public init(person: Person, in analysis: Analysis, from: Timestamp? = nil, to: Timestamp? = nil) {
    self.person = person
    self.from = from
    self.to = to
    func inRange(_ time: Timestamp) -> Bool {
      (from.map { time >= $0 } ?? true) && (to.map { time <= $0 } ?? true)
    }
    let correlation = analysis.correlation
    var notes: [EventKey: [String]] = [:]
    let episodes = correlation.episodes(of: person.id).filter { episode in
      inRange(episode.opened) || episode.steps.contains { inRange($0.time) }
    }
    for episode in correlation.episodes(of: person.id) {
      for step in episode.steps where step.evidence == .observed {
        notes[EventKey(step), default: []].append("\(episode.kind.rawValue) \(step.role.rawValue)")
      }
    }
    for finding in correlation.drift where finding.person == person.id || finding.actor == person.id {
      notes[EventKey(finding.event), default: []].append("drift")
    }
    for activity in correlation.afterDeprovision where activity.person == person.id {
      let grace = activity.withinGrace ? " (grace)" : ""
      notes[EventKey(activity.event), default: []].append(
        "after leaver +\(IdentifierLabel.seconds(activity.secondsAfterOpening)) s\(grace)")
    }
    let graph = analysis.graph
    func label(_ identifiers: [Identifier]) -> String {
      graph.personID(for: identifiers).flatMap { graph.person($0)?.label } ?? IdentifierLabel.best(
        identifiers) ?? "-"
    }
    var entries: [Entry] = []
    var kept: Set<Locator> = []
    for event in analysis.trail.events where inRange(event.time) {
      let subject = graph.personID(for: event.subject)
      let actor = event.actor.kind == .person ? graph.personID(for: event.actor.identifiers) : nil
      guard subject == person.id || actor == person.id else { continue }
      let actorLabel =
        event.actor.kind == .person ? label(event.actor.identifiers) : IdentifierLabel.actor(event.actor)
      entries.append(
        Entry(
          event: event, isSubject: subject == person.id, isActor: actor == person.id,
          notes: notes[EventKey(event)] ?? [], subjectLabel: label(event.subject), actorLabel: actorLabel))
      kept.insert(event.locator)
    }
    self.episodes = episodes
    self.entries = entries
    self.duplicates = analysis.trail.duplicates.filter { kept.contains($0.kept) }
  }

  /// The one person `query` names: a person id, `kind:value`, or a bare identifier of any kind.
  public static func findPerson(_ query: String, in graph: IdentityGraph) throws(TimelineError) -> Person {
    let matches = graph.people(matching: IdentifierQuery(parsing: query))
    guard let first = matches.first else { throw .noPerson(query: query) }
    guard matches.count == 1 else {
      throw .ambiguous(query: query, candidates: matches.map { "\($0.id) (\($0.label))" })
    }
    return first
  }

  /// Identifies an event across the trail and the correlation's references to it.
  private struct EventKey: Hashable {
    var source: FormatID
    var locator: Locator
    var action: Action
    var time: Timestamp

    init(_ event: IdentityEvent) {
      (source, locator, action, time) = (event.source, event.locator, event.action, event.time)
    }

    init(_ reference: EventReference) {
      (source, locator, action, time) = (
        reference.source, reference.locator, reference.action, reference.time
      )
    }

    init(_ step: EpisodeStep) {
      (source, locator, action, time) = (step.source, step.locator, step.action, step.time)
    }
  }
}
