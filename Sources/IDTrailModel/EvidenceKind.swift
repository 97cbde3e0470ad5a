/// How an event is known.
public enum EvidenceKind: String, Sendable, Hashable, Codable {
  /// A log record says so.
  case observed
  /// Derived from two state snapshots or from a consequence; always shown as such.
  case inferred
}
