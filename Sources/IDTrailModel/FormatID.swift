/// The name of an input format, as `idtrail inspect` prints it and `--format` takes it.
public struct FormatID: RawRepresentable, Sendable, Hashable, Comparable, Codable,
  CustomStringConvertible
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
  public static func < (lhs: FormatID, rhs: FormatID) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension FormatID {
  public static let gitlabAuditAPI = FormatID("gitlab.audit.api")
  public static let gitlabAuditStream = FormatID("gitlab.audit.stream")
  public static let gitlabAuditCSV = FormatID("gitlab.audit.csv")
  public static let gitlabAuditJSONLog = FormatID("gitlab.log.audit_json")
  public static let gitlabAPILog = FormatID("gitlab.log.api_json")
  public static let gitlabApplicationLog = FormatID("gitlab.log.application_json")
  public static let gitlabProductionLog = FormatID("gitlab.log.production_json")
  public static let gitlabUsers = FormatID("gitlab.state.users")
  public static let gitlabMembers = FormatID("gitlab.state.members")
  public static let scimHAR = FormatID("scim.v2.har")
  public static let scimResources = FormatID("scim.v2.resources")
  public static let scimV1XML = FormatID("scim.v1.xml")
  public static let spmlXML = FormatID("spml.v2.xml")
  public static let oktaSystemLog = FormatID("okta.systemlog")
  public static let entraProvisioning = FormatID("entra.provisioning")
  public static let entraAudit = FormatID("entra.audit")
  public static let googleAdmin = FormatID("google.admin")
  public static let windowsSecurityXML = FormatID("windows.security.xml")
}
