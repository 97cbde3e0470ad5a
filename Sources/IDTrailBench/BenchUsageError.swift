/// Options of `idtrail bench` that do not go together or are out of range (exit 64).
public enum BenchUsageError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `--events` below `BenchRequest.minimumEvents`.
  case tooFewEvents(Int)
  /// `--rounds` below 1.
  case tooFewRounds(Int)
  /// `--scaling` with inputs: only generated inputs can be grown.
  case scalingWithInputs
  /// `--keep` with inputs: nothing is generated to keep.
  case keepWithInputs
  /// `-` among the inputs: standard input can be read only once, and every round reads it again.
  case standardInput

  public var description: String {
    switch self {
    case .tooFewEvents(let events):
      return "--events \(events) is too few to time reliably; give at least \(BenchRequest.minimumEvents) "
        + "(the default is \(BenchRequest.defaultEvents))"
    case .tooFewRounds(let rounds):
      return "--rounds \(rounds) must be at least 1 (the default is \(BenchRequest.defaultRounds))"
    case .scalingWithInputs:
      return "--scaling grows generated inputs and cannot grow given ones; drop the INPUT arguments "
        + "(and set the base size with --events) or drop --scaling"
    case .keepWithInputs:
      return "--keep keeps the generated inputs, and with INPUT nothing is generated; drop one of them"
    case .standardInput:
      return "bench reads every input once per round, and standard input (-) can be read only once; "
        + "save it to a file and give that"
    }
  }
}
