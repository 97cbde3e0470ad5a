import IDTrailModel
import Testing

@testable import IDTrailIngest

/// The whole event-name table of `GitLabAuditEventMapping`, against the catalog of
/// `formats-gitlab.md` §3.
@Suite struct GitLabAuditEventMappingTests {
  /// Every identity-relevant event name of `formats-gitlab.md` §3.1–3.6, plus the git activity of
  /// §3.7 and the `project_group_link_create/update/destroy` spelling of GitLab's streaming
  /// examples. Kept here, not derived from the table, so that dropping a name from the table fails.
  static let catalogNames: [String] = [
    // §3.1 Users
    "user_created", "registration_created", "user_approved", "user_rejected", "user_blocked",
    "unblock_user", "ban_user", "unban_user", "user_deactivate", "user_activate", "user_destroyed",
    "user_records_migrated_to_ghost", "user_access_locked", "user_access_unlocked",
    "user_external_status_updated", "user_admin_status_updated", "user_auditor_status_updated",
    "custom_admin_role_assigned_to_user", "custom_admin_role_unassigned_from_user",
    "custom_admin_role_created", "custom_admin_role_updated", "custom_admin_role_deleted",
    "member_role_created", "member_role_updated", "member_role_deleted",
    "user_email_address_updated", "user_username_updated", "user_name_updated", "user_password_updated",
    "email_created", "email_destroyed", "user_email_changed_and_user_signed_in",
    "email_confirmation_sent", "password_reset_requested", "password_reset_failed",
    "user_profile_visibility_updated", "user_profile_visiblity_updated",
    "add_ssh_key", "remove_ssh_key", "add_gpg_key", "remove_gpg_key", "user_impersonation",
    // §3.2 Sign-in, MFA, session
    "authenticated_with_password", "authenticated_with_two_factor", "authenticated_with_webauthn",
    "authenticated_with_ldap", "authenticated_with_oauth", "authenticated_with_group_saml",
    "login_failed_with_standard_authentication", "login_failed_with_otp_authentication",
    "login_failed_with_webauthn_authentication", "omniauth_login_failed",
    "smartcard_authentication_created", "user_signed_in_from_unseen_ip", "user_enable_two_factor",
    "user_disable_two_factor", "user_enable_admin_mode", "group_require_two_factor_authentication_updated",
    "group_two_factor_grace_period_updated", "allow_mfa_for_subgroups_updated",
    "step_up_auth_required_oauth_provider_updated", "ip_restrictions_changed",
    "ip_restricted_group_accessed", "allowed_email_domain_updated",
    // §3.3 Memberships
    "member_created", "member_updated", "member_destroyed", "change_membership_state",
    "group_share_with_group_link_created", "group_share_with_group_link_updated",
    "group_share_with_group_link_removed", "project_group_link_created", "project_group_link_updated",
    "project_group_link_deleted", "project_group_link_create", "project_group_link_update",
    "project_group_link_destroy", "group_saml_member_added", "saml_group_links_created",
    "saml_group_links_removed", "group_membership_lock_updated", "group_request_access_enabled_updated",
    "remove_dormant_members_updated", "remove_dormant_members_period_updated", "seat_control_updated",
    "new_user_signups_cap_updated", "prevent_sharing_groups_outside_hierarchy_updated",
    "group_shared_with_group_lock_updated",
    // §3.4 SAML, SCIM and identity
    "user_provisioned_by_scim", "inactive_scim_user_cannot_be_added",
    "update_mismatched_group_saml_extern_uid", "group_saml_provider_create", "group_saml_provider_update",
    // §3.5 Tokens and credentials
    "personal_access_token_created", "personal_access_token_revoked",
    "personal_access_token_used_from_unseen_ip", "project_access_token_created",
    "project_access_token_creation_failed", "project_access_token_deleted",
    "project_access_token_deletion_failed", "group_access_token_created",
    "group_access_token_creation_failed",
    "group_access_token_deleted", "group_access_token_deletion_failed", "deploy_token_created",
    "deploy_token_creation_failed", "deploy_token_revoked", "deploy_token_destroyed",
    "group_deploy_token_created", "group_deploy_token_creation_failed", "group_deploy_token_revoked",
    "group_deploy_token_destroyed", "deploy_key_added", "deploy_key_removed", "cluster_agent_token_created",
    "cluster_agent_token_revoked", "ci_runner_token_reset", "disable_personal_access_tokens_updated",
    "resource_access_token_creation_allowed_updated", "service_access_tokens_expiration_enforced_updated",
    "disable_ssh_keys_updated", "oauth_application_created", "oauth_application_updated",
    "oauth_application_deleted", "user_authorized_oauth_application", "user_authorized_iam_oauth_application",
    "user_rejected_iam_oauth_application", "api_request_access_with_scope",
    "user_authenticated_using_job_token",
    // §3.7 Git access
    "repository_git_operation",
  ]

  /// Names mapped to `other` on purpose: settings, custom-role definitions and group-to-group
  /// links (no person is the subject), and notices that change no access.
  static let deliberatelyOther: Set<String> = [
    "user_records_migrated_to_ghost", "custom_admin_role_created", "custom_admin_role_updated",
    "custom_admin_role_deleted", "member_role_created", "member_role_updated", "member_role_deleted",
    "email_confirmation_sent", "password_reset_requested", "password_reset_failed", "user_enable_admin_mode",
    "group_two_factor_grace_period_updated", "allow_mfa_for_subgroups_updated",
    "step_up_auth_required_oauth_provider_updated", "ip_restrictions_changed", "allowed_email_domain_updated",
    "group_share_with_group_link_created", "group_share_with_group_link_updated",
    "group_share_with_group_link_removed", "project_group_link_created", "project_group_link_updated",
    "project_group_link_deleted", "project_group_link_create", "project_group_link_update",
    "project_group_link_destroy", "saml_group_links_created", "saml_group_links_removed",
    "group_membership_lock_updated", "group_request_access_enabled_updated", "remove_dormant_members_updated",
    "remove_dormant_members_period_updated", "seat_control_updated", "new_user_signups_cap_updated",
    "prevent_sharing_groups_outside_hierarchy_updated", "group_shared_with_group_lock_updated",
    "group_saml_provider_create", "group_saml_provider_update", "disable_personal_access_tokens_updated",
    "resource_access_token_creation_allowed_updated", "service_access_tokens_expiration_enforced_updated",
    "disable_ssh_keys_updated", "oauth_application_updated", "user_rejected_iam_oauth_application",
  ]

  private static let table = GitLabAuditEventMapping.byEventName

  @Test func everyCatalogNameIsInTheTable() {
    #expect(Set(Self.catalogNames).count == Self.catalogNames.count, "the catalog list repeats a name")
    let missing = Self.catalogNames.filter { Self.table[$0] == nil }
    #expect(missing.isEmpty, "names of formats-gitlab.md §3 missing from the table: \(missing)")
  }

  @Test func theTableHoldsOnlyCatalogNames() {
    let extra = Set(Self.table.keys).subtracting(Self.catalogNames).sorted()
    #expect(extra.isEmpty, "names in the table but not in the catalog list: \(extra)")
  }

  @Test func onlyTheDeliberateNamesMapToOther() {
    let other = Set(Self.table.filter { $0.value.action == .other }.keys)
    #expect(other.subtracting(Self.deliberatelyOther).sorted() == [], "mapped to other by mistake")
    #expect(
      Self.deliberatelyOther.subtracting(other).sorted() == [], "listed as other but mapped to an action")
  }

  @Test func mappingsWithoutAPersonAreSettingsOrTheGroupTwoFactorRule() {
    for (name, mapping) in Self.table where mapping.subject == .none {
      #expect(
        mapping.action == .other || mapping.rule == .groupTwoFactorRequirement,
        "\(name) has no person subject but action \(mapping.action)")
    }
  }

  @Test func failureNamesCarryTheFailureRule() {
    for (name, mapping) in Self.table {
      let failing =
        name.hasSuffix("_failed") || name.hasPrefix("login_failed")
        || name == "inactive_scim_user_cannot_be_added"
      #expect((mapping.rule == .failure) == failing, "\(name): rule \(mapping.rule)")
    }
  }

  /// Decodes one typed REST event per table entry, by a person about user 9, and checks the event
  /// the decoder makes of it.
  @Test(arguments: GitLabAuditEventMappingTests.catalogNames)
  func everyNameDecodesToItsMapping(name: String) throws {
    let mapping = try #require(Self.table[name])
    let row = #"""
      [{"id": 1, "author_id": 7, "entity_id": 40, "entity_type": "Group", "event_name": "\#(name)", \#
      "details": {"event_name": "\#(name)", "author_name": "Ann Author", "target_id": 9, \#
      "target_type": "User", "target_details": "Tom Target", "entity_path": "acme", "from": "false", \#
      "to": "true", "custom_message": "Instance administrator started impersonation of tom.t"}, \#
      "created_at": "2025-01-01T00:00:00Z"}]
      """#
    let input = GitLabAuditFixtures.decode(text: row, with: GitLabAuditAPIDecoder())
    let event = try #require(input.events.first, "\(name) was not decoded: \(input.skipped)")
    #expect(event.rawAction == name)
    let expected: Action
    switch mapping.rule {
    case .privilegeFlag: expected = .privilegeGrant
    case .groupTwoFactorRequirement: expected = .mfaEnable
    case .impersonation: expected = .impersonationStart
    case .fixed, .failure: expected = mapping.action
    }
    #expect(event.action == expected)
    #expect(event.outcome.succeeded == (mapping.rule != .failure))
    let actor = [Identifier(.gitlabUserID, "7"), Identifier(.displayName, "Ann Author")].compactMap { $0 }
    #expect(event.actor == Actor(kind: .person, identifiers: actor))
    switch mapping.subject {
    case .author: #expect(event.subject == actor)
    case .none: #expect(event.subject.isEmpty)
    case .targetUser: #expect(event.subject.first == Identifier(.gitlabUserID, "9"))
    }
    #expect(event.channel == mapping.channel ?? .manualUI)
  }
}
