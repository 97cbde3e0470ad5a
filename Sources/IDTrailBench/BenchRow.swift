/// One line of a benchmark's table: a format's files, all inputs decoded as `inspect` does, or the
/// full report run over them.
public struct BenchRow: Sendable, Equatable {
  /// The format ID, `unrecognised`, or the phase's name.
  public var label: String
  public var files: Int
  public var bytes: Int
  public var records: Int
  public var events: Int
  /// The fastest round (for a format, the fastest round of each of its files, added up).
  public var timing: Timing
  /// The largest peak of any round.
  public var peak: MemoryPeak

  public init(
    label: String, files: Int, bytes: Int, records: Int, events: Int, timing: Timing, peak: MemoryPeak
  ) {
    self.label = label
    self.files = files
    self.bytes = bytes
    self.records = records
    self.events = events
    self.timing = timing
    self.peak = peak
  }

  /// Input megabytes (10^6 bytes) per wall second; 0 when no time passed.
  public var megabytesPerSecond: Double {
    timing.wallSeconds > 0 ? Double(bytes) / 1e6 / timing.wallSeconds : 0
  }

  /// Events per wall second; 0 when no time passed.
  public var eventsPerSecond: Double {
    timing.wallSeconds > 0 ? Double(events) / timing.wallSeconds : 0
  }

  /// Wall seconds per million events; 0 without events.
  public var secondsPerMillionEvents: Double {
    events > 0 ? timing.wallSeconds / (Double(events) / 1e6) : 0
  }

  /// This row with `other`'s files, bytes, counts and times added and the larger peak.
  public func adding(_ other: BenchRow) -> BenchRow {
    BenchRow(
      label: label, files: files + other.files, bytes: bytes + other.bytes, records: records + other.records,
      events: events + other.events, timing: timing + other.timing, peak: peak.merged(with: other.peak))
  }
}
