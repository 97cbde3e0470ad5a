/// Everything `idtrail bench` measured, ready to render as text or JSON.
public struct BenchResult: Sendable, Equatable {
  public var machine: MachineInfo
  public var inputs: BenchInputs
  /// Rounds per measurement; each figure is the fastest round's.
  public var rounds: Int
  /// One row per format, sorted by format ID, `unrecognised` last.
  public var formats: [BenchRow]
  /// All inputs decoded together as `inspect` does.
  public var inspect: BenchRow
  /// A full report run over all inputs, with the JSON and HTML reports written.
  public var endToEnd: BenchRow
  /// The 1×, 2× and 4× points of `--scaling`; empty without it.
  public var scaling: [BenchScalingPoint]

  /// The schema name the JSON output carries.
  public static let schemaName = "idtrail.bench/v1"

  public init(
    machine: MachineInfo, inputs: BenchInputs, rounds: Int, formats: [BenchRow], inspect: BenchRow,
    endToEnd: BenchRow, scaling: [BenchScalingPoint] = []
  ) {
    self.machine = machine
    self.inputs = inputs
    self.rounds = rounds
    self.formats = formats
    self.inspect = inspect
    self.endToEnd = endToEnd
    self.scaling = scaling
  }

  /// End-to-end wall time over inspect wall time: what correlation, controls and rendering cost
  /// on top of decoding; 0 when inspect took no time.
  public var endToEndRatio: Double {
    inspect.timing.wallSeconds > 0 ? endToEnd.timing.wallSeconds / inspect.timing.wallSeconds : 0
  }

  /// Whether every peak is the phase's own (the high-water mark could be reset before each).
  /// The end-to-end peak resident memory per event: what holding the analysis costs per event
  /// (the report keeps every event; `inspect` keeps none). Zero without events.
  public var endToEndBytesPerEvent: Double {
    endToEnd.events > 0 ? Double(endToEnd.peak.bytes) / Double(endToEnd.events) : 0
  }

  public var peaksArePerPhase: Bool {
    let rows = formats + [inspect, endToEnd] + scaling.flatMap { [$0.inspect, $0.endToEnd] }
    return rows.allSatisfy { $0.peak.scope == .phase }
  }
}
