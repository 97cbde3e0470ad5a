/// Who plays which part in the quarter: the people of each planted incident, the ordinary
/// leavers and movers, and the administrators who act. Values are indexes into the people.
struct ScenarioPlan: Sendable {
  var admins: [Int]
  /// Leaver whose SCIM deprovision comes 30 hours after the IdP's (`leaver-sla`).
  var lateLeaver: Int
  /// Leaver the IdP deactivates but never pushes to GitLab (`leaver-incomplete`).
  var unfinishedLeaver: Int
  /// Leaver whose first SCIM call fails and a retry succeeds (no finding).
  var repairedLeaver: Int
  /// Globex leaver whose SCIM calls fail (500) and are never repaired.
  var failedLeaver: Int
  /// Leaver who signs in, creates a token and uses the API between the upstream disable and the
  /// GitLab block six hours later.
  var returningLeaver: Int
  /// Leaver disabled in Active Directory a day before the IdP notices (`leaver-sla`).
  var directoryFirstLeaver: Int
  /// Contractor leaver whose GitLab-side times are 3 minutes slow (no finding).
  var skewedLeaver: Int
  /// Ordinary leavers: a designer (Google too), a Globex person (SCIM DELETE), an Initech person
  /// (SPML), an Acme employee.
  var ordinaryLeavers: [Int]
  var ownerGrantee: Int
  var manualMember: Int
  var twoFactorDisabler: Int
  var impersonated: Int
  var impersonatedBriefly: Int
  /// Person whose profile push hits the SCIM token rotation (a 401, then a successful retry).
  var staleTokenPush: Int
  var movers: [Int]
  /// People who use personal access tokens against the API (never leavers).
  var apiUsers: [Int]
}
