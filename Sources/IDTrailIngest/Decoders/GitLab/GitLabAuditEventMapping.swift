import IDTrailModel

/// How one GitLab audit event name maps onto idtrail's model.
struct GitLabAuditEventMapping: Sendable, Hashable {
  /// Whose identity the event is about.
  enum Subject: Sendable, Hashable {
    /// The target user (or, without one, the `User` entity): lifecycle, membership, sign-in.
    case targetUser
    /// The author: activity and credentials people make for themselves.
    case author
    /// No person: a group or instance setting, a custom role, a group-to-group link. The event's
    /// `resource` says what changed and its `actor` who changed it.
    case none
  }

  /// A rule that picks the action from the record, for names whose meaning depends on a value.
  enum Rule: Sendable, Hashable {
    /// The action as given.
    case fixed
    /// `to == "true"` grants `role`, anything else revokes it (admin and auditor flags).
    case privilegeFlag(role: PrivilegeFlag)
    /// Impersonation start or stop, from the message text (`started` / `stopped impersonation`).
    case impersonation
    /// A group's 2FA requirement: `to == "true"` enables it, anything else relaxes it.
    case groupTwoFactorRequirement
    /// The action failed (a `*_failed` event name, or a failed sign-in).
    case failure
  }

  /// The instance-wide roles a flag on the user grants. (An enumeration rather than the role's
  /// text, so that a mapping holds no string: it is copied and let go with every event.)
  enum PrivilegeFlag: String, Sendable, Hashable {
    case admin, auditor
  }

  var action: Action
  var subject: Subject = .targetUser
  var rule: Rule = .fixed
  /// `target_details` holds the username (not the display name) for these events. GitLab's
  /// default is the target's name; only callers that pass `target_details: user.username` differ.
  var targetDetailsIsUsername = false
  /// The channel, where the event name alone decides it (SCIM, SAML).
  var channel: Channel?
}

extension GitLabAuditEventMapping {
  /// Every identity-relevant event name of `formats-gitlab.md` §3 (and the git activity of §3.7).
  /// Names not listed here are activity when a person authored them, and skipped otherwise.
  static let byEventName: [String: GitLabAuditEventMapping] = [
    // §3.1 Users: lifecycle and state
    "user_created": .init(action: .accountCreate),
    "registration_created": .init(action: .accountCreate),
    "user_approved": .init(action: .accountEnable),
    "user_rejected": .init(action: .accountDelete),
    // The EE block, unblock, ban, unban, deactivate and activate services pass
    // `target_details: user.username`.
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
    "user_admin_status_updated": .init(action: .privilegeGrant, rule: .privilegeFlag(role: .admin)),
    "user_auditor_status_updated": .init(action: .privilegeGrant, rule: .privilegeFlag(role: .auditor)),
    "custom_admin_role_assigned_to_user": .init(action: .privilegeGrant),
    "custom_admin_role_unassigned_from_user": .init(action: .privilegeRevoke),
    "custom_admin_role_created": .init(action: .other, subject: .none),
    "custom_admin_role_updated": .init(action: .other, subject: .none),
    "custom_admin_role_deleted": .init(action: .other, subject: .none),
    "member_role_created": .init(action: .other, subject: .none),
    "member_role_updated": .init(action: .other, subject: .none),
    "member_role_deleted": .init(action: .other, subject: .none),
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
    "user_impersonation": .init(action: .impersonationStart, rule: .impersonation),

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
      action: .mfaEnable, subject: .none, rule: .groupTwoFactorRequirement),
    "group_two_factor_grace_period_updated": .init(action: .other, subject: .none),
    "allow_mfa_for_subgroups_updated": .init(action: .other, subject: .none),
    "step_up_auth_required_oauth_provider_updated": .init(action: .other, subject: .none),
    "ip_restrictions_changed": .init(action: .other, subject: .none),
    "ip_restricted_group_accessed": .init(action: .activity, subject: .author),
    "allowed_email_domain_updated": .init(action: .other, subject: .none),

    // §3.3 Memberships
    "member_created": .init(action: .membershipAdd),
    "member_updated": .init(action: .membershipUpdate),
    "member_destroyed": .init(action: .membershipRemove),
    "change_membership_state": .init(action: .membershipUpdate),
    "group_share_with_group_link_created": .init(action: .other, subject: .none),
    "group_share_with_group_link_updated": .init(action: .other, subject: .none),
    "group_share_with_group_link_removed": .init(action: .other, subject: .none),
    "project_group_link_created": .init(action: .other, subject: .none),
    "project_group_link_updated": .init(action: .other, subject: .none),
    "project_group_link_deleted": .init(action: .other, subject: .none),
    // The same project links as GitLab's streaming examples spell them.
    "project_group_link_create": .init(action: .other, subject: .none),
    "project_group_link_update": .init(action: .other, subject: .none),
    "project_group_link_destroy": .init(action: .other, subject: .none),
    "group_saml_member_added": .init(action: .membershipAdd, channel: .samlGroupSync),
    "saml_group_links_created": .init(action: .other, subject: .none),
    "saml_group_links_removed": .init(action: .other, subject: .none),
    "group_membership_lock_updated": .init(action: .other, subject: .none),
    "group_request_access_enabled_updated": .init(action: .other, subject: .none),
    "remove_dormant_members_updated": .init(action: .other, subject: .none),
    "remove_dormant_members_period_updated": .init(action: .other, subject: .none),
    "seat_control_updated": .init(action: .other, subject: .none),
    "new_user_signups_cap_updated": .init(action: .other, subject: .none),
    "prevent_sharing_groups_outside_hierarchy_updated": .init(action: .other, subject: .none),
    "group_shared_with_group_lock_updated": .init(action: .other, subject: .none),

    // §3.4 SAML, SCIM and identity
    "user_provisioned_by_scim": .init(action: .accountCreate, channel: .scim),
    "inactive_scim_user_cannot_be_added": .init(action: .authFailure, rule: .failure),
    "update_mismatched_group_saml_extern_uid": .init(action: .identityLink),
    "group_saml_provider_create": .init(action: .other, subject: .none),
    "group_saml_provider_update": .init(action: .other, subject: .none),

    // §3.5 Tokens and credentials
    "personal_access_token_created": .init(action: .credentialCreate),
    "personal_access_token_revoked": .init(action: .credentialRevoke),
    "personal_access_token_used_from_unseen_ip": .init(action: .activity, subject: .author),
    "project_access_token_created": .init(action: .credentialCreate, subject: .author),
    "project_access_token_creation_failed": .init(
      action: .credentialCreate, subject: .author, rule: .failure),
    "project_access_token_deleted": .init(action: .credentialRevoke, subject: .author),
    "project_access_token_deletion_failed": .init(
      action: .credentialRevoke, subject: .author, rule: .failure),
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
    "disable_personal_access_tokens_updated": .init(action: .other, subject: .none),
    "resource_access_token_creation_allowed_updated": .init(action: .other, subject: .none),
    "service_access_tokens_expiration_enforced_updated": .init(action: .other, subject: .none),
    "disable_ssh_keys_updated": .init(action: .other, subject: .none),
    "oauth_application_created": .init(action: .credentialCreate, subject: .author),
    "oauth_application_updated": .init(action: .other, subject: .author),
    "oauth_application_deleted": .init(action: .credentialRevoke, subject: .author),
    "user_authorized_oauth_application": .init(action: .credentialCreate, subject: .author),
    "user_authorized_iam_oauth_application": .init(action: .credentialCreate, subject: .author),
    "user_rejected_iam_oauth_application": .init(action: .other, subject: .author),
    "api_request_access_with_scope": .init(action: .activity, subject: .author),
    "user_authenticated_using_job_token": .init(action: .activity, subject: .author),

    // §3.7 Git access
    "repository_git_operation": .init(action: .activity, subject: .author),
  ]
}
