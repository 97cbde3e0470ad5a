import IDTrailModel

/// Turns the locators an access replay cites back into evidence, with their source and kind.
struct EvidenceLookup {
  private var events: [Locator: IdentityEvent] = [:]
  private var facts: [Locator: StateFact] = [:]

  /// Finds the records at `locators` in one pass over the trail.
  init(_ locators: Set<Locator>, in trail: Trail) {
    guard !locators.isEmpty else { return }
    // A few locators against millions of events: an event's line or offset is looked up first,
    // and its whole locator (hashing the path) only when that matches one.
    let positions = Set(locators.map { Self.positionKey($0.position) })
    let trailEvents = trail.events
    for index in trailEvents.indices
    where positions.contains(Self.positionKey(trailEvents[index].locator.position)) {
      let locator = trailEvents[index].locator
      if locators.contains(locator) && events[locator] == nil {
        events[locator] = trailEvents[index]
      }
    }
    for fact in trail.facts where facts[fact.locator] == nil && locators.contains(fact.locator) {
      facts[fact.locator] = fact
    }
  }

  /// The line number, or the byte offset of a record.
  private static func positionKey(_ position: Locator.Position) -> Int {
    switch position {
    case .line(let line): return line
    case .record(_, let byteOffset): return byteOffset
    }
  }

  func evidence(_ locator: Locator, kind: EvidenceKind) -> FindingEvidence {
    if let event = events[locator] { return FindingEvidence(event) }
    if let fact = facts[locator] { return FindingEvidence(fact, kind: kind) }
    return FindingEvidence(
      locator: locator, nativeID: nil, kind: kind, time: nil, source: FormatID("unknown"), rawAction: "")
  }
}
