import IDTrailModel

/// What one Entra directory audit `activityDisplayName` means for idtrail (`formats-idp.md` §4.4).
enum EntraAuditActivity: Sendable, Hashable {
  /// A change to the `User` target's account.
  case account(Action)
  /// "Update user": `account.disable`/`account.enable` when `AccountEnabled` changed, else
  /// `account.update`.
  case updateUser
  /// A `User` target joined or left the `Group` target.
  case groupMember(Action)
  /// A `User` target was assigned to, or unassigned from, an application.
  case appAssignment(Action)
  /// A `User` target was added to or removed from a directory role.
  case roleMember(Action)

  /// Every activity idtrail reads; others are skipped as having no identity effect.
  static let byActivity: [String: EntraAuditActivity] = [
    "Add user": .account(.accountCreate),
    "Update user": .updateUser,
    "Disable account": .account(.accountDisable),
    "Enable account": .account(.accountEnable),
    "Delete user": .account(.accountDelete),
    "Hard Delete user": .account(.accountDelete),
    "Restore user": .account(.accountEnable),
    "Add member to group": .groupMember(.groupMemberAdd),
    "Remove member from group": .groupMember(.groupMemberRemove),
    "Add app role assignment grant to user": .appAssignment(.assignmentAdd),
    "Remove app role assignment from user": .appAssignment(.assignmentRemove),
    // Microsoft's reference lists the service-principal names for app assignment too; they count
    // only when a `User` target is the assignee (otherwise an app was granted a permission).
    "Add app role assignment to service principal": .appAssignment(.assignmentAdd),
    "Remove app role assignment from service principal": .appAssignment(.assignmentRemove),
    "Add member to role": .roleMember(.privilegeGrant),
    "Remove member from role": .roleMember(.privilegeRevoke),
  ]
}
