/// What became of one record: every record ends as exactly one of these.
public enum RecordDisposition: Sendable, Equatable {
  /// Turned into events or facts.
  case decoded
  /// Read and understood, but nothing identity-related is in it; the reason is counted.
  case skipped(String)
  /// Could not be used; the reason is listed with the record's locator.
  case rejected(String)
}
