import IDTrailModel

/// Turns the locators an access replay cites back into evidence, with their source and kind.
struct EvidenceLookup {
  private var events: [Locator: IdentityEvent] = [:]
  private var facts: [Locator: StateFact] = [:]

  /// Finds the records at `locators` in one pass over the trail.
  init(_ locators: Set<Locator>, in trail: Trail) {
    guard !locators.isEmpty else { return }
    // A few locators against millions of events: an event's line or offset is tested against a
    // bit per position first (a table small enough to stay in the processor's cache), then
    // looked up, and its whole locator (hashing the path) only when that matches one.
    let positions = Set(locators.map { Self.positionKey($0.position) })
    var filter = [UInt64](repeating: 0, count: Self.filterWords)
    for position in positions {
      let bit = Self.filterBit(position)
      filter[bit >> 6] |= 1 << UInt64(bit & 63)
    }
    trail.events.withUnsafeBufferPointer { trailEvents in
      for index in trailEvents.indices {
        let position = Self.positionKey(trailEvents[index].locator.position)
        let bit = Self.filterBit(position)
        guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, positions.contains(position) else { continue }
        let locator = trailEvents[index].locator
        if locators.contains(locator) && events[locator] == nil {
          events[locator] = trailEvents[index]
        }
      }
    }
    for fact in trail.facts where facts[fact.locator] == nil && locators.contains(fact.locator) {
      facts[fact.locator] = fact
    }
  }

  /// 64-bit words of the position filter: 2^21 bits, 256 KiB.
  private static let filterWords = 1 << 15

  /// The filter bit of a position: its low bits, which tell apart lines and records near each
  /// other (2^21 positions in a row have bits of their own).
  private static func filterBit(_ position: Int) -> Int { position & (filterWords * 64 - 1) }

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
