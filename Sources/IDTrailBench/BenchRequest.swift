/// What `idtrail bench` was asked to measure, after argument parsing.
public struct BenchRequest: Sendable, Equatable {
  /// Events to generate when no input is given.
  public var events: Int
  /// Rounds per measurement; the fastest counts.
  public var rounds: Int
  /// Files or folders to measure; empty to generate `events` events.
  public var inputs: [String]
  /// Where to write the generated inputs and keep them; nil for a temporary folder removed
  /// afterwards.
  public var keep: String?
  /// Whether to measure generated inputs at 1, 2 and 4 times `events` too.
  public var scaling: Bool
  /// The idtrail version, stamped into the result and the end-to-end report.
  public var toolVersion: String

  public static let defaultEvents = 1_000_000
  public static let minimumEvents = 1_000
  public static let defaultRounds = 3
  /// The multiples of `events` a scaling run measures.
  public static let scalingMultiples = [1, 2, 4]

  public init(
    events: Int = defaultEvents, rounds: Int = defaultRounds, inputs: [String] = [], keep: String? = nil,
    scaling: Bool = false, toolVersion: String
  ) {
    self.events = events
    self.rounds = rounds
    self.inputs = inputs
    self.keep = keep
    self.scaling = scaling
    self.toolVersion = toolVersion
  }

  /// Whether the inputs are generated rather than given.
  public var generatesInputs: Bool { inputs.isEmpty }

  /// Checks the combination of options.
  ///
  /// - Throws: `BenchUsageError` saying what to change.
  public func validate() throws(BenchUsageError) {
    if events < Self.minimumEvents { throw .tooFewEvents(events) }
    if rounds < 1 { throw .tooFewRounds(rounds) }
    if scaling && !inputs.isEmpty { throw .scalingWithInputs }
    if inputs.contains("-") { throw .standardInput }
    if keep != nil && !inputs.isEmpty { throw .keepWithInputs }
  }
}
