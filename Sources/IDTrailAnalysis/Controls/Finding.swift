import IDTrailModel

/// One thing a control found, about one person (or about the evidence itself), with the records
/// that show it.
public struct Finding: Sendable, Hashable, Codable, Identifiable {
  /// Stable across runs: `f-` and 16 hex digits hashed from the control, the person and the key
  /// evidence (source and native id where the record has one, else its locator), so the same
  /// inputs give the same id whatever order they came in.
  public var id: String
  /// The control's id, such as `leaver-sla`.
  public var control: String
  public var severity: Severity
  /// Whom it is about; nil for findings about the evidence (a coverage gap) or about records that
  /// name nobody the identity graph knows.
  public var person: FindingPerson?
  /// One sentence with the figures: latencies as durations, roles, who acted and how.
  public var summary: String
  /// When it happened (the key record's time).
  public var time: Timestamp?
  /// The records, in time order; the key record first when it matters more than order.
  public var evidence: [FindingEvidence]

  public init(
    control: String, key: String, severity: Severity, person: FindingPerson?, summary: String,
    time: Timestamp?, evidence: [FindingEvidence]
  ) {
    self.id = Self.id(control: control, person: person?.id, key: key)
    self.control = control
    self.severity = severity
    self.person = person
    self.summary = summary
    self.time = time
    self.evidence = evidence
  }

  /// Whether the finding violates its control (every severity but `info`).
  public var isViolation: Bool { severity != .info }

  /// The stable id for a control, a person and a key: FNV-1a, then SplitMix64's finaliser so that
  /// keys differing in one character give ids that differ throughout.
  public static func id(control: String, person: PersonID?, key: String) -> String {
    var mixed = FNV1a.hash("\(control)\n\(person?.rawValue ?? "-")\n\(key)")
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    mixed ^= mixed >> 31
    let digits = String(mixed, radix: 16)
    return "f-" + String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// Time order (undated last), then id.
  static func precedes(_ lhs: Finding, _ rhs: Finding) -> Bool {
    switch (lhs.time, rhs.time) {
    case (let left?, let right?) where left != right: return left < right
    case (nil, _?): return false
    case (_?, nil): return true
    default: return lhs.id < rhs.id
    }
  }
}

/// Who a finding is about, as a report names them.
public struct FindingPerson: Sendable, Hashable, Codable {
  public var id: PersonID
  /// The person's first email, when known.
  public var email: String?
  /// The person's GitLab username, when known.
  public var gitlabUsername: String?
  public var displayName: String

  public init(id: PersonID, email: String?, gitlabUsername: String?, displayName: String) {
    self.id = id
    self.email = email
    self.gitlabUsername = gitlabUsername
    self.displayName = displayName
  }

  public init(_ person: Person) {
    self.init(
      id: person.id, email: person.emails.first, gitlabUsername: person.values(of: .gitlabUsername).first,
      displayName: person.displayName)
  }

  /// The email, else the GitLab username, else the display name: how summaries name someone.
  public var label: String { email ?? gitlabUsername ?? displayName }
}

/// One record a finding rests on.
public struct FindingEvidence: Sendable, Hashable, Codable {
  public var locator: Locator
  public var nativeID: String?
  /// `observed` (a log record says so) or `inferred` (from snapshots or a consequence).
  public var kind: EvidenceKind
  public var time: Timestamp?
  public var source: FormatID
  /// The source's own name for the record (`member_destroyed`, `user.lifecycle.deactivate`).
  public var rawAction: String

  public init(
    locator: Locator, nativeID: String?, kind: EvidenceKind, time: Timestamp?, source: FormatID,
    rawAction: String
  ) {
    self.locator = locator
    self.nativeID = nativeID
    self.kind = kind
    self.time = time
    self.source = source
    self.rawAction = rawAction
  }

  public init(_ event: IdentityEvent) {
    self.init(
      locator: event.locator, nativeID: event.nativeID, kind: event.evidence, time: event.time,
      source: event.source, rawAction: event.rawAction)
  }

  public init(_ reference: EventReference) {
    self.init(
      locator: reference.locator, nativeID: reference.nativeID, kind: reference.evidence,
      time: reference.time, source: reference.source, rawAction: reference.rawAction)
  }

  public init(_ step: EpisodeStep) {
    self.init(
      locator: step.locator, nativeID: step.nativeID, kind: step.evidence, time: step.time,
      source: step.source, rawAction: step.rawAction)
  }

  /// A snapshot record, always `inferred` where it stands in for an event nobody logged.
  public init(_ fact: StateFact, kind: EvidenceKind = .observed) {
    self.init(
      locator: fact.locator, nativeID: nil, kind: kind, time: fact.asOf, source: fact.source,
      rawAction: "snapshot")
  }

  /// The key that makes a finding id stable: the source and native id, else the locator.
  var key: String {
    nativeID.map { "\(source.rawValue)#\($0)" } ?? locator.description
  }
}
