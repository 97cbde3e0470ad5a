import IDTrailModel

/// What `idtrail samples` wrote: every file with its format and counts, and the ground truth.
public struct SampleManifest: Sendable {
  public var files: [SampleFile]
  public var incidents: [SampleIncident]
}

/// One generated file.
public struct SampleFile: Sendable, Hashable {
  /// The path relative to the output folder, with `/` separators.
  public var path: String
  public var format: FormatID
  public var description: String
  public var bytes: Int
  /// Records written, the planted malformed one and any redelivered duplicates included.
  public var records: Int
  /// The record planted to be rejected, if the file has one.
  public var rejection: SampleRejection?
}

/// A record planted to be rejected: where it is and a fragment of the reason a decoder should give.
public struct SampleRejection: Sendable, Hashable {
  /// `path:line` for line formats, `path:#N@offset` for JSON arrays, envelopes and XML.
  public var locator: String
  /// The 1-based line the record starts on.
  public var line: Int
  /// The 1-based record index (among the file's records; for envelopes, inside the array).
  public var record: Int
  /// The 0-based byte offset where the record starts.
  public var byteOffset: Int
  /// A fragment the decoder's rejection reason contains.
  public var reason: String
  /// What was planted, in words.
  public var problem: String
}

/// A planted incident as the ground truth lists it.
public struct SampleIncident: Sendable, Hashable {
  public var incident: String
  public var control: String
  public var person: String
  public var time: Timestamp
  public var finding: Bool
  public var note: String
}
