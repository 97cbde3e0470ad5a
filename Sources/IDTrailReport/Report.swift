import IDTrailModel

/// Everything a run found, as one value (schema `idtrail.report/v1`, DESIGN §7).
///
/// Built once per run; every renderer draws from it, so the formats cannot disagree. Arrays are
/// kept in a fixed order (inputs by path, people by ID, episodes and findings by time then ID) so
/// that the same inputs give byte-identical output.
public struct Report: Sendable, Codable, Equatable {
  public static let schemaName = "idtrail.report/v1"

  public var schema: String = Report.schemaName
  public var tool: Tool
  public var period: Period
  /// The policy as applied, flattened to setting name → value.
  public var policy: [String: String]
  /// The leaver SLA in seconds when it is a fixed duration (nil for business-day SLAs); charts
  /// draw it as a line.
  public var leaverSLASeconds: Double?
  public var inputs: [Input]
  public var people: [Person]
  public var episodes: [Episode]
  public var controls: [Control]
  public var findings: [Finding]
  /// The first rejections of all inputs; `rejectionCount` counts them all.
  public var rejections: [Rejection]
  public var rejectionCount: Int
  /// Who holds what at the period's end (the access review).
  public var accessReview: [AccessEntry]
  /// Events per UTC day and stage, for the activity chart.
  public var eventsPerDay: [DayCount]

  public init(
    tool: Tool, period: Period, policy: [String: String], leaverSLASeconds: Double?,
    inputs: [Input], people: [Person],
    episodes: [Episode], controls: [Control], findings: [Finding], rejections: [Rejection],
    rejectionCount: Int, accessReview: [AccessEntry], eventsPerDay: [DayCount]
  ) {
    self.tool = tool
    self.period = period
    self.policy = policy
    self.leaverSLASeconds = leaverSLASeconds
    self.inputs = inputs
    self.people = people
    self.episodes = episodes
    self.controls = controls
    self.findings = findings
    self.rejections = rejections
    self.rejectionCount = rejectionCount
    self.accessReview = accessReview
    self.eventsPerDay = eventsPerDay
  }

  public struct Tool: Sendable, Codable, Equatable {
    public var name: String
    public var version: String
    public init(name: String, version: String) {
      self.name = name
      self.version = version
    }
  }

  public struct Period: Sendable, Codable, Equatable {
    public var start: Timestamp
    public var end: Timestamp
    public init(start: Timestamp, end: Timestamp) {
      self.start = start
      self.end = end
    }
  }

  public struct Input: Sendable, Codable, Equatable {
    public var path: String
    public var format: String?
    /// SHA-256 of the input's bytes as read (after gzip inflation), lower-case hex.
    public var sha256: String
    public var records: Int
    public var decoded: Int
    public var skipped: Int
    public var rejected: Int
    public var coverage: Period?
    public init(
      path: String, format: String?, sha256: String, records: Int, decoded: Int, skipped: Int,
      rejected: Int, coverage: Period?
    ) {
      self.path = path
      self.format = format
      self.sha256 = sha256
      self.records = records
      self.decoded = decoded
      self.skipped = skipped
      self.rejected = rejected
      self.coverage = coverage
    }
  }

  public struct Person: Sendable, Codable, Equatable {
    public var id: String
    public var displayName: String
    public var emails: [String]
    public var identifiers: [KnownIdentifier]
    public init(id: String, displayName: String, emails: [String], identifiers: [KnownIdentifier]) {
      self.id = id
      self.displayName = displayName
      self.emails = emails
      self.identifiers = identifiers
    }
  }

  public struct KnownIdentifier: Sendable, Codable, Equatable {
    public var kind: String
    public var value: String
    /// The locator of the record the identifier was learned from.
    public var learnedFrom: String
    public init(kind: String, value: String, learnedFrom: String) {
      self.kind = kind
      self.value = value
      self.learnedFrom = learnedFrom
    }
  }

  public struct Episode: Sendable, Codable, Equatable {
    /// `joiner`, `mover` or `leaver`.
    public var kind: String
    /// The person's ID.
    public var person: String
    /// `complete`, `late`, `incomplete` or `failed`.
    public var status: String
    public var steps: [Step]
    public var latencySeconds: Latency
    public init(kind: String, person: String, status: String, steps: [Step], latencySeconds: Latency) {
      self.kind = kind
      self.person = person
      self.status = status
      self.steps = steps
      self.latencySeconds = latencySeconds
    }
  }

  public struct Step: Sendable, Codable, Equatable {
    public var stage: String
    public var action: String
    public var time: Timestamp
    /// `observed` or `inferred`.
    public var evidence: String
    public var locator: String
    public init(stage: String, action: String, time: Timestamp, evidence: String, locator: String) {
      self.stage = stage
      self.action = action
      self.time = time
      self.evidence = evidence
      self.locator = locator
    }
  }

  public struct Latency: Sendable, Codable, Equatable {
    public var idpToScim: Double?
    public var scimToGitlab: Double?
    public var endToEnd: Double?
    public init(idpToScim: Double?, scimToGitlab: Double?, endToEnd: Double?) {
      self.idpToScim = idpToScim
      self.scimToGitlab = scimToGitlab
      self.endToEnd = endToEnd
    }
  }

  public struct Control: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var criteria: [String]
    /// `pass`, `fail`, `unknown` or `not-applicable`.
    public var status: String
    public var findingCount: Int
    /// Why the status is what it is (for `unknown`: which evidence is missing).
    public var statusReason: String?
    public init(
      id: String, title: String, criteria: [String], status: String, findingCount: Int,
      statusReason: String?
    ) {
      self.id = id
      self.title = title
      self.criteria = criteria
      self.status = status
      self.findingCount = findingCount
      self.statusReason = statusReason
    }
  }

  public struct Finding: Sendable, Codable, Equatable {
    /// Stable across runs: derived from the control, the person and the evidence.
    public var id: String
    public var control: String
    /// `critical`, `high`, `medium`, `low` or `info`.
    public var severity: String
    public var person: PersonReference?
    public var summary: String
    public var time: Timestamp?
    public var evidence: [Evidence]
    public init(
      id: String, control: String, severity: String, person: PersonReference?, summary: String,
      time: Timestamp?, evidence: [Evidence]
    ) {
      self.id = id
      self.control = control
      self.severity = severity
      self.person = person
      self.summary = summary
      self.time = time
      self.evidence = evidence
    }
  }

  public struct PersonReference: Sendable, Codable, Equatable {
    public var id: String
    public var email: String?
    public var gitlabUsername: String?
    public init(id: String, email: String?, gitlabUsername: String?) {
      self.id = id
      self.email = email
      self.gitlabUsername = gitlabUsername
    }
  }

  public struct Evidence: Sendable, Codable, Equatable {
    public var locator: String
    public var nativeID: String?
    /// `observed` or `inferred`.
    public var kind: String
    public init(locator: String, nativeID: String?, kind: String) {
      self.locator = locator
      self.nativeID = nativeID
      self.kind = kind
    }
  }

  public struct Rejection: Sendable, Codable, Equatable {
    public var locator: String
    public var reason: String
    public init(locator: String, reason: String) {
      self.locator = locator
      self.reason = reason
    }
  }

  /// One row of the access review: an account's access at the period's end.
  public struct AccessEntry: Sendable, Codable, Equatable {
    public var account: String
    /// The owner's email, when known.
    public var owner: String?
    /// The namespace path, or `instance` for instance-wide roles.
    public var resource: String
    public var role: String
    /// `active` or `deactivated`.
    public var status: String
    public var created: Timestamp?
    public var deactivated: Timestamp?
    /// `observed` or `inferred`.
    public var evidence: String
    public init(
      account: String, owner: String?, resource: String, role: String, status: String,
      created: Timestamp?, deactivated: Timestamp?, evidence: String
    ) {
      self.account = account
      self.owner = owner
      self.resource = resource
      self.role = role
      self.status = status
      self.created = created
      self.deactivated = deactivated
      self.evidence = evidence
    }
  }

  public struct DayCount: Sendable, Codable, Equatable {
    /// `YYYY-MM-DD` (UTC).
    public var day: String
    public var stage: String
    public var count: Int
    public init(day: String, stage: String, count: Int) {
      self.day = day
      self.stage = stage
      self.count = count
    }
  }
}
