import IDTrailModel

/// What the user told the decoders that the inputs do not say themselves.
public struct DecodeOptions: Sendable, Hashable {
  /// The namespace path of a members export given as a plain array (`--namespace`).
  public var namespace: String?
  /// When state snapshots without their own time were taken (`--as-of`).
  public var snapshotTime: Timestamp?
  /// How many rejections to keep per input; the count covers them all.
  public var keptRejections: Int

  public init(namespace: String? = nil, snapshotTime: Timestamp? = nil, keptRejections: Int = 1000) {
    self.namespace = namespace
    self.snapshotTime = snapshotTime
    self.keptRejections = keptRejections
  }
}
