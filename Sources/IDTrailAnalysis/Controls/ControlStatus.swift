/// A control's verdict for a period.
public enum ControlStatus: String, Sendable, Hashable, Codable, CaseIterable {
  /// The evidence covers the question, and nothing violates the control.
  case pass
  /// At least one finding above `info`: something certainly violates the control, whatever else
  /// is missing.
  case fail
  /// Nothing seen violates the control, but the evidence does not cover what it needs for some of
  /// the period (`statusReason` says which evidence, for when). Never a silent pass.
  case unknown
  /// The question cannot arise with these inputs (such as SCIM token rotation where nothing
  /// provisions over SCIM).
  case notApplicable = "not-applicable"
}

/// How much a finding matters, from `critical` down to `info`.
///
/// `info` findings list what a control shows for review (a privileged grant the IdP made, an
/// impersonation session within policy); they never make a control fail.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case critical, high, medium, low, info

  /// Higher is worse: `info` < `low` < `medium` < `high` < `critical`.
  public var rank: Int {
    switch self {
    case .critical: return 4
    case .high: return 3
    case .medium: return 2
    case .low: return 1
    case .info: return 0
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
