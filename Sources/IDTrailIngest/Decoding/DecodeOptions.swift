import IDTrailModel

/// What the user told the decoders that the inputs do not say themselves, and what the caller
/// wants kept.
public struct DecodeOptions: Sendable, Hashable {
  /// The namespace path of a members export given as a plain array (`--namespace`).
  public var namespace: String?
  /// When state snapshots without their own time were taken (`--as-of`).
  public var snapshotTime: Timestamp?
  /// How many rejections to keep per input; the count covers them all.
  public var keptRejections: Int
  /// Whether decoded inputs keep their events. When false (`inspect`, which needs only counts and
  /// coverage), `DecodedInput.events` comes back empty and `eventCount` and `coverage` still say
  /// what was decoded; decoders may then skip building events at all (`DecodedInput.tally`).
  public var retainsEvents: Bool
  /// How many threads one input is read on; nil for one per core. The output is the same for any
  /// number.
  public var threads: Int?

  public init(
    namespace: String? = nil, snapshotTime: Timestamp? = nil, keptRejections: Int = 1000,
    retainsEvents: Bool = true, threads: Int? = nil
  ) {
    self.namespace = namespace
    self.snapshotTime = snapshotTime
    self.keptRejections = keptRejections
    self.retainsEvents = retainsEvents
    self.threads = threads
  }

  /// How many threads to read one input on.
  var threadCount: Int {
    max(1, threads ?? SystemInfo.activeProcessorCount)
  }
}
