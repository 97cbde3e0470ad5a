import IDTrailModel

/// A small scenario a control must judge as it says: the records, the expected status and the
/// expected findings. Tests are generated from every control's examples, and they document the
/// control's rules by example.
///
/// Scenarios run through the whole analysis (trail, identity graph, correlator) under the default
/// policy (changed by `policy`), for the period 2026-07-01..2026-10-01 with `now` at its end.
/// People are short names: `ann` is `ann@example.com` in the IdP and `ann` in GitLab. Every input
/// format the records use covers the whole period, unless an `.input` record declares its span.
public struct ControlExample: Sendable {
  public var name: String
  public var status: ControlStatus
  /// Every finding, as the person's short name (nil for findings about no one) and severity.
  public var findings: [ExpectedFinding]
  public var records: [ExampleRecord]
  /// Changes to the default policy.
  public var policy: @Sendable (inout Policy) -> Void

  public init(
    _ name: String, _ status: ControlStatus, _ findings: [ExpectedFinding], _ records: [ExampleRecord],
    policy: @escaping @Sendable (inout Policy) -> Void = { _ in }
  ) {
    self.name = name
    self.status = status
    self.findings = findings
    self.records = records
    self.policy = policy
  }

  /// An example that expects no finding.
  public init(
    _ name: String, _ status: ControlStatus, _ records: [ExampleRecord],
    policy: @escaping @Sendable (inout Policy) -> Void = { _ in }
  ) {
    self.init(name, status, [], records, policy: policy)
  }

  /// The examples' period: the third quarter of 2026.
  public static let period = TimeSpan(
    start: Timestamp(
      secondsSinceEpoch: Int64(CivilDate.daysSinceEpoch(year: 2026, month: 7, day: 1)) * 86_400),
    end: Timestamp(secondsSinceEpoch: Int64(CivilDate.daysSinceEpoch(year: 2026, month: 10, day: 1)) * 86_400)
  )

  /// Builds the scenario's context: trail, identity graph and correlation under the example's policy.
  public func context() throws(ExampleError) -> ControlContext {
    var policy = Policy.default
    self.policy(&policy)
    var events: [IdentityEvent] = []
    var facts: [StateFact] = []
    var declared: [EvidenceSource] = []
    for (index, record) in records.enumerated() {
      switch try record.build(line: index + 1) {
      case .event(let event): events.append(event)
      case .fact(let fact): facts.append(fact)
      case .input(let source): declared.append(source)
      }
    }
    let trail = Trail(events: events, facts: facts)
    let graph = IdentityGraph(trail: trail, mappings: policy.identifierMappings)
    let correlation = Correlator(policy: policy).correlate(trail, graph: graph)
    let declaredFormats = Set(declared.map(\.format))
    let used = Set(events.map(\.source)).subtracting(declaredFormats).filter {
      !EvidenceSource.isSnapshot($0)
    }
    let whole = used.map { format in
      EvidenceSource(path: ExampleRecord.path(of: format), format: format, coverage: Self.period)
    }
    return ControlContext(
      trail: trail, graph: graph, correlation: correlation, policy: policy, period: Self.period,
      now: Self.period.end, sources: whole + declared)
  }

  /// How a finding's person is written in examples: the email's local part, else the GitLab
  /// username, else the display name; nil for no person.
  public static func shortName(_ person: FindingPerson?) -> String? {
    guard let person else { return nil }
    if let email = person.email, let at = email.firstIndex(of: "@") { return String(email[..<at]) }
    return person.gitlabUsername ?? person.displayName
  }
}

/// A finding an example expects: whose, and how severe.
public struct ExpectedFinding: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The person's short name (`ann`), or nil for a finding about no one.
  public var person: String?
  public var severity: Severity

  public static func finding(_ person: String?, _ severity: Severity) -> ExpectedFinding {
    ExpectedFinding(person: person, severity: severity)
  }

  public var description: String { "\(person ?? "-") \(severity.rawValue)" }

  public static func < (lhs: ExpectedFinding, rhs: ExpectedFinding) -> Bool {
    lhs.description < rhs.description
  }
}

/// A record of an example that cannot be built.
public struct ExampleError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var problem: String

  public var description: String { "example record \(line): \(problem)" }
}
