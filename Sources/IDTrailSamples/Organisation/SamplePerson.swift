import IDTrailModel

/// Which system masters a person's identity, and so which upstream logs speak about them.
enum IdentitySource: String, Sendable {
  /// Acme employees: Active Directory → Okta (AD agent) → instance SCIM; groups under `acme`.
  case activeDirectory
  /// Acme contractors: created and deactivated in Okta directly → instance SCIM.
  case okta
  /// Globex (subsidiary): Entra ID → instance SCIM; groups under `globex`.
  case entra
  /// Initech (legacy subsidiary): an on-premises IGA (SPML, SCIM 1.1 exports) → its directory →
  /// Okta (directory import) → instance SCIM.
  case legacyIGA
}

/// A team: the GitLab group its people work in.
enum Team: String, Sendable, CaseIterable {
  case it, platform, web, data, design, initech, globex

  /// The subgroup the team's people are members of (IT administrators own the top group).
  var namespacePath: String {
    switch self {
    case .it: return "acme"
    case .platform: return "acme/platform"
    case .web, .design: return "acme/web"
    case .data: return "acme/data"
    case .initech: return "acme/initech"
    case .globex: return "globex/apps"
    }
  }

  /// The top-level group the team belongs to (SAML group sync adds its people as Guests).
  var topGroup: String { self == .globex ? "globex" : "acme" }

  /// The Active Directory and Okta group that grants the team's GitLab access.
  var directoryGroup: String {
    switch self {
    case .it: return "GitLab-Admins"
    case .platform: return "GitLab-Platform"
    case .web: return "GitLab-Web"
    case .design: return "GitLab-Design"
    case .data: return "GitLab-Data"
    case .initech: return "GitLab-Initech"
    case .globex: return "GitLab Users"
    }
  }
}

/// One person of the sample organisation, with every identifier each system knows them by.
struct SamplePerson: Sendable {
  var index: Int
  var givenName: String
  var familyName: String
  var source: IdentitySource
  var team: Team
  /// The work email: the Okta login, the SCIM work email, the GitLab email, the Google address.
  var email: String
  var username: String
  var gitlabUserID = 0
  /// GitLab's `extern_uid` = the SCIM `id` = the IdP's own id (Okta user id or Entra object id).
  var externUID = ""
  var oktaUserID: String?
  var oktaAppUserID: String?
  /// `sAMAccountName` (= the email's local part, so `ACME\{name}` maps to `{name}@acme.example`).
  var adAccount: String?
  var adSID: String?
  var entraObjectID: String?
  var googleProfileID: String?
  /// The legacy IGA's own id for the person (SCIM 1.1 `id`) and employee number.
  var igaID: String?
  var employeeNumber: String
  var isAdmin = false
  var isLead = false
  /// Whether the person joins during the period (no account before it).
  var isJoiner = false
  /// When the person joins, once the plan has chosen it.
  var joins: Timestamp?
  /// When their GitLab account was created (before the period for people already there).
  var accountCreatedAt: Timestamp
  var officeIP: String
  var homeIP: String
  var browser: String

  var displayName: String { givenName + " " + familyName }

  /// The email domain, e.g. `acme.example`.
  var domain: String { String(email.split(separator: "@").last ?? "") }
}
