/// The closed vocabulary of things that happen to an identity (DESIGN §3).
///
/// Every decoder maps its source's own names onto these; what fits none becomes `other`, and the
/// event keeps the source's name in `rawAction`.
public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
  case accountCreate = "account.create"
  case accountEnable = "account.enable"
  case accountDisable = "account.disable"
  case accountDelete = "account.delete"
  case accountLock = "account.lock"
  case accountUnlock = "account.unlock"
  case accountUpdate = "account.update"
  case identityLink = "identity.link"
  case identityUnlink = "identity.unlink"
  /// An IdP application assignment was added.
  case assignmentAdd = "assignment.add"
  /// An IdP application assignment was removed.
  case assignmentRemove = "assignment.remove"
  /// A member was added to an IdP or directory group.
  case groupMemberAdd = "group.member.add"
  /// A member was removed from an IdP or directory group.
  case groupMemberRemove = "group.member.remove"
  /// A GitLab group or project membership was created.
  case membershipAdd = "membership.add"
  case membershipUpdate = "membership.update"
  case membershipRemove = "membership.remove"
  case privilegeGrant = "privilege.grant"
  case privilegeRevoke = "privilege.revoke"
  case mfaEnable = "mfa.enable"
  case mfaDisable = "mfa.disable"
  case credentialCreate = "credential.create"
  case credentialRotate = "credential.rotate"
  case credentialRevoke = "credential.revoke"
  case authSuccess = "auth.success"
  case authFailure = "auth.failure"
  case sessionEnd = "session.end"
  case impersonationStart = "impersonation.start"
  case impersonationStop = "impersonation.stop"
  /// A provisioning call (SCIM or IdP push); `IdentityEvent.provisioning` says which operation.
  case provisionRequest = "provision.request"
  /// Use of an account: API calls, git operations, web requests.
  case activity
  case other
}

/// The operation a `provision.request` asked for.
public enum ProvisioningOperation: String, Sendable, Hashable, Codable, CaseIterable {
  case create, update, deactivate, reactivate, delete
}
