import IDTrailModel

/// Everything the organisation's systems logged over the period, per source, before any file is
/// written: the generator fills it, the writers sort and serialise it.
struct SampleTimeline: Sendable {
  /// GitLab audit events: written to the REST pages, the stream, the CSV export and audit_json.log.
  var audit: [AuditEventRecord] = []
  var okta: [TimedRecord] = []
  var apiLog: [TimedRecord] = []
  var applicationLog: [TimedRecord] = []
  var productionLog: [TimedRecord] = []
  var entraProvisioning: [TimedRecord] = []
  var entraAudit: [TimedRecord] = []
  var google: [TimedRecord] = []
  var har: [TimedRecord] = []
  var windows: [WindowsEventRecord] = []
  var spml: [TimedText] = []
  /// Audit events the stream delivers twice (at-least-once delivery), by their index in `audit`.
  var redelivered: [Int] = []
  var incidents: [GroundTruthIncident] = []
  /// Every joiner, mover and leaver episode, with the status a correct correlation gives it.
  var episodes: [GroundTruthEpisode] = []
  private var sequence = 0

  /// A number that orders records made at the same instant in the order they were made.
  mutating func nextSequence() -> Int {
    sequence += 1
    return sequence
  }
}

/// A JSON record and the instant it sorts by.
struct TimedRecord: Sendable {
  var time: Timestamp
  var sequence: Int
  var json: JSONText
}

/// A text record (an XML fragment) and the instant it sorts by.
struct TimedText: Sendable {
  var time: Timestamp
  var sequence: Int
  var text: String
}

/// Sorting by time, then by the order the generator made them.
protocol TimeOrdered {
  var time: Timestamp { get }
  var sequence: Int { get }
}

extension TimedRecord: TimeOrdered {}
extension TimedText: TimeOrdered {}

extension Array where Element: TimeOrdered {
  /// The records in time order; ties keep the order they were made in.
  func chronological() -> [Element] {
    sorted { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
  }
}

/// One GitLab audit event, from which the four GitLab audit formats are rendered.
struct AuditEventRecord: Sendable, TimeOrdered {
  /// Who did it, as GitLab records the author.
  struct Author: Sendable {
    var id: Int
    var name: String
    var username: String?
    var email: String?
    var className: String

    static let system = Author(
      id: -1, name: "(System)", username: nil, email: nil, className: "Gitlab::Audit::UnauthenticatedAuthor")
  }

  var time: Timestamp
  var sequence: Int
  /// The database id, numbered in time order when the files are written (0 until then).
  var id = 0
  /// The id a stream-only event carries instead (a UUID).
  var streamID: String?
  /// Nil for legacy events written without a type (impersonation start/stop).
  var eventName: String?
  var author: Author
  var entityID: Int
  var entityType: String
  var entityPath: String
  var targetID: JSONText
  var targetType: String
  var targetDetails: String
  var customMessage: JSONText
  var ipAddress: String?
  /// The event's own detail keys (`add`, `as`, `member_id`, `change`, `from`, `to`, `with`, …), in
  /// the order GitLab writes them, before the keys every typed event carries.
  var details: [(String, JSONText)]
  /// The CSV export's `Action` text (`Audit::Details.humanize`).
  var action: String
  /// The request or job that wrote the event (`meta.caller_id` in audit_json.log).
  var caller: String
  /// The client address the request came from (`meta.remote_ip`), if any.
  var remoteIP: String?
  /// Stream-only types never reach the database, the REST API, the CSV or audit_json.log.
  var streamOnly = false
}

/// One Windows Security event, rendered as `wevtutil qe /f:xml` prints it.
struct WindowsEventRecord: Sendable, TimeOrdered {
  var time: Timestamp
  var sequence: Int
  var eventID: Int
  var task: Int
  var failure = false
  var computer: String
  var data: [(String, String)]
}

/// A planted situation, and whether a correct run reports it as a finding of `control`.
struct GroundTruthIncident: Sendable {
  var incident: String
  var control: String
  var person: String
  var time: Timestamp
  var finding: Bool
  var note: String
}

/// A joiner, mover or leaver, for checking the correlation's episodes.
struct GroundTruthEpisode: Sendable {
  var kind: String
  var person: String
  /// The first upstream signal (leavers), the upstream creation (joiners) or change (movers).
  var start: Timestamp
  /// When GitLab reflected it, if it did.
  var effect: Timestamp?
  /// `complete`, `late`, `incomplete` or `failed`.
  var status: String
  var note: String
}
