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
  public var events: [IdentityEvent] = []
  public var facts: [StateFact] = []
  /// The earliest and latest event times.
  public var coverage: ClosedRange<Timestamp>?
  private var keptRejections: Int

  public init(path: String, format: FormatID?, byteCount: Int, keptRejections: Int = 1000) {
    self.path = path
    self.format = format
    self.byteCount = byteCount
    self.keptRejections = keptRejections
  }

  public var skippedCount: Int { skipped.values.reduce(0, +) }

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

  public mutating func emit(_ event: IdentityEvent) {
    events.append(event)
    if let coverage {
      if event.time < coverage.lowerBound {
        self.coverage = event.time...coverage.upperBound
      } else if event.time > coverage.upperBound {
        self.coverage = coverage.lowerBound...event.time
      }
    } else {
      coverage = event.time...event.time
    }
  }

  public mutating func emit(_ fact: StateFact) {
    facts.append(fact)
  }

  /// Appends what a later part of the same input yielded (inputs decoded in chunks).
  public mutating func append(_ later: DecodedInput) {
    records += later.records
    decoded += later.decoded
    skipped.merge(later.skipped, uniquingKeysWith: +)
    rejectedCount += later.rejectedCount
    rejections.append(contentsOf: later.rejections.prefix(max(0, keptRejections - rejections.count)))
    events.append(contentsOf: later.events)
    facts.append(contentsOf: later.facts)
    if let other = later.coverage {
      coverage = coverage.map {
        min($0.lowerBound, other.lowerBound)...max($0.upperBound, other.upperBound)
      } ?? other
    }
  }
}
