import IDTrailModel

/// A kind of input a control needs before it can say pass: without it over the period, the control
/// says `unknown` and names what is missing.
public enum EvidenceRequirement: String, Sendable, Hashable, Codable, CaseIterable {
  /// A directory or IdP log: where leavers (and upstream causes of GitLab changes) are seen.
  case upstreamLog = "upstream-log"
  /// Any GitLab log: audit events, API, web or application requests.
  case gitlabLog = "gitlab-log"
  /// GitLab audit events (REST, streaming, CSV export or `audit_json.log`).
  case gitlabAuditLog = "gitlab-audit-log"
  /// A log of provisioning calls: GitLab's SCIM requests, a SCIM capture, or the IdP's
  /// provisioning log.
  case provisioningLog = "provisioning-log"
  /// GitLab's web request log (`production_json.log`), the only record of SCIM token regeneration.
  case webRequestLog = "web-request-log"
  /// A GitLab users or members snapshot: who held an account or membership at an instant.
  case gitlabSnapshot = "gitlab-snapshot"

  /// What a reader calls it: `IdP or directory log`.
  public var name: String {
    switch self {
    case .upstreamLog: return "IdP or directory log"
    case .gitlabLog: return "GitLab log"
    case .gitlabAuditLog: return "GitLab audit log"
    case .provisioningLog: return "SCIM or IdP provisioning log"
    case .webRequestLog: return "GitLab web request log (production_json.log)"
    case .gitlabSnapshot: return "GitLab users or members snapshot"
    }
  }

  private static let auditFormats: Set<FormatID> = [
    .gitlabAuditAPI, .gitlabAuditStream, .gitlabAuditCSV, .gitlabAuditJSONLog,
  ]

  /// Whether an input can supply this evidence.
  public func isSatisfied(by source: EvidenceSource) -> Bool {
    switch self {
    case .gitlabSnapshot:
      return source.format == .gitlabUsers || source.format == .gitlabMembers
    case _ where source.isSnapshot:
      return false
    case .upstreamLog:
      return source.stages.contains(.idp) || source.stages.contains(.directory)
    case .gitlabLog:
      return source.stages.contains(.gitlab)
    case .gitlabAuditLog:
      return Self.auditFormats.contains(source.format)
    case .provisioningLog:
      return source.stages.contains(.scim)
    case .webRequestLog:
      return source.format == .gitlabProductionLog
    }
  }
}

/// Evidence a control needed and did not have, and for when.
public struct MissingEvidence: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  public var requirement: EvidenceRequirement
  /// The stretch of time no input of the kind covers (for snapshots: the instant one was needed at).
  public var span: TimeSpan

  public init(requirement: EvidenceRequirement, span: TimeSpan) {
    self.requirement = requirement
    self.span = span
  }

  /// `no IdP or directory log covers 2026-07-01..2026-07-14`.
  public var description: String {
    if requirement == .gitlabSnapshot {
      return "no \(requirement.name) was taken near \(span.end.rfc3339)"
    }
    return "no \(requirement.name) covers \(span)"
  }

  public static func < (lhs: MissingEvidence, rhs: MissingEvidence) -> Bool {
    (lhs.span, lhs.requirement.rawValue) < (rhs.span, rhs.requirement.rawValue)
  }
}
