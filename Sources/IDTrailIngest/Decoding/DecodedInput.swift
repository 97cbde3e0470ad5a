import CPrefetch
import IDTrailModel

/// Everything one input yielded, with the accounting that proves nothing was dropped:
/// `records == decoded + skipped + rejected`.
public struct DecodedInput: Sendable {
  public var path: String
  /// The format the input was read as; nil when none recognised it.
  public var format: FormatID?
  public var byteCount: Int
  public var records = 0
  public var decoded = 0
  /// Skipped records counted by reason.
  public var skipped: [String: Int] = [:]
  public var rejectedCount = 0
  /// The first rejections (up to `DecodeOptions.keptRejections`), in input order.
  public var rejections: [Rejection] = []
  /// The events, in input order; empty when the caller asked not to keep them
  /// (`DecodeOptions.retainsEvents`).
  ///
  /// An input read in parts keeps each part's events in an array of its own, so that joining them
  /// never copies millions of events into fresh memory: this joins them on each read, and
  /// `takeEventRuns()` hands them over as they are.
  public var events: [IdentityEvent] {
    get { earlierEvents.isEmpty ? latestEvents : Array((earlierEvents + [latestEvents]).joined()) }
    set {
      earlierEvents = []
      latestEvents = newValue
      backedEvents = 0
    }
  }
  /// The events of the last part (all of them, for an input read in one part).
  private var latestEvents: [IdentityEvent] = []
  /// The events of the parts before the last, one array per part, in order.
  private var earlierEvents: [[IdentityEvent]] = []
  /// How many of `latestEvents`' slots are backed with memory ahead of the writes (`backEvents`).
  private var backedEvents = 0
  public var facts: [StateFact] = []
  /// The earliest and latest event times.
  public var coverage: ClosedRange<Timestamp>?
  /// Whether `emit` keeps events; when false it only counts them, and decoders may call `tally`
  /// instead of building an event.
  public private(set) var retainsEvents: Bool
  private var keptRejections: Int
  /// Events counted but not kept in `events`.
  private var droppedEvents = 0
  /// When set, the id and time of every event emitted since, for `skipRepeatedDeliveries`.
  private(set) var deliveries: DeliveryLog?
  /// The tables the decoder of this part fills (repeated strings, identifier lists, the member
  /// order of its records); handed on to the next part when this one is read (`takeTables`).
  var tables = PartTables()

  public init(
    path: String, format: FormatID?, byteCount: Int, keptRejections: Int = 1000, retainsEvents: Bool = true
  ) {
    self.path = path
    self.format = format
    self.byteCount = byteCount
    self.keptRejections = keptRejections
    self.retainsEvents = retainsEvents
  }

  public var skippedCount: Int { skipped.values.reduce(0, +) }

  /// How many events the input yielded, whether or not `events` keeps them.
  public var eventCount: Int { retainedEventCount + droppedEvents }

  private var retainedEventCount: Int { earlierEvents.reduce(latestEvents.count) { $0 + $1.count } }

  /// Counts one record as `disposition`.
  public mutating func account(_ disposition: RecordDisposition, at locator: Locator) {
    records += 1
    switch disposition {
    case .decoded:
      decoded += 1
    case .skipped(let reason):
      skipped[reason, default: 0] += 1
    case .rejected(let reason):
      rejectedCount += 1
      if rejections.count < keptRejections {
        rejections.append(Rejection(locator: locator, reason: reason))
      }
    }
  }

  /// Adds one event (or only counts it, when events are not retained).
  public mutating func emit(_ event: consuming IdentityEvent) {
    if retainsEvents {
      event.subject = tables.identifierLists.shared(event.subject)
      event.actor.identifiers = tables.identifierLists.shared(event.actor.identifiers)
    }
    emit(sharedLists: event)
  }

  /// `emit(_:)` for an event whose subject and actor identifiers are already lists from
  /// `tables.identifierLists` (so that they are not looked up there again).
  mutating func emit(sharedLists event: consuming IdentityEvent) {
    note(event.time, deliveryKey: event.nativeID, ordinal: eventCount)
    if retainsEvents {
      if latestEvents.count >= backedEvents { backEvents() }
      latestEvents.append(event)
    } else {
      droppedEvents += 1
    }
  }

  /// Backs the reserved room for the next events with memory a run at a time
  /// (`idtrail_populate`): cheaper than a page fault every 28 events as they are written.
  private mutating func backEvents() {
    let capacity = latestEvents.capacity
    let count = latestEvents.count
    backedEvents = min(capacity, count + Self.backedRun)
    guard backedEvents > count else { return }
    latestEvents.withUnsafeMutableBufferPointer { events in
      guard let base = events.baseAddress else { return }
      idtrail_populate(base + count, (backedEvents - count) * MemoryLayout<IdentityEvent>.stride)
    }
  }

  /// How many events `backEvents` backs at a time: 2 MiB of them.
  private static let backedRun = (2 << 20) / MemoryLayout<IdentityEvent>.stride

  /// Makes room for the events of about `byteCount` bytes of input at once, so that a large part's
  /// array is not copied into fresh memory each time it grows. The room is address space only
  /// until events are written into it.
  mutating func reserveEvents(forBytes byteCount: Int) {
    let events = byteCount / Self.fewestBytesPerEvent
    deliveries?.reserve(events: events, keyBytes: events * Self.typicalDeliveryKeyBytes)
    guard retainsEvents else { return }
    latestEvents.reserveCapacity(events)
  }

  /// Room for the delivery key of an event in `reserveEvents`: more than most native ids take
  /// (`gitlab-audit:` and a number or a UUID, an Okta UUID), which the log's array outgrows only
  /// for inputs with longer ids.
  private static let typicalDeliveryKeyBytes = 48

  /// Fewer bytes than a record of any format read here spends on one event (a GitLab audit event
  /// is about 600 bytes of NDJSON, an Okta event over 1,000).
  private static let fewestBytesPerEvent = 200

  /// Counts one event without building it, for decoders that see `retainsEvents` is false.
  ///
  /// - Parameter deliveryKey: stands for the event's `nativeID`: two events of this input have
  ///   equal keys exactly when their native ids would be equal (so a decoder whose native ids are
  ///   a fixed prefix and the record's id may pass the id alone); nil when it would have none.
  public mutating func tally(eventAt time: Timestamp, deliveryKey: String?) {
    note(time, deliveryKey: deliveryKey, ordinal: eventCount)
    droppedEvents += 1
  }

  /// `tally(eventAt:deliveryKey:)` with the key's `scalarText` still in the input: the log takes
  /// its bytes from there, so no `String` is made of it.
  public mutating func tally(eventAt time: Timestamp, deliveryKey: JSONValue?) {
    widenCoverage(to: time)
    if deliveries != nil {
      let ordinal = eventCount
      if let deliveryKey {
        deliveryKey.withScalarTextBytes { deliveries?.record($0, at: time, ordinal: ordinal) }
      } else {
        deliveries?.record(nil as UnsafeRawBufferPointer?, at: time, ordinal: ordinal)
      }
    }
    droppedEvents += 1
  }

  public mutating func emit(_ fact: StateFact) {
    facts.append(fact)
  }

  /// Widens the coverage to `time` and logs the delivery of the event numbered `ordinal`.
  private mutating func note(_ time: Timestamp, deliveryKey: String?, ordinal: Int) {
    widenCoverage(to: time)
    deliveries?.record(deliveryKey, at: time, ordinal: ordinal)
  }

  private mutating func widenCoverage(to time: Timestamp) {
    if let coverage {
      if time < coverage.lowerBound {
        self.coverage = time...coverage.upperBound
      } else if time > coverage.upperBound {
        self.coverage = coverage.lowerBound...time
      }
    } else {
      coverage = time...time
    }
  }

  /// Starts logging the id and time of every event emitted from here on (before the first one).
  mutating func logDeliveries() {
    deliveries = DeliveryLog()
  }

  /// Hands the events over as they are kept, one array per part read, in order, and keeps only
  /// their count (`eventCount`).
  public mutating func takeEventRuns() -> [[IdentityEvent]] {
    defer { releaseEvents() }
    return (earlierEvents + [latestEvents]).filter { !$0.isEmpty }
  }

  /// This input, leaving an empty one in its place, so that the caller holds the only reference
  /// to its events: changing events still referenced from elsewhere would copy them all.
  mutating func take() -> DecodedInput {
    defer { self = DecodedInput(path: "", format: nil, byteCount: 0) }
    return self
  }

  mutating func releaseEvents() {
    droppedEvents += retainedEventCount
    earlierEvents = []
    latestEvents = []
    backedEvents = 0
    retainsEvents = false
  }

  /// Appends what a later part of the same input yielded (inputs decoded in chunks).
  ///
  /// Delivery logs are not joined: parts drop their repeated deliveries
  /// (`skipRepeatedDeliveries(at:)`) before they are appended.
  public mutating func append(_ later: DecodedInput) {
    records += later.records
    decoded += later.decoded
    skipped.merge(later.skipped, uniquingKeysWith: +)
    rejectedCount += later.rejectedCount
    rejections.append(contentsOf: later.rejections.prefix(max(0, keptRejections - rejections.count)))
    for run in later.earlierEvents + [later.latestEvents] where !run.isEmpty {
      if !latestEvents.isEmpty { earlierEvents.append(latestEvents) }
      latestEvents = run
      backedEvents = 0
    }
    droppedEvents += later.droppedEvents
    facts.append(contentsOf: later.facts)
    if let other = later.coverage {
      coverage = coverage.map {
        min($0.lowerBound, other.lowerBound)...max($0.upperBound, other.upperBound)
      } ?? other
    }
  }

  /// The reason repeated deliveries are skipped under.
  /// Adds `base` to the record number of every array-element locator: a part of an array read on
  /// its own numbers its elements from 1.
  mutating func offsetRecordIndices(by base: Int) {
    guard base != 0 else { return }
    mapPositions { position in
      guard case .record(let index, let offset) = position else { return position }
      return .record(index: index + base, byteOffset: offset)
    }
  }

  /// Adds `base` to the line number of every line locator: a part of an NDJSON input read on its
  /// own numbers its lines from 1.
  mutating func offsetLineNumbers(by base: Int) {
    guard base != 0 else { return }
    mapPositions { position in
      guard case .line(let line) = position else { return position }
      return .line(line + base)
    }
  }

  /// Rewrites the position of every locator this input holds (events, facts, rejections).
  private mutating func mapPositions(_ transform: (Locator.Position) -> Locator.Position) {
    for run in earlierEvents.indices {
      for index in earlierEvents[run].indices {
        earlierEvents[run][index].locator.position = transform(earlierEvents[run][index].locator.position)
      }
    }
    for index in latestEvents.indices {
      latestEvents[index].locator.position = transform(latestEvents[index].locator.position)
    }
    for index in facts.indices { facts[index].locator.position = transform(facts[index].locator.position) }
    for index in rejections.indices {
      rejections[index].locator.position = transform(rejections[index].locator.position)
    }
  }

  static let repeatedDeliveryReason = "repeated delivery of an event already read from this input (same id)"

  /// Moves the events at `ordinals` (ascending positions among the events emitted since
  /// `logDeliveries`) from decoded to skipped as repeated deliveries, and ends the log.
  ///
  /// Each record whose events are logged emits exactly one event, so removing the event and moving
  /// one count keeps `records = decoded + skipped + rejected`.
  mutating func skipRepeatedDeliveries(at ordinals: [Int]) {
    defer { deliveries = nil }
    guard !ordinals.isEmpty, let log = deliveries else { return }
    if retainsEvents {
      // Compacts in place by swapping, so that no event is copied.
      var next = 0
      var write = 0
      for read in latestEvents.indices {
        if next < ordinals.count, ordinals[next] == read {
          next += 1
          continue
        }
        if write != read { latestEvents.swapAt(write, read) }
        write += 1
      }
      latestEvents.removeLast(latestEvents.count - write)
    } else {
      droppedEvents -= ordinals.count
    }
    decoded -= ordinals.count
    skipped[Self.repeatedDeliveryReason, default: 0] += ordinals.count
    coverage = log.coverage(excluding: ordinals)
  }
}
