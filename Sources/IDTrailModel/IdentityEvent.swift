/// One thing that happened to one subject, normalised from any source (DESIGN §3).
///
/// A year of logs is millions of these, so the storage is laid out for size (144 bytes, and no
/// heap storage of its own for most events): the one-byte fields sit in the locator's padding,
/// the original time is kept as a `TimeSpelling`, and the fields few events have (the provisioning
/// operation, a role change, an outcome's reason and HTTP status) share one boxed value. The
/// properties read and write as plain values.
public struct IdentityEvent: Sendable, Hashable {
  @usableFromInline var storedTime: Timestamp
  public var source: FormatID
  /// The source's own id for the record, used to drop repeated deliveries; nil when it has none.
  public var nativeID: String?
  public var locator: Locator
  public var stage: Stage
  public var action: Action
  public var channel: Channel
  public var evidence: EvidenceKind
  @usableFromInline var actorKind: Actor.Kind
  @usableFromInline var resourceKind: Resource.Kind?
  @usableFromInline var succeeded: Bool
  @usableFromInline var timeSpelling: TimeSpelling
  /// The source's own name for what happened (`member_created`, `user.lifecycle.deactivate`, …).
  public var rawAction: String
  /// Who it happened to.
  public var subject: [Identifier]
  @usableFromInline var actorIdentifiers: [Identifier]
  @usableFromInline var resourceName: String
  @usableFromInline var rare: RareEventFields

  @inlinable public var time: Timestamp {
    get { storedTime }
    set {
      // The original text no longer follows from the time once the time changes.
      if case .utc = timeSpelling { timeSpelling = .verbatim(originalTime) }
      storedTime = newValue
    }
  }

  /// The time exactly as the source wrote it.
  public var originalTime: String {
    get { timeSpelling.text(of: storedTime) }
    set { timeSpelling = TimeSpelling(newValue, of: storedTime) }
  }

  /// For `provision.request`: the operation asked for.
  @inlinable public var provisioning: ProvisioningOperation? {
    get { rare.provisioning }
    set { rare.provisioning = newValue }
  }

  @inlinable public var actor: Actor {
    get { Actor(kind: actorKind, identifiers: actorIdentifiers) }
    set {
      actorKind = newValue.kind
      actorIdentifiers = newValue.identifiers
    }
  }

  @inlinable public var resource: Resource? {
    get { resourceKind.map { Resource(kind: $0, name: resourceName) } }
    set {
      resourceKind = newValue?.kind
      resourceName = newValue?.name ?? ""
    }
  }

  @inlinable public var role: RoleChange? {
    get { rare.role }
    set { rare.role = newValue }
  }

  @inlinable public var outcome: Outcome {
    get { Outcome(succeeded: succeeded, reason: rare.reason, httpStatus: rare.httpStatus) }
    set {
      succeeded = newValue.succeeded
      rare.reason = newValue.reason
      rare.httpStatus = newValue.httpStatus
    }
  }
}

extension IdentityEvent {
  public init(
    time: Timestamp, originalTime: String, source: FormatID, stage: Stage, nativeID: String?,
    locator: Locator, action: Action, rawAction: String,
    provisioning: ProvisioningOperation? = nil, subject: [Identifier], actor: Actor,
    resource: Resource? = nil, role: RoleChange? = nil, outcome: Outcome = .success,
    channel: Channel, evidence: EvidenceKind = .observed
  ) {
    self.init(
      time: time, spelledAs: TimeSpelling(originalTime, of: time), source: source, stage: stage,
      nativeID: nativeID, locator: locator, action: action, rawAction: rawAction,
      provisioning: provisioning, subject: subject, actor: actor, resource: resource, role: role,
      outcome: outcome, channel: channel, evidence: evidence)
  }

  /// `init(time:originalTime:…)` with the original time given as its spelling, for decoders that
  /// worked it out from the input's bytes (`TimeSpelling(utcBytes:of:)`) without making a string.
  /// (In an extension, so that it can hand the fields to the memberwise initialiser: assigned one by
  /// one, they were built in a temporary and copied out, a retain and a release of each string
  /// and list of millions of events.)
  public init(
    time: Timestamp, spelledAs spelling: TimeSpelling, source: FormatID, stage: Stage, nativeID: String?,
    locator: Locator, action: Action, rawAction: String,
    provisioning: ProvisioningOperation? = nil, subject: [Identifier], actor: Actor,
    resource: Resource? = nil, role: RoleChange? = nil, outcome: Outcome = .success,
    channel: Channel, evidence: EvidenceKind = .observed
  ) {
    self.init(
      storedTime: time, source: source, nativeID: nativeID, locator: locator, stage: stage, action: action,
      channel: channel, evidence: evidence, actorKind: actor.kind, resourceKind: resource?.kind,
      succeeded: outcome.succeeded, timeSpelling: spelling, rawAction: rawAction, subject: subject,
      actorIdentifiers: actor.identifiers, resourceName: resource?.name ?? "",
      rare: RareEventFields(
        provisioning: provisioning, role: role, reason: outcome.reason, httpStatus: outcome.httpStatus))
  }
}

extension IdentityEvent: Codable {
  private enum CodingKeys: String, CodingKey {
    case time, originalTime, source, stage, nativeID, locator, action, rawAction, provisioning, subject
    case actor, resource, role, outcome, channel, evidence
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      time: try container.decode(Timestamp.self, forKey: .time),
      originalTime: try container.decode(String.self, forKey: .originalTime),
      source: try container.decode(FormatID.self, forKey: .source),
      stage: try container.decode(Stage.self, forKey: .stage),
      nativeID: try container.decodeIfPresent(String.self, forKey: .nativeID),
      locator: try container.decode(Locator.self, forKey: .locator),
      action: try container.decode(Action.self, forKey: .action),
      rawAction: try container.decode(String.self, forKey: .rawAction),
      provisioning: try container.decodeIfPresent(ProvisioningOperation.self, forKey: .provisioning),
      subject: try container.decode([Identifier].self, forKey: .subject),
      actor: try container.decode(Actor.self, forKey: .actor),
      resource: try container.decodeIfPresent(Resource.self, forKey: .resource),
      role: try container.decodeIfPresent(RoleChange.self, forKey: .role),
      outcome: try container.decode(Outcome.self, forKey: .outcome),
      channel: try container.decode(Channel.self, forKey: .channel),
      evidence: try container.decode(EvidenceKind.self, forKey: .evidence))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(time, forKey: .time)
    try container.encode(originalTime, forKey: .originalTime)
    try container.encode(source, forKey: .source)
    try container.encode(stage, forKey: .stage)
    try container.encodeIfPresent(nativeID, forKey: .nativeID)
    try container.encode(locator, forKey: .locator)
    try container.encode(action, forKey: .action)
    try container.encode(rawAction, forKey: .rawAction)
    try container.encodeIfPresent(provisioning, forKey: .provisioning)
    try container.encode(subject, forKey: .subject)
    try container.encode(actor, forKey: .actor)
    try container.encodeIfPresent(resource, forKey: .resource)
    try container.encodeIfPresent(role, forKey: .role)
    try container.encode(outcome, forKey: .outcome)
    try container.encode(channel, forKey: .channel)
    try container.encode(evidence, forKey: .evidence)
  }
}
