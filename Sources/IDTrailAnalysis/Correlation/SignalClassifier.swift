import IDTrailModel

/// Says what part an event can play in correlation, under one policy.
struct SignalClassifier {
  let policy: Policy

  /// What the checks read of an event, taken out field by field. Lent whole to these checks, an
  /// event was copied each time (every string and list in it retained and released), for each of
  /// millions of events.
  struct Signal {
    var stage: Stage
    var succeeded: Bool
    var action: Action
    var channel: Channel
    var actorKind: Actor.Kind
    var resource: Resource?
    var provisioning: ProvisioningOperation?

    init(_ event: UnsafePointer<IdentityEvent>) {
      stage = event.pointee.stage
      succeeded = event.pointee.outcome.succeeded
      action = event.pointee.action
      channel = event.pointee.channel
      actorKind = event.pointee.actor.kind
      resource = event.pointee.resource
      provisioning = event.pointee.provisioning
    }
  }

  private func isUpstream(_ event: Signal) -> Bool {
    event.stage == .directory || event.stage == .idp
  }

  /// A directory or IdP deprovision: disable, delete, or unassignment from the GitLab application.
  func isLeaverSignal(_ event: Signal) -> Bool {
    guard isUpstream(event), event.succeeded else { return false }
    switch event.action {
    case .accountDisable, .accountDelete: return true
    case .assignmentRemove: return policy.isGitLabApplication(event.resource)
    default: return false
    }
  }

  /// A directory or IdP create, (re)enable, or assignment to the GitLab application.
  func isJoinerSignal(_ event: Signal) -> Bool {
    guard isUpstream(event), event.succeeded else { return false }
    switch event.action {
    case .accountCreate, .accountEnable: return true
    case .assignmentAdd: return policy.isGitLabApplication(event.resource)
    default: return false
    }
  }

  /// A directory or IdP group change for a group that drives GitLab access.
  func isMoverSignal(_ event: Signal) -> Bool {
    guard isUpstream(event), event.succeeded else { return false }
    return (event.action == .groupMemberAdd || event.action == .groupMemberRemove)
      && policy.isAccessGroup(event.resource)
  }

  /// A provisioning call to GitLab carrying a change of `kind`.
  ///
  /// IdP provisioning logs cover every application; a call to another application (named by an
  /// IdP application resource that is not one of the policy's GitLab applications) is not a hop.
  func isProvisioning(_ event: Signal, for kind: Episode.Kind) -> Bool {
    guard event.action == .provisionRequest, let operation = event.provisioning, targetsGitLab(event.resource)
    else { return false }
    switch kind {
    case .leaver: return operation == .deactivate || operation == .delete
    case .joiner: return operation == .create || operation == .reactivate
    case .mover: return operation == .update
    }
  }

  /// The GitLab change that ends an episode of `kind`.
  func isEffect(_ event: Signal, for kind: Episode.Kind) -> Bool {
    guard event.stage == .gitlab, event.succeeded else { return false }
    switch kind {
    case .leaver:
      switch event.action {
      case .accountDisable, .accountDelete, .identityUnlink: return true
      case .membershipRemove: return policy.isInScope(event.resource)
      default: return false
      }
    case .joiner:
      switch event.action {
      case .accountCreate, .accountEnable, .identityLink: return true
      case .membershipAdd: return policy.isInScope(event.resource)
      default: return false
      }
    case .mover:
      switch event.action {
      case .privilegeGrant, .privilegeRevoke: return true
      case .membershipAdd, .membershipUpdate, .membershipRemove: return policy.isInScope(event.resource)
      default: return false
      }
    }
  }

  /// A GitLab access change made by a person by hand or through the API.
  func isDriftCandidate(_ event: Signal) -> Bool {
    event.stage == .gitlab && event.succeeded && event.actorKind == .person
      && (event.channel == .manualUI || event.channel == .api)
      && Self.isDriftAction(event.action) && policy.isInScope(event.resource)
  }

  /// The GitLab changes to an account, its identities, memberships or privileges. (A switch, not a
  /// set: this is asked for every event, and hashing the action cost more than the test.)
  private static func isDriftAction(_ action: Action) -> Bool {
    switch action {
    case .accountCreate, .accountEnable, .accountDisable, .accountDelete, .identityLink, .identityUnlink,
      .membershipAdd, .membershipUpdate, .membershipRemove, .privilegeGrant, .privilegeRevoke:
      return true
    default: return false
    }
  }

  /// An upstream (directory, IdP or SCIM) event that explains a GitLab change for the same person:
  /// a lifecycle change, a GitLab application assignment, an access-group change, or a provisioning
  /// call to GitLab.
  func isUpstreamCause(_ event: Signal) -> Bool {
    guard event.stage != .gitlab else { return false }
    switch event.action {
    case .assignmentAdd, .assignmentRemove: return policy.isGitLabApplication(event.resource)
    case .groupMemberAdd, .groupMemberRemove: return policy.isAccessGroup(event.resource)
    case .provisionRequest: return targetsGitLab(event.resource)
    case .accountCreate, .accountEnable, .accountDisable, .accountDelete, .accountUpdate, .identityLink,
      .identityUnlink:
      return true
    default: return false
    }
  }

  /// Whether a provisioning call's resource is GitLab: any resource but an IdP application that is
  /// not one of the policy's GitLab applications.
  private func targetsGitLab(_ resource: Resource?) -> Bool {
    guard let resource, resource.kind == .idpApplication else { return true }
    return policy.isGitLabApplication(resource)
  }

  /// Use of a person's account where they are the subject: sign-in, token creation, activity.
  func isSubjectActivity(_ event: Signal) -> Bool {
    guard event.succeeded else { return false }
    switch event.action {
    case .authSuccess, .credentialCreate, .activity, .impersonationStart: return true
    default: return false
    }
  }

  /// Every part the event at `pointer` can play, as one set.
  func traits(ofEventAt pointer: UnsafePointer<IdentityEvent>) -> EventTraits {
    let event = Signal(pointer)
    var traits: EventTraits = []
    if event.succeeded { traits.insert(.succeeded) }
    if event.action == .provisionRequest { traits.insert(.provisioningCall) }
    if isLeaverSignal(event) { traits.insert(.leaverSignal) }
    if isJoinerSignal(event) { traits.insert(.joinerSignal) }
    if isMoverSignal(event) { traits.insert(.moverSignal) }
    for kind in Episode.Kind.allCases {
      if isProvisioning(event, for: kind) { traits.insert(.provisioning(kind)) }
      if isEffect(event, for: kind) { traits.insert(.effect(kind)) }
    }
    if isDriftCandidate(event) { traits.insert(.driftCandidate) }
    if isUpstreamCause(event) { traits.insert(.upstreamCause) }
    if isSubjectActivity(event) { traits.insert(.subjectActivity) }
    return traits
  }

  static func driftKind(of action: Action) -> DriftFinding.Kind {
    switch action {
    case .membershipAdd, .membershipRemove: return .membership
    case .membershipUpdate, .privilegeGrant, .privilegeRevoke: return .role
    default: return .account
    }
  }
}
