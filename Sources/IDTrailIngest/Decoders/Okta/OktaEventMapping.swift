import IDTrailModel

/// What one Okta System Log `eventType` means for idtrail (`formats-idp.md` §3.4).
enum OktaEventMapping: Sendable, Hashable {
  /// A change made in Okta itself (`idp` stage).
  case idp(Action)
  /// A sign-in: `auth.success`, or `auth.failure` when the outcome failed (`idp` stage).
  case signIn
  /// A push from Okta to the application (`scim` stage, `provision.request`, channel `idp-push`).
  case provisioning(ProvisioningOperation)
  /// An error of the application integration as a whole or of a push that names no operation
  /// (`scim` stage, `other`, always failed).
  case integrationFailure
  /// An existence check before a push (≈ SCIM GET): read, then skipped as a lookup.
  case lookup
}

extension OktaEventMapping {
  /// Every `eventType` idtrail reads. Types not listed are skipped as having no identity effect.
  static let byEventType: [String: OktaEventMapping] = [
    // User lifecycle (target `User`)
    "user.lifecycle.create": .idp(.accountCreate),
    "user.lifecycle.activate": .idp(.accountEnable),
    "user.lifecycle.reactivate": .idp(.accountEnable),
    "user.lifecycle.deactivate": .idp(.accountDisable),
    "user.lifecycle.suspend": .idp(.accountDisable),
    "user.lifecycle.unsuspend": .idp(.accountEnable),
    "user.lifecycle.delete.initiated": .idp(.accountDelete),
    "user.lifecycle.delete.completed": .idp(.accountDelete),
    "user.account.lock": .idp(.accountLock),
    "user.account.unlock": .idp(.accountUnlock),
    "user.account.update_profile": .idp(.accountUpdate),
    "user.account.privilege.grant": .idp(.privilegeGrant),
    "user.account.privilege.revoke": .idp(.privilegeRevoke),

    // App assignment (targets `AppUser`, `AppInstance`, `User`)
    "application.user_membership.add": .idp(.assignmentAdd),
    "application.user_membership.remove": .idp(.assignmentRemove),

    // Group membership (targets `User`, `UserGroup`)
    "group.user_membership.add": .idp(.groupMemberAdd),
    "group.user_membership.remove": .idp(.groupMemberRemove),

    // MFA factors
    "user.mfa.factor.activate": .idp(.mfaEnable),
    "user.mfa.factor.unsuspend": .idp(.mfaEnable),
    "user.mfa.factor.deactivate": .idp(.mfaDisable),
    "user.mfa.factor.suspend": .idp(.mfaDisable),
    "user.mfa.factor.reset_all": .idp(.mfaDisable),

    // Sessions and sign-ins
    "user.session.start": .signIn,
    "user.authentication.sso": .signIn,
    "user.session.end": .idp(.sessionEnd),

    // Outbound provisioning (Okta → app, e.g. SCIM to GitLab). Okta never sends a SCIM DELETE for
    // users (formats-idp.md §1.5), so its "deprovision" is a deactivation on the wire.
    "application.provision.user.push": .provisioning(.create),
    "application.provision.user.push_profile": .provisioning(.update),
    "application.provision.user.sync": .provisioning(.update),
    "application.provision.user.deactivate": .provisioning(.deactivate),
    "application.provision.user.deprovision": .provisioning(.deactivate),
    "application.provision.user.reactivate": .provisioning(.reactivate),
    "application.provision.user.activate": .provisioning(.reactivate),
    "application.provision.user.verify_exists": .lookup,

    // Connector errors of the app integration
    "application.integration.authentication_failure": .integrationFailure,
    "application.integration.general_failure": .integrationFailure,
    "application.integration.rate_limit_exceeded": .integrationFailure,
  ]

  /// Whether the event is something users do themselves (signing in or out, enrolling or removing
  /// MFA factors), so that a `User` actor is the subject when no target names one.
  var isAboutTheActor: Bool {
    switch self {
    case .signIn, .idp(.sessionEnd), .idp(.mfaEnable), .idp(.mfaDisable): return true
    default: return false
    }
  }

  /// The prefix of the old Events API names (`legacyEventType`, or `eventType` in old exports)
  /// that Okta gives to every failed call of an app integration.
  static let apiErrorPrefix = "app.api.error."

  /// The mapping for a legacy `app.api.error.<what>` name: the push it failed, when the name says,
  /// and otherwise an integration failure.
  static func apiError(_ name: String) -> OktaEventMapping {
    switch name.dropFirst(apiErrorPrefix.count) {
    case "create_user", "create_pending_user", "user.not_found", "user.not_found_or_deleted":
      return .provisioning(.create)
    case "push_profile_update", "manager.not_found_for_user":
      return .provisioning(.update)
    case "deactivate_user":
      return .provisioning(.deactivate)
    case "activate_user", "reactivate_user":
      return .provisioning(.reactivate)
    default:
      return .integrationFailure
    }
  }

  /// The mapping of an event, from its `eventType` and `legacyEventType`, and whether the event is
  /// an `app.api.error.*` failure (which Okta may still mark `SUCCESS`); nil when idtrail does not
  /// read the event.
  static func resolve(eventType: String, legacyEventType: String?) -> (OktaEventMapping, isAPIError: Bool)? {
    let errorName = [eventType, legacyEventType].lazy.compactMap { $0 }
      .first { $0.hasPrefix(apiErrorPrefix) }
    guard var mapping = byEventType[eventType] ?? errorName.map(apiError) else { return nil }
    if errorName != nil, mapping == .lookup {
      mapping = .integrationFailure
    }
    return (mapping, errorName != nil)
  }
}
