import IDTrailModel

/// What one Google Workspace Reports API event name means for idtrail (`formats-idp.md` §5.2).
///
/// Admin events are upper-case (`SUSPEND_USER`); the `login`, `saml` and `user_accounts`
/// applications use lower-case names, and the same 2-Step Verification event can appear under both
/// `login` and `user_accounts` with the same id.
enum GoogleAdminEventMapping: Sendable, Hashable {
  /// A change to the account named by the `USER_EMAIL` parameter.
  case user(Action)
  /// The `USER_EMAIL` account was renamed to the `NEW_VALUE` address: `account.update` whose subject
  /// holds both addresses, which the record states belong to one account.
  case rename
  /// The `USER_EMAIL` account joined or left the `GROUP_EMAIL` group.
  case groupMember(Action)
  /// An admin role (`ROLE_NAME`, when given) granted to or revoked from the `USER_EMAIL` account.
  case adminRole(Action)
  /// A 2-Step Verification policy switched on or off for an org unit, group or domain
  /// (`NEW_VALUE` `true` enables, `false` disables, anything else is `other`); about the admin
  /// who changed it, like GitLab's group 2FA requirement.
  case twoStepPolicy
  /// Another 2-Step Verification setting of an org unit or group (frequency, grace period,
  /// methods): `other`, about the admin who changed it.
  case twoStepSetting
  /// Something the actor did to their own account: a sign-in, a sign-out, enrolling in or leaving
  /// 2-Step Verification.
  case ownAccount(Action)

  /// Every event name idtrail reads; others are skipped.
  static let byName: [String: GoogleAdminEventMapping] = [
    // admin: USER_SETTINGS
    "CREATE_USER": .user(.accountCreate),
    "DELETE_USER": .user(.accountDelete),
    "UNDELETE_USER": .user(.accountEnable),
    "SUSPEND_USER": .user(.accountDisable),
    "UNSUSPEND_USER": .user(.accountEnable),
    "ARCHIVE_USER": .user(.accountDisable),
    "UNARCHIVE_USER": .user(.accountEnable),
    "RENAME_USER": .rename,
    "TURN_OFF_2_STEP_VERIFICATION": .user(.mfaDisable),
    "GRANT_ADMIN_PRIVILEGE": .adminRole(.privilegeGrant),
    "REVOKE_ADMIN_PRIVILEGE": .adminRole(.privilegeRevoke),
    "GRANT_DELEGATED_ADMIN_PRIVILEGES": .adminRole(.privilegeGrant),
    // admin: DELEGATED_ADMIN_SETTINGS
    "ASSIGN_ROLE": .adminRole(.privilegeGrant),
    "UNASSIGN_ROLE": .adminRole(.privilegeRevoke),
    // admin: GROUP_SETTINGS
    "ADD_GROUP_MEMBER": .groupMember(.groupMemberAdd),
    "REMOVE_GROUP_MEMBER": .groupMember(.groupMemberRemove),
    // admin: SECURITY_SETTINGS (2-Step Verification policy)
    "ENFORCE_STRONG_AUTHENTICATION": .twoStepPolicy,
    "ALLOW_STRONG_AUTHENTICATION": .twoStepPolicy,
    "CHANGE_TWO_STEP_VERIFICATION_FREQUENCY": .twoStepSetting,
    "CHANGE_TWO_STEP_VERIFICATION_ENROLLMENT_PERIOD_DURATION": .twoStepSetting,
    "CHANGE_TWO_STEP_VERIFICATION_GRACE_PERIOD_DURATION": .twoStepSetting,
    "CHANGE_TWO_STEP_VERIFICATION_START_DATE": .twoStepSetting,
    "CHANGE_ALLOWED_TWO_STEP_VERIFICATION_METHODS": .twoStepSetting,
    // login, saml, user_accounts
    "login_success": .ownAccount(.authSuccess),
    "login_failure": .ownAccount(.authFailure),
    "logout": .ownAccount(.sessionEnd),
    "2sv_enroll": .ownAccount(.mfaEnable),
    "2sv_disable": .ownAccount(.mfaDisable),
  ]
}
