import IDTrailModel

/// The organisation's rules that correlation and controls apply: the leaver SLA, matching windows,
/// clock-skew tolerance, identifier mappings, special accounts, privileged roles and the
/// organisation's namespaces (DESIGN §5).
///
/// Read one from YAML with `Policy.parse(yaml:file:)` or `Policy.load(path:)`; `Policy.default`
/// holds the documented defaults, and `Policy.defaultYAML` is the same as a commented file
/// (`idtrail policy --print-default`). Keys left out keep their defaults.
public struct Policy: Sendable, Hashable, Codable {
  /// How soon GitLab access must be gone after the upstream deprovision (default 24 hours).
  public var leaverSLA = LeaverSLA(hours: 24)
  public var matchingWindows = MatchingWindows()
  /// How far apart two sources' clocks may be, in seconds (default 300).
  ///
  /// A GitLab effect up to this long before the SCIM call (or the upstream event) that caused it
  /// still counts.
  public var clockSkewSeconds: Double = 300
  /// Rules deriving one identifier from another.
  ///
  /// The default says GitLab's `extern_uid` is the SCIM `externalId` the IdP sent.
  public var identifierMappings: [IdentifierMappingRule] = Policy.defaultMappings
  /// Bot and integration accounts: never drift, never leavers.
  public var serviceAccounts: [IdentifierQuery] = []
  /// Emergency accounts kept outside the IdP: listed for review wherever they appear.
  public var breakGlassAccounts: [IdentifierQuery] = []
  /// Roles that count as privileged, compared without case (default Owner and admin).
  ///
  /// GitLab role labels, or `admin` for the instance admin flag.
  public var privilegedRoles: [String] = ["Owner", "admin"]
  /// The GitLab namespaces (full paths) the organisation owns, subgroups and projects included.
  ///
  /// Empty (the default) means every namespace.
  public var organisationNamespaces: [String] = []
  /// IdP applications whose assignment gives GitLab access (default `GitLab`).
  ///
  /// Matched by a case-insensitive part of their name; empty means every application.
  public var gitlabApplications: [String] = ["GitLab"]
  /// IdP or directory groups whose membership drives GitLab roles (default `GitLab`).
  ///
  /// SAML group links or pushed groups, matched by a case-insensitive part of their name; empty
  /// means every group.
  public var accessGroups: [String] = ["GitLab"]
  /// The offboarding grace period in hours after a leaver episode opens (default 0).
  ///
  /// Activity inside it is still reported, marked as within the grace period.
  public var offboardingGraceHours: Double = 0
  /// Controls: a leaver without a GitLab effect counts as incomplete once their SLA deadline plus
  /// this many hours has passed by the period's end. Default: 0.
  public var leaverGraceHours: Double = 0
  /// Controls: the longest an admin impersonation session may last. Default: 60 minutes.
  public var impersonationMaxMinutes: Double = 60
  /// Controls: how often each SCIM token must be regenerated. Default: 90 days.
  public var scimTokenRotationDays: Double = 90
  /// Controls: how long SCIM calls may be rejected with 401 after a token rotation (the time to
  /// give the IdP the new token). Default: 1 hour.
  public var staleTokenToleranceHours: Double = 1
  /// Controls: the longest stretch of a period an input kind may leave uncovered before the
  /// evidence counts as missing there. Default: 72 hours.
  public var coverageGapLimitHours: Double = 72

  public init() {}

  /// The documented defaults.
  public static let `default` = Policy()

  /// Whether `role` is one of the privileged roles.
  public func isPrivileged(role: String?) -> Bool {
    guard let role = role?.lowercased() else { return false }
    return privilegedRoles.contains { $0.lowercased() == role }
  }

  /// Whether a GitLab namespace path lies inside the organisation's namespaces.
  public func isOrganisationNamespace(_ path: String) -> Bool {
    guard !organisationNamespaces.isEmpty else { return true }
    let lowered = path.lowercased()
    return organisationNamespaces.contains { namespace in
      let prefix = namespace.lowercased()
      return lowered == prefix || lowered.hasPrefix(prefix.hasSuffix("/") ? prefix : prefix + "/")
    }
  }

  /// Whether an event's resource is in scope: GitLab namespaces must be the organisation's;
  /// anything else (the instance, or no resource) is in scope.
  public func isInScope(_ resource: Resource?) -> Bool {
    guard let resource, resource.kind == .gitlabNamespace else { return true }
    return isOrganisationNamespace(resource.name)
  }

  /// Whether an IdP application stands for GitLab.
  public func isGitLabApplication(_ resource: Resource?) -> Bool {
    guard let resource, resource.kind == .idpApplication else { return false }
    return Self.nameMatches(resource.name, gitlabApplications)
  }

  /// Whether an IdP or directory group drives GitLab access.
  public func isAccessGroup(_ resource: Resource?) -> Bool {
    guard let resource, resource.kind == .idpGroup || resource.kind == .directoryGroup else {
      return false
    }
    return Self.nameMatches(resource.name, accessGroups)
  }

  /// Whether `person` is listed as a break-glass or service account.
  public func accountClass(of person: Person) -> AccountClass {
    let identifiers = person.identifiers.map(\.identifier)
    if breakGlassAccounts.contains(where: { query in identifiers.contains(where: query.matches) }) {
      return .breakGlass
    }
    if serviceAccounts.contains(where: { query in identifiers.contains(where: query.matches) }) {
      return .serviceAccount
    }
    return .person
  }

  private static func nameMatches(_ name: String, _ parts: [String]) -> Bool {
    guard !parts.isEmpty else { return true }
    let lowered = name.lowercased()
    return parts.contains { lowered.contains($0.lowercased()) }
  }
}
