import IDTrailModel

/// A GitLab access level and its label.
enum AccessRole: Int, Sendable {
  case minimalAccess = 5
  case guest = 10
  case reporter = 20
  case developer = 30
  case maintainer = 40
  case owner = 50

  var label: String {
    switch self {
    case .minimalAccess: return "Minimal Access"
    case .guest: return "Guest"
    case .reporter: return "Reporter"
    case .developer: return "Developer"
    case .maintainer: return "Maintainer"
    case .owner: return "Owner"
    }
  }
}

/// A direct membership of a user in a group.
struct SampleMembership: Sendable {
  var memberID: Int
  var userID: Int
  var namespace: String
  var role: AccessRole
  var createdAt: Timestamp
  /// The GitLab user who added the member by hand; nil for SCIM, SAML sync and older rows.
  var createdBy: Int?
}

/// A GitLab account.
struct SampleAccount: Sendable {
  var userID: Int
  var username: String
  var name: String
  var email: String
  var state = "active"
  var isAdmin = false
  var twoFactorEnabled = true
  /// The `extern_uid` of the account's instance SAML identity (the IdP's id, also the SCIM `id`),
  /// if it has one.
  var externUID: String?
  var createdAt: Timestamp
  var createdBy: Int?
  var lastSignIn: Timestamp?
  var lastActivity: Timestamp?
}

/// GitLab's accounts and memberships as the generator changes them, from which the start and
/// end snapshots are written.
struct GitLabState: Sendable {
  var accounts: [SampleAccount] = []
  var memberships: [SampleMembership] = []
  var nextMemberID: Int

  init(nextMemberID: Int) {
    self.nextMemberID = nextMemberID
  }

  func account(_ userID: Int) -> SampleAccount? {
    accounts.first { $0.userID == userID }
  }

  mutating func updateAccount(_ userID: Int, _ change: (inout SampleAccount) -> Void) {
    if let index = accounts.firstIndex(where: { $0.userID == userID }) { change(&accounts[index]) }
  }

  /// Records activity (a sign-in when `signIn`) so `last_activity_on` and `last_sign_in_at` follow.
  mutating func noteActivity(_ userID: Int, at time: Timestamp, signIn: Bool = false) {
    updateAccount(userID) { account in
      if account.lastActivity.map({ $0 < time }) ?? true { account.lastActivity = time }
      if signIn, account.lastSignIn.map({ $0 < time }) ?? true { account.lastSignIn = time }
    }
  }

  /// The user's direct memberships, parents first.
  func memberships(of userID: Int) -> [SampleMembership] {
    memberships.filter { $0.userID == userID }.sorted { $0.namespace < $1.namespace }
  }

  /// Adds a membership and returns it.
  mutating func addMembership(
    userID: Int, namespace: String, role: AccessRole, at time: Timestamp, createdBy: Int? = nil
  ) -> SampleMembership {
    let membership = SampleMembership(
      memberID: nextMemberID, userID: userID, namespace: namespace, role: role, createdAt: time,
      createdBy: createdBy)
    nextMemberID += 1
    memberships.append(membership)
    return membership
  }

  /// Removes the user's membership of `namespace` and returns it, or nil when there was none.
  mutating func removeMembership(userID: Int, namespace: String) -> SampleMembership? {
    guard let index = memberships.firstIndex(where: { $0.userID == userID && $0.namespace == namespace })
    else { return nil }
    return memberships.remove(at: index)
  }

  /// Changes the role of the user's membership of `namespace`; returns the old and new rows.
  mutating func changeRole(userID: Int, namespace: String, to role: AccessRole)
    -> (before: SampleMembership, after: SampleMembership)?
  {
    guard let index = memberships.firstIndex(where: { $0.userID == userID && $0.namespace == namespace })
    else { return nil }
    let before = memberships[index]
    memberships[index].role = role
    return (before, memberships[index])
  }
}
