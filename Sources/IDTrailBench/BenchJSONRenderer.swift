import Foundation

/// `idtrail bench --json`: the same figures as the text, schema `idtrail.bench/v1`, written as
/// the report's JSON is (pretty-printed, keys sorted, so the key order is stable).
///
/// Seconds are rounded to the microsecond, megabytes (10^6 bytes), rates and ratios to 3 decimals,
/// percentages to 2; counts are exact. Optional figures are `null`, never missing.
public struct BenchJSONRenderer: Sendable {
  public init() {}

  public func render(_ result: BenchResult) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(Document(result)), as: UTF8.self) + "\n"
  }

  private struct Document: Encodable {
    var schema = BenchResult.schemaName
    var machine: Machine
    var inputs: Inputs
    var rounds: Int
    var formats: [Row]
    var inspect: Row
    var endToEnd: Row
    var endToEndToInspect: Double
    var endToEndPeakBytesPerEvent: Double
    var peakRSSScope: String
    var scaling: [ScalingPoint]

    init(_ result: BenchResult) {
      machine = Machine(
        idtrailVersion: result.machine.toolVersion, logicalCores: result.machine.logicalCores,
        loadAverage: result.machine.loadAverage.map { $0.map { rounded($0, 2) } })
      inputs = Inputs(result.inputs)
      rounds = result.rounds
      formats = result.formats.map { Row($0, format: $0.label) }
      inspect = Row(result.inspect)
      endToEnd = Row(result.endToEnd)
      endToEndToInspect = rounded(result.endToEndRatio, 3)
      endToEndPeakBytesPerEvent = rounded(result.endToEndBytesPerEvent, 1)
      peakRSSScope =
        result.peaksArePerPhase ? MemoryPeak.Scope.phase.rawValue : MemoryPeak.Scope.process.rawValue
      scaling = result.scaling.map { ScalingPoint($0, base: result.scaling[0]) }
    }
  }

  private struct Machine: Encodable {
    var idtrailVersion: String
    var logicalCores: Int
    var loadAverage: [Double]?

    enum CodingKeys: String, CodingKey { case idtrailVersion, logicalCores, loadAverage }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(idtrailVersion, forKey: .idtrailVersion)
      try container.encode(logicalCores, forKey: .logicalCores)
      try container.encode(loadAverage, forKey: .loadAverage)
    }
  }

  private struct Inputs: Encodable {
    /// `generated` or `given`.
    var kind: String
    /// The generated events; null for given inputs.
    var generatedEvents: Int?
    var generationWallSeconds: Double?
    /// Where the generated inputs were kept; null when they were removed or given.
    var keptIn: String?
    /// The inputs as given; empty when generated.
    var paths: [String]

    init(_ inputs: BenchInputs) {
      switch inputs {
      case .generated(let events, let timing, let keptIn):
        kind = "generated"
        generatedEvents = events
        generationWallSeconds = rounded(timing.wallSeconds, 6)
        self.keptIn = keptIn
        paths = []
      case .given(let given):
        kind = "given"
        paths = given
      }
    }

    enum CodingKeys: String, CodingKey { case kind, generatedEvents, generationWallSeconds, keptIn, paths }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(kind, forKey: .kind)
      try container.encode(generatedEvents, forKey: .generatedEvents)
      try container.encode(generationWallSeconds, forKey: .generationWallSeconds)
      try container.encode(keptIn, forKey: .keptIn)
      try container.encode(paths, forKey: .paths)
    }
  }

  /// A table row; `format` only in `formats`.
  private struct Row: Encodable {
    var format: String?
    var files: Int
    var bytes: Int
    var records: Int
    var events: Int
    var wallSeconds: Double
    var cpuSeconds: Double
    var coresUsed: Double
    var megabytesPerSecond: Double
    var eventsPerSecond: Double
    var secondsPerMillionEvents: Double
    var peakRSSMegabytes: Double

    init(_ row: BenchRow, format: String? = nil) {
      self.format = format
      files = row.files
      bytes = row.bytes
      records = row.records
      events = row.events
      wallSeconds = rounded(row.timing.wallSeconds, 6)
      cpuSeconds = rounded(row.timing.cpuSeconds, 6)
      coresUsed = rounded(row.timing.coresUsed, 3)
      megabytesPerSecond = rounded(row.megabytesPerSecond, 3)
      eventsPerSecond = rounded(row.eventsPerSecond, 3)
      secondsPerMillionEvents = rounded(row.secondsPerMillionEvents, 6)
      peakRSSMegabytes = rounded(Double(row.peak.bytes) / 1e6, 3)
    }
  }

  private struct ScalingPoint: Encodable {
    var multiple: Int
    var events: Int
    var inspectSecondsPerMillionEvents: Double
    var inspectDeviationPercent: Double
    var endToEndSecondsPerMillionEvents: Double
    var endToEndDeviationPercent: Double

    init(_ point: BenchScalingPoint, base: BenchScalingPoint) {
      multiple = point.multiple
      events = point.inspect.events
      inspectSecondsPerMillionEvents = rounded(point.inspect.secondsPerMillionEvents, 6)
      inspectDeviationPercent = rounded(point.deviation(point.inspect, from: base.inspect) * 100, 2)
      endToEndSecondsPerMillionEvents = rounded(point.endToEnd.secondsPerMillionEvents, 6)
      endToEndDeviationPercent = rounded(point.deviation(point.endToEnd, from: base.endToEnd) * 100, 2)
    }
  }
}

/// `value` rounded to `digits` decimals (non-finite values, which JSON cannot hold, become 0).
private func rounded(_ value: Double, _ digits: Int) -> Double {
  guard value.isFinite else { return 0 }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  return (value * scale).rounded() / scale
}
