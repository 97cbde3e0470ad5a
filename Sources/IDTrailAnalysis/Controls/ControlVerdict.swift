import IDTrailModel

/// Collects a control's findings and missing evidence, then applies the status rules every
/// control shares:
///
/// 1. `fail` when any finding is above `info` (a violation is certain even where other evidence
///    is missing; the reason then names the missing evidence too);
/// 2. else `unknown` when evidence is missing for some stretch;
/// 3. else `not-applicable` when the control said the question cannot arise;
/// 4. else `pass`.
struct ControlVerdict {
  let description: ControlDescription
  private(set) var findings: [Finding] = []
  private(set) var missing: [MissingEvidence] = []
  private var notApplicableReason: String?

  init(_ description: ControlDescription) {
    self.description = description
  }

  /// Adds a finding under this control's id, with the control's severity unless one is given.
  mutating func add(
    key: String, severity: Severity? = nil, person: FindingPerson?, summary: String, time: Timestamp?,
    evidence: [FindingEvidence]
  ) {
    findings.append(
      Finding(
        control: description.id, key: key, severity: severity ?? description.severity, person: person,
        summary: summary, time: time, evidence: evidence))
  }

  /// Records what `coverage` lacks of `requirement` over `span` (the window by default).
  mutating func require(
    _ requirement: EvidenceRequirement, in span: TimeSpan? = nil, _ coverage: EvidenceCoverage
  ) {
    missing += coverage.missing(requirement, in: span)
  }

  mutating func addMissing(_ evidence: [MissingEvidence]) {
    missing += evidence
  }

  /// Marks the question as one that cannot arise (used only when nothing else is found).
  mutating func notApplicable(_ reason: String) {
    notApplicableReason = reason
  }

  /// The result. `summary` says what was examined; the status's own words come first.
  func result(summary: String) -> ControlResult {
    let missing = Self.joined(missing)
    let sorted = findings.sorted(by: Finding.precedes)
    let status: ControlStatus
    var reason: String
    let gaps = missing.map(\.description).joined(separator: "; ")
    if sorted.contains(where: \.isViolation) {
      status = .fail
      reason = summary
      if !missing.isEmpty { reason += "; evidence is also missing: " + gaps }
    } else if !missing.isEmpty {
      status = .unknown
      reason = gaps + "; " + summary
    } else if let notApplicableReason {
      status = .notApplicable
      reason = notApplicableReason
    } else {
      status = .pass
      reason = summary
    }
    return ControlResult(
      id: description.id, title: description.title, criteria: description.criteria, status: status,
      statusReason: reason, findings: sorted, missingEvidence: missing)
  }

  /// Overlapping stretches of the same evidence joined, sorted.
  private static func joined(_ missing: [MissingEvidence]) -> [MissingEvidence] {
    var result: [MissingEvidence] = []
    for requirement in EvidenceRequirement.allCases {
      let spans = missing.filter { $0.requirement == requirement }.map(\.span)
      let merged = requirement == .gitlabSnapshot ? Array(Set(spans)) : EvidenceCoverage.merge(spans)
      result += merged.map { MissingEvidence(requirement: requirement, span: $0) }
    }
    return result.sorted()
  }
}
