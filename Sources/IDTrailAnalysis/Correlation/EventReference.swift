import IDTrailModel

/// Enough of an event to cite it in a finding: when, where from, what, and its locator.
public struct EventReference: Sendable, Hashable, Codable {
  public var time: Timestamp
  public var stage: Stage
  public var source: FormatID
  public var action: Action
  public var rawAction: String
  public var locator: Locator
  public var nativeID: String?
  public var evidence: EvidenceKind
  public var channel: Channel
  public var succeeded: Bool
  public var httpStatus: Int?

  public init(_ event: IdentityEvent) {
    time = event.time
    stage = event.stage
    source = event.source
    action = event.action
    rawAction = event.rawAction
    locator = event.locator
    nativeID = event.nativeID
    evidence = event.evidence
    channel = event.channel
    succeeded = event.outcome.succeeded
    httpStatus = event.outcome.httpStatus
  }
}
