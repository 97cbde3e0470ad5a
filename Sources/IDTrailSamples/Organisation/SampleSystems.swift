/// The fixed identifiers of the organisation's systems (tenants, apps, domain controllers), drawn
/// once from the seed.
struct SampleSystems: Sendable {
  var gitlabHost = "gitlab.acme.example"
  var oktaDomain = "acme.okta.com"
  var oktaGitLabAppID: String
  var oktaSystemPrincipalID: String
  var oktaAdminID: String
  var oktaGroupIDs: [String: String]
  var adDomainSID: String
  var adDomain = "ACME"
  var domainControllers = ["DC01.corp.acme.example", "DC02.corp.acme.example"]
  var hrSyncSID: String
  var helpdeskSID: String
  var entraTenantID: String
  var entraServicePrincipalID: String
  var entraApplicationID: String
  var entraJobID: String
  var entraGroupID: String
  var entraAdminID: String
  var googleCustomerID: String
  var googleAdminProfileID: String
  var oktaSCIMAddress: String
  var entraSCIMAddress: String
  /// The next free GitLab user id after the accounts that exist at the start.
  var nextUserID = 0

  init(random: inout SampleRandom) {
    func oktaID(_ prefix: String) -> String {
      prefix + random.string(14, from: SampleRandom.base62) + "5d7"
    }
    oktaGitLabAppID = oktaID("0oa")
    oktaSystemPrincipalID = oktaID("0oa")
    oktaAdminID = oktaID("00u")
    var groups: [String: String] = [:]
    for team in Team.allCases { groups[team.directoryGroup] = oktaID("00g") }
    groups["GitLab-Users"] = oktaID("00g")
    oktaGroupIDs = groups
    adDomainSID =
      "S-1-5-21-" + String(random.int(1_000_000_000...3_999_999_999)) + "-"
      + String(random.int(1_000_000_000...3_999_999_999)) + "-"
      + String(random.int(100_000_000...999_999_999))
    hrSyncSID = adDomainSID + "-1107"
    helpdeskSID = adDomainSID + "-1112"
    entraTenantID = random.uuid()
    entraServicePrincipalID = random.uuid()
    entraApplicationID = random.uuid()
    entraJobID = "scim." + entraTenantID.replacingDashes() + "." + random.uuid()
    entraGroupID = random.uuid()
    entraAdminID = random.uuid()
    googleCustomerID = "C0" + random.string(7, from: SampleRandom.lowerAlphanumerics)
    googleAdminProfileID = "1" + random.string(20, from: "0123456789")
    oktaSCIMAddress = "198.51.100." + String(random.int(20...29))
    entraSCIMAddress = "198.51.100." + String(random.int(200...209))
  }

  static let browsers = [
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  ]
}

extension String {
  /// The string without `-` (Entra writes tenant ids that way inside job ids).
  func replacingDashes() -> String { String(filter { $0 != "-" }) }
}
