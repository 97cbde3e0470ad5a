import Foundation
import IDTrailAnalysis
import IDTrailIngest
import IDTrailModel

/// What `idtrail report` and `idtrail check` were asked to do, after argument parsing.
public struct RunRequest: Sendable {
  /// Files, folders or `-`, as given.
  public var inputs: [String]
  /// The period, or nil for the inputs' coverage.
  public var period: (start: Timestamp, end: Timestamp)?
  public var policy: Policy
  /// When the run happens; fixed by `--now` so that reports are reproducible.
  public var now: Timestamp
  public var decodeOptions: DecodeOptions
  /// A forced input format, or nil to recognise each input's.
  public var forcedFormat: FormatID?

  public init(
    inputs: [String], period: (start: Timestamp, end: Timestamp)?, policy: Policy, now: Timestamp,
    decodeOptions: DecodeOptions = DecodeOptions(), forcedFormat: FormatID? = nil
  ) {
    self.inputs = inputs
    self.period = period
    self.policy = policy
    self.now = now
    self.decodeOptions = decodeOptions
    self.forcedFormat = forcedFormat
  }

  /// The current time, for runs without `--now`.
  public static var currentTime: Timestamp {
    Timestamp(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
  }
}
