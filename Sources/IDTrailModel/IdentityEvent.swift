/// One thing that happened to one subject, normalised from any source (DESIGN §3).
public struct IdentityEvent: Sendable, Hashable, Codable {
  public var time: Timestamp
  /// The time exactly as the source wrote it.
  public var originalTime: String
  public var source: FormatID
  public var stage: Stage
  /// The source's own id for the record, used to drop repeated deliveries; nil when it has none.
  public var nativeID: String?
  public var locator: Locator
  public var action: Action
  /// The source's own name for what happened (`member_created`, `user.lifecycle.deactivate`, …).
  public var rawAction: String
  /// For `provision.request`: the operation asked for.
  public var provisioning: ProvisioningOperation?
  /// Who it happened to.
  public var subject: [Identifier]
  public var actor: Actor
  public var resource: Resource?
  public var role: RoleChange?
  public var outcome: Outcome
  public var channel: Channel
  public var evidence: EvidenceKind

  public init(
    time: Timestamp, originalTime: String, source: FormatID, stage: Stage, nativeID: String?,
    locator: Locator, action: Action, rawAction: String,
    provisioning: ProvisioningOperation? = nil, subject: [Identifier], actor: Actor,
    resource: Resource? = nil, role: RoleChange? = nil, outcome: Outcome = .success,
    channel: Channel, evidence: EvidenceKind = .observed
  ) {
    self.time = time
    self.originalTime = originalTime
    self.source = source
    self.stage = stage
    self.nativeID = nativeID
    self.locator = locator
    self.action = action
    self.rawAction = rawAction
    self.provisioning = provisioning
    self.subject = subject
    self.actor = actor
    self.resource = resource
    self.role = role
    self.outcome = outcome
    self.channel = channel
    self.evidence = evidence
  }
}
