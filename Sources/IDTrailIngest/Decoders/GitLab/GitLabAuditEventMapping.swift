import IDTrailModel

/// How one GitLab audit event name maps onto idtrail's model.
struct GitLabAuditEventMapping: Sendable, Hashable {
  /// Whose identity the event is about.
  enum Subject: Sendable, Hashable {
    /// The target user (or, without one, the `User` entity): lifecycle, membership, sign-in.
    case targetUser
    /// The author: activity and credentials people make for themselves.
    case author
  }

  /// A rule that picks the action from the record, for names whose meaning depends on a value.
  enum Rule: Sendable, Hashable {
    /// The action as given.
    case fixed
    /// `to == "true"` grants `role`, anything else revokes it (admin and auditor flags).
    case privilegeFlag(role: String)
    /// Impersonation start or stop, from the message text (`started` / `stopped`).
    case impersonation
    /// A group's 2FA requirement: `to == "true"` enables, anything else relaxes it.
    case groupTwoFactorRequirement
    /// The action failed (a `*_failed` event name, or a failed sign-in).
    case failure
  }

  var action: Action
  var subject: Subject = .targetUser
  var rule: Rule = .fixed
  /// `target_details` holds the username (not the display name) for these events.
  var targetDetailsIsUsername = false
  /// The channel, where the event name alone decides it (SCIM, SAML group sync).
  var channel: Channel?
}

extension GitLabAuditEventMapping {
  /// Every identity-relevant event name of `formats-gitlab.md` §3. Names not listed here are
  /// activity when a person authored them, and skipped otherwise.
  static let byEventName: [String: GitLabAuditEventMapping] = [
    // §3.1 Users: lifecycle and state
    "user_created": .init(action: .accountCreate),
    "registration_created": .init(action: .accountCreate),
    "user_approved": .init(action: .accountEnable),
    "user_rejected": .init(action: .accountDelete),
    "user_blocked": .init(action: .accountDisable, targetDetailsIsUsername: true),
    "unblock_user": .init(action: .accountEnable, targetDetailsIsUsername: true),
    "ban_user": .init(action: .accountDisable, targetDetailsIsUsername: true),
    "unban_user": .init(action: .accountEnable, targetDetailsIsUsername: true),
    "user_deactivate": .init(action: .accountDisable, targetDetailsIsUsername: true),
    "user_activate": .init(action: .accountEnable, targetDetailsIsUsername: true),
    "user_destroyed": .init(action: .accountDelete),
    "user_records_migrated_to_ghost": .init(action: .other),
    "user_access_locked": .init(action: .accountLock),
    "user_access_unlocked": .init(action: .accountUnlock),
    "user_external_status_updated": .init(action: .accountUpdate),
    "user_admin_status_updated": .init(action: .privilegeGrant, rule: .privilegeFlag(role: "admin")),
    "user_auditor_status_updated": .init(action: .privilegeGrant, rule: .privilegeFlag(role: "auditor")),
    "custom_admin_role_assigned_to_user": .init(action: .privilegeGrant),
    "custom_admin_role_unassigned_from_user": .init(action: .privilegeRevoke),
    "custom_admin_role_created": .init(action: .other, subject: .author),
    "custom_admin_role_updated": .init(action: .other, subject: .author),
    "custom_admin_role_deleted": .init(action: .other, subject: .author),
    "member_role_created": .init(action: .other, subject: .author),
    "member_role_updated": .init(action: .other, subject: .author),
    "member_role_deleted": .init(action: .other, subject: .author),
    "user_email_address_updated": .init(action: .accountUpdate),
    "user_username_updated": .init(action: .accountUpdate),
    "user_name_updated": .init(action: .accountUpdate),
    "user_password_updated": .init(action: .accountUpdate),
    "email_created": .init(action: .accountUpdate),
    "email_destroyed": .init(action: .accountUpdate),
    "user_email_changed_and_user_signed_in": .init(action: .accountUpdate),
    "email_confirmation_sent": .init(action: .other),
    "password_reset_requested": .init(action: .other),
    "password_reset_failed": .init(action: .other, rule: .failure),
    "user_profile_visibility_updated": .init(action: .accountUpdate),
    "user_profile_visiblity_updated": .init(action: .accountUpdate),
    "add_ssh_key": .init(action: .credentialCreate),
    "remove_ssh_key": .init(action: .credentialRevoke),
    "add_gpg_key": .init(action: .credentialCreate),
    "remove_gpg_key": .init(action: .credentialRevoke),
    "user_impersonation": .init(action: .impersonationStart, rule: .impersonation, targetDetailsIsUsername: true),

    // §3.2 Sign-in, MFA, session
    "authenticated_with_password": .init(action: .authSuccess),
    "authenticated_with_two_factor": .init(action: .authSuccess),
    "authenticated_with_webauthn": .init(action: .authSuccess),
    "authenticated_with_ldap": .init(action: .authSuccess),
    "authenticated_with_oauth": .init(action: .authSuccess),
    "authenticated_with_group_saml": .init(action: .authSuccess),
    "smartcard_authentication_created": .init(action: .authSuccess),
    "user_signed_in_from_unseen_ip": .init(action: .authSuccess),
    "login_failed_with_standard_authentication": .init(action: .authFailure, rule: .failure),
    "login_failed_with_otp_authentication": .init(action: .authFailure, rule: .failure),
    "login_failed_with_webauthn_authentication": .init(action: .authFailure, rule: .failure),
    "omniauth_login_failed": .init(action: .authFailure, rule: .failure),
    "user_enable_two_factor": .init(action: .mfaEnable),
    "user_disable_two_factor": .init(action: .mfaDisable),
    "user_enable_admin_mode": .init(action: .other),
    "group_require_two_factor_authentication_updated": .init(
      action: .mfaEnable, subject: .author, rule: .groupTwoFactorRequirement),
    "group_two_factor_grace_period_updated": .init(action: .other, subject: .author),
    "allow_mfa_for_subgroups_updated": .init(action: .other, subject: .author),

    // §3.3 Memberships
    "member_created": .init(action: .membershipAdd),
    "member_updated": .init(action: .membershipUpdate),
    "member_destroyed": .init(action: .membershipRemove),
    "change_membership_state": .init(action: .membershipUpdate),
    "group_saml_member_added": .init(action: .membershipAdd, channel: .samlGroupSync),

    // §3.4 SAML, SCIM and identity
    "user_provisioned_by_scim": .init(action: .accountCreate, targetDetailsIsUsername: true, channel: .scim),
    "inactive_scim_user_cannot_be_added": .init(action: .authFailure, rule: .failure),
    "update_mismatched_group_saml_extern_uid": .init(action: .identityLink),

    // §3.5 Tokens and credentials
    "personal_access_token_created": .init(action: .credentialCreate),
    "personal_access_token_revoked": .init(action: .credentialRevoke),
    "personal_access_token_used_from_unseen_ip": .init(action: .activity, subject: .author),
    "project_access_token_created": .init(action: .credentialCreate, subject: .author),
    "project_access_token_creation_failed": .init(action: .credentialCreate, subject: .author, rule: .failure),
    "project_access_token_deleted": .init(action: .credentialRevoke, subject: .author),
    "project_access_token_deletion_failed": .init(action: .credentialRevoke, subject: .author, rule: .failure),
    "group_access_token_created": .init(action: .credentialCreate, subject: .author),
    "group_access_token_creation_failed": .init(action: .credentialCreate, subject: .author, rule: .failure),
    "group_access_token_deleted": .init(action: .credentialRevoke, subject: .author),
    "group_access_token_deletion_failed": .init(action: .credentialRevoke, subject: .author, rule: .failure),
    "deploy_token_created": .init(action: .credentialCreate, subject: .author),
    "deploy_token_creation_failed": .init(action: .credentialCreate, subject: .author, rule: .failure),
    "deploy_token_revoked": .init(action: .credentialRevoke, subject: .author),
    "deploy_token_destroyed": .init(action: .credentialRevoke, subject: .author),
    "group_deploy_token_created": .init(action: .credentialCreate, subject: .author),
    "group_deploy_token_creation_failed": .init(action: .credentialCreate, subject: .author, rule: .failure),
    "group_deploy_token_revoked": .init(action: .credentialRevoke, subject: .author),
    "group_deploy_token_destroyed": .init(action: .credentialRevoke, subject: .author),
    "deploy_key_added": .init(action: .credentialCreate, subject: .author),
    "deploy_key_removed": .init(action: .credentialRevoke, subject: .author),
    "cluster_agent_token_created": .init(action: .credentialCreate, subject: .author),
    "cluster_agent_token_revoked": .init(action: .credentialRevoke, subject: .author),
    "ci_runner_token_reset": .init(action: .credentialRotate, subject: .author),
    "user_authorized_oauth_application": .init(action: .credentialCreate, subject: .author),
    "api_request_access_with_scope": .init(action: .activity, subject: .author),
    "user_authenticated_using_job_token": .init(action: .activity, subject: .author),
    "repository_git_operation": .init(action: .activity, subject: .author),
  ]
}
