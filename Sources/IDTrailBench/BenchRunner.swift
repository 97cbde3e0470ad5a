import Foundation
import IDTrailAnalysis
import IDTrailIngest
import IDTrailModel
import IDTrailReport
import IDTrailRun
import IDTrailSamples

/// Runs `idtrail bench`: generates or collects the inputs, then times each input file decoded as
/// `inspect` decodes it, all inputs decoded together, and a full report run over them (analysis,
/// controls, JSON and HTML written), each the fastest of `rounds` rounds, with its peak memory.
///
/// Tells `progress` what it is doing, one line per step, so that a long run is not silent.
public struct BenchRunner {
  public let request: BenchRequest
  private let progress: (String) -> Void

  /// The renderers of the end-to-end phase: the report as a program reads it and as a person does.
  private static let renderers: [any ReportRenderer] = [JSONRenderer(), HTMLRenderer()]
  /// What `inspect` asks of the decoders: counts and coverage, no events kept.
  private static let inspectOptions = DecodeOptions(retainsEvents: false)

  public init(_ request: BenchRequest, progress: @escaping (String) -> Void = { _ in }) {
    self.request = request
    self.progress = progress
  }

  /// Measures everything the request asks for.
  ///
  /// - Throws: `BenchUsageError` for a request that does not validate, `BenchError` for inputs
  ///   that cannot be read or recognised and output that cannot be written.
  public func run() throws -> BenchResult {
    try request.validate()
    let machine = MachineInfo.current(toolVersion: request.toolVersion)
    let work = try Self.makeWorkFolder()
    let cleanup = InterruptCleanup(removing: work)
    defer {
      cleanup.cancel()
      try? FileManager.default.removeItem(atPath: work)
    }
    do {
      return request.generatesInputs
        ? try runGenerated(machine: machine, work: work) : try runGiven(machine: machine, work: work)
    } catch {
      // A failure while an interruption removes the folder is the interruption's doing.
      InterruptCleanup.waitIfInterrupted()
      throw error
    }
  }

  // MARK: - Inputs

  private func runGenerated(machine: MachineInfo, work: String) throws -> BenchResult {
    let now = SampleConfiguration.standard.end
    let (paths, folder, timing) = try generateSet(multiple: 1, work: work)
    let formats = try measureFiles(paths)
    let (inspect, endToEnd) = try measureAll(paths, now: now, work: work)
    removeSet(folder)
    var result = BenchResult(
      machine: machine,
      inputs: .generated(events: request.events, timing: timing, keptIn: request.keep),
      rounds: request.rounds, formats: formats, inspect: inspect, endToEnd: endToEnd)
    guard request.scaling else { return result }
    result.scaling = [BenchScalingPoint(multiple: 1, inspect: inspect, endToEnd: endToEnd)]
    for multiple in BenchRequest.scalingMultiples where multiple > 1 {
      let (paths, folder, _) = try generateSet(multiple: multiple, work: work)
      let (inspect, endToEnd) = try measureAll(paths, now: now, work: work, label: "\(multiple)×")
      removeSet(folder)
      result.scaling.append(BenchScalingPoint(multiple: multiple, inspect: inspect, endToEnd: endToEnd))
    }
    return result
  }

  /// Generates `multiple` × `--events` events; returns the files, their folder and the time taken.
  private func generateSet(multiple: Int, work: String) throws(BenchError) -> (
    paths: [String], folder: String, timing: Timing
  ) {
    let folder = setFolder(multiple: multiple, work: work)
    let events = request.events * multiple
    progress("generating \(events) events in \(folder)")
    let stopwatch = Stopwatch()
    let report: ScaleReport
    do {
      report = try ScaleGenerator.generate(SampleConfiguration.standard, events: events, into: folder)
    } catch {
      throw .cannotWrite(path: folder, reason: "\(error)")
    }
    return (report.files.map(\.path), folder, stopwatch.elapsed())
  }

  /// Removes a temporary set as soon as it is measured (4N events take gigabytes); keeps a kept one.
  private func removeSet(_ folder: String) {
    if request.keep == nil { try? FileManager.default.removeItem(atPath: folder) }
  }

  private func runGiven(machine: MachineInfo, work: String) throws -> BenchResult {
    let collection = InputCollector.collect(request.inputs)
    // One untimed read first: it finds what cannot be read before anything is measured, and it
    // brings the files into the page cache, as generated files are right after being written.
    progress("reading every input once before measuring")
    let (decoded, openErrors) = Ingest.decodeAll(collection.paths, options: Self.inspectOptions)
    let problems = collection.problems + openErrors
    if !problems.isEmpty { throw BenchError.unreadable(problems) }
    if !decoded.contains(where: { $0.format != nil }) { throw BenchError.noRecognisedInput(request.inputs) }
    // The run is judged at the end of what the inputs cover, so that it is the same every time.
    let now = decoded.compactMap(\.coverage?.upperBound).max() ?? RunRequest.currentTime
    let formats = try measureFiles(collection.paths)
    let (inspect, endToEnd) = try measureAll(collection.paths, now: now, work: work)
    return BenchResult(
      machine: machine, inputs: .given(request.inputs), rounds: request.rounds, formats: formats,
      inspect: inspect, endToEnd: endToEnd)
  }

  /// Where the set of `multiple` × `--events` goes: `--keep` itself, or one folder per multiple
  /// under it with `--scaling`; under the temporary work folder without `--keep`.
  private func setFolder(multiple: Int, work: String) -> String {
    guard let keep = request.keep else { return work + "/\(multiple)x" }
    return request.scaling ? keep + "/\(multiple)x" : keep
  }

  private static func makeWorkFolder() throws(BenchError) -> String {
    let path = FileManager.default.temporaryDirectory.path + "/idtrail-bench-" + UUID().uuidString
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw .cannotWrite(
        path: path, reason: "cannot create a temporary folder (\(error.localizedDescription))")
    }
    return path
  }

  // MARK: - Phases

  private static let unrecognised = "unrecognised"

  /// Each file decoded on its own, as `inspect` does; one row per format.
  private func measureFiles(_ paths: [String]) throws -> [BenchRow] {
    var rows: [String: BenchRow] = [:]
    for path in paths {
      let row = try best(of: "decoding \(path)") {
        let (inputs, errors) = Ingest.decodeAll([path], options: Self.inspectOptions)
        if !errors.isEmpty { throw BenchError.unreadable(errors) }
        return Self.row(label: inputs.first?.format?.rawValue ?? Self.unrecognised, inputs)
      }
      rows[row.label] = rows[row.label].map { $0.adding(row) } ?? row
    }
    // By format ID, unrecognised inputs last.
    func key(_ row: BenchRow) -> (Int, String) { (row.label == Self.unrecognised ? 1 : 0, row.label) }
    return rows.values.sorted { key($0) < key($1) }
  }

  /// All inputs decoded together as `inspect` does, then a full report run over them.
  private func measureAll(
    _ paths: [String], now: Timestamp, work: String, label: String? = nil
  ) throws -> (inspect: BenchRow, endToEnd: BenchRow) {
    let prefix = label.map { $0 + " " } ?? ""
    let inspect = try best(of: prefix + "inspect of all inputs") {
      let (inputs, errors) = Ingest.decodeAll(paths, options: Self.inspectOptions)
      if !errors.isEmpty { throw BenchError.unreadable(errors) }
      return Self.row(label: "inspect, all inputs", inputs)
    }
    let output = work + "/report"
    let endToEnd = try best(of: prefix + "end to end (report)") {
      let run = try Run(
        RunRequest(inputs: paths, period: nil, policy: .default, now: now), toolVersion: request.toolVersion)
      if !run.unreadable.isEmpty { throw BenchError.unreadable(run.unreadable) }
      do {
        _ = try ReportWriter.write(
          run.report, renderers: Self.renderers, context: RenderContext(), to: output)
      } catch let error as ReportWriter.WriteError {
        throw BenchError.cannotWrite(path: error.path, reason: error.reason)
      }
      return Self.row(label: "end to end (report)", run.inputs)
    }
    return (inspect, endToEnd)
  }

  /// The fastest of `request.rounds` rounds of `body`, with the largest peak of any round.
  private func best(of phase: String, _ body: () throws -> BenchRow) throws -> BenchRow {
    func round(_ number: Int) throws -> BenchRow {
      progress("\(phase), round \(number) of \(request.rounds)")
      var ((row, timing), peak) = try PeakMemory.track { try Stopwatch.measure(body) }
      row.timing = timing
      row.peak = peak
      return row
    }
    var best = try round(1)
    for number in stride(from: 2, through: request.rounds, by: 1) {
      var next = try round(number)
      next.peak = next.peak.merged(with: best.peak)
      if next.timing.wallSeconds < best.timing.wallSeconds {
        best = next
      } else {
        best.peak = next.peak
      }
    }
    return best
  }

  /// A row counting `inputs`; the caller fills in the time and the peak.
  private static func row(label: String, _ inputs: [DecodedInput]) -> BenchRow {
    BenchRow(
      label: label, files: inputs.count, bytes: inputs.reduce(0) { $0 + $1.byteCount },
      records: inputs.reduce(0) { $0 + $1.records }, events: inputs.reduce(0) { $0 + $1.eventCount },
      timing: .zero, peak: MemoryPeak(bytes: 0, scope: .phase))
  }
}
