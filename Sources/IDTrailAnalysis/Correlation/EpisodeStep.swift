import IDTrailModel

/// One event in an episode, with the part it plays.
public struct EpisodeStep: Sendable, Hashable, Codable {
  /// The part a step plays in its episode.
  public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// The first upstream signal: it opened the episode at T0.
    case opening
    /// A later upstream signal of the same change (the IdP after the directory, a group removal).
    case upstream
    /// A provisioning call (SCIM): failed attempts, then the first success that completes the hop.
    case provisioning
    /// The change in GitLab that ends the episode.
    case effect
  }

  public var role: Role
  public var stage: Stage
  public var action: Action
  public var rawAction: String
  /// For provisioning calls: the operation asked for.
  public var provisioning: ProvisioningOperation?
  public var source: FormatID
  public var time: Timestamp
  /// `inferred` when the step comes from a state snapshot rather than a log record.
  public var evidence: EvidenceKind
  public var locator: Locator
  public var nativeID: String?
  public var succeeded: Bool
  public var httpStatus: Int?
  /// How the change was made; nil for steps read from snapshots.
  public var channel: Channel?

  public init(role: Role, event: IdentityEvent) {
    self.role = role
    stage = event.stage
    action = event.action
    rawAction = event.rawAction
    provisioning = event.provisioning
    source = event.source
    time = event.time
    evidence = event.evidence
    locator = event.locator
    nativeID = event.nativeID
    succeeded = event.outcome.succeeded
    httpStatus = event.outcome.httpStatus
    channel = event.channel
  }

  /// An effect inferred from a snapshot: by `asOf` the account could no longer sign in.
  init(inferredEffectFrom fact: StateFact, at time: Timestamp, state: String) {
    role = .effect
    stage = .gitlab
    action = .accountDisable
    rawAction = "state:" + state
    provisioning = nil
    source = fact.source
    self.time = time
    evidence = .inferred
    locator = fact.locator
    nativeID = nil
    succeeded = true
    httpStatus = nil
    channel = nil
  }
}
