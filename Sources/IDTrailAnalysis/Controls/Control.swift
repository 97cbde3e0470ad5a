/// One SOC 2 control: a question an auditor asks, answered from the evidence with pass, fail,
/// unknown or not-applicable, and a finding for everything that violates it or needs review.
///
/// Contract:
/// - One file per control, `<Name>Control.swift`, holding a struct with `static let description`
///   (id, title, criteria, rationale, default severity, the evidence it needs, and examples) and
///   `evaluate(_:)`; the doc comment states the control's exact pass, fail and unknown rules.
///   Add the type to `ControlRegistry.all`, which the registry test checks against the files.
/// - `evaluate` is a pure function of the context: same context, same result, findings in the
///   same order.
/// - A control says `fail` only for findings it is certain of, `unknown` whenever the evidence it
///   needs is absent for part of the period (naming the evidence and the stretch), and `pass` only
///   when the evidence covers the question. `ControlVerdict` applies these rules.
/// - Every example in `description.examples` must come out as it says; the generated tests run
///   them (`swift test --filter ControlExamples`). Give at least one pass, one fail and one unknown
///   example.
public protocol Control: Sendable {
  static var description: ControlDescription { get }
  init()
  /// Judges the period the context describes.
  func evaluate(_ context: ControlContext) -> ControlResult
}

/// What a control is: its id, what it asks, why, and examples of what passes and what fails.
public struct ControlDescription: Sendable {
  /// Kebab-case, unique: `leaver-sla`.
  public var id: String
  public var title: String
  /// SOC 2 Trust Services Criteria, such as `CC6.2`.
  public var criteria: [String]
  /// Why an auditor asks, and how the control answers, in a few sentences.
  public var rationale: String
  /// The severity of its findings unless a finding says otherwise.
  public var severity: Severity
  /// The evidence without which it says `unknown`.
  public var requires: [EvidenceRequirement]
  public var examples: [ControlExample]

  public init(
    id: String, title: String, criteria: [String], rationale: String, severity: Severity,
    requires: [EvidenceRequirement], examples: [ControlExample]
  ) {
    self.id = id
    self.title = title
    self.criteria = criteria
    self.rationale = rationale
    self.severity = severity
    self.requires = requires
    self.examples = examples
  }
}
