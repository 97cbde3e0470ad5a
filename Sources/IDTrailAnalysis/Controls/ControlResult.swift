/// A control's answer for one period: the status, why, and the findings.
public struct ControlResult: Sendable, Hashable, Codable {
  public var id: String
  public var title: String
  public var criteria: [String]
  public var status: ControlStatus
  /// Why the status is what it is: what was examined and, for `unknown`, which evidence is missing
  /// for which stretch ("no IdP or directory log covers 2026-07-01..2026-07-14").
  public var statusReason: String
  /// In time order (undated last), then by id.
  public var findings: [Finding]
  /// The evidence the control needed and did not have, in time order.
  public var missingEvidence: [MissingEvidence]

  public init(
    id: String, title: String, criteria: [String], status: ControlStatus, statusReason: String,
    findings: [Finding], missingEvidence: [MissingEvidence]
  ) {
    self.id = id
    self.title = title
    self.criteria = criteria
    self.status = status
    self.statusReason = statusReason
    self.findings = findings
    self.missingEvidence = missingEvidence
  }

  /// The findings that violate the control (all but `info`).
  public var violations: [Finding] { findings.filter(\.isViolation) }
}
