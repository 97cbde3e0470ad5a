import IDTrailIngest

/// Why a benchmark could not run.
public enum BenchError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Inputs that could not be opened (exit 74, as `inspect`).
  case unreadable([InputError])
  /// No input was recognised as any format (exit 65, as `inspect`); the inputs as given.
  case noRecognisedInput([String])
  /// The generated inputs or the end-to-end report could not be written (exit 74).
  case cannotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let errors):
      return errors.map(\.description).joined(separator: "\n")
    case .noRecognisedInput(let paths):
      return "no input was recognised as any format (\(paths.joined(separator: ", "))); "
        + "'idtrail inspect' says why for each"
    case .cannotWrite(let path, let reason):
      return "cannot write \(path): \(reason); choose a writable folder with --keep, or set TMPDIR"
    }
  }
}
