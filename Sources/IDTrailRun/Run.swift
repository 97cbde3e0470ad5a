import Dispatch
import IDTrailAnalysis
import IDTrailIngest
import IDTrailModel
import IDTrailReport
import Synchronization

/// One `report` or `check` run: read the inputs, analyse them, judge the controls, build the report.
public struct Run: Sendable {
  /// Every input as read, in input order, with its accounting; its events are in the analysis's
  /// trail (`analysis.trail.events`), not here.
  public let inputs: [DecodedInput]
  /// Paths that could not be read at all.
  public let unreadable: [InputError]
  public let analysis: Analysis
  public let evaluation: ControlEvaluation
  public let report: Report

  /// How the run ended, for the exit code (before any control is looked at).
  public enum InputStatus: Sendable, Equatable {
    case readable
    /// A path could not be opened (exit 74).
    case inputUnreadable
    /// No input was recognised as any format (exit 65).
    case noRecognisedInput
  }

  public var inputStatus: InputStatus {
    if !unreadable.isEmpty { return .inputUnreadable }
    if !inputs.contains(where: { $0.format != nil }) { return .noRecognisedInput }
    return .readable
  }

  /// Runs `request`, with `toolVersion` stamped into the report, telling `progress` which input it
  /// reads and when it moves on to the analysis.
  public init(
    _ request: RunRequest, toolVersion: String, progress: (RunProgress) -> Void = { _ in }
  ) throws(UnknownFormatError) {
    let forced = try request.forcedFormat.map { format throws(UnknownFormatError) in
      try DecoderRegistry.decoder(for: format)
    }
    // Sorted, so that the order inputs are named in changes nothing in the report.
    var collection = InputCollector.collect(request.inputs)
    collection.paths.sort()
    var inputs: [DecodedInput] = []
    // Inputs are hashed on another thread. A mapped file waits until every input is read: the
    // decoders use all cores, and the analysis one. Mapped files are hashed one after another, on
    // the core the analysis leaves free; hashed side by side, they took the analysis's core too.
    // An input held in memory (standard input, gzip) is hashed at once, so that its bytes can go.
    let digests = Mutex([Int: String]())
    let hashing = DispatchGroup()
    let deferredHashing = DispatchQueue(label: "idtrail.input-digests")
    deferredHashing.suspend()
    var unreadable = collection.problems
    for (index, path) in collection.paths.enumerated() {
      progress(.reading(index: index + 1, total: collection.paths.count, path: path))
      do {
        let bytes = try InputBytes.open(path)
        let input = Ingest.decode(bytes, forced: forced, options: request.decodeOptions)
        let position = inputs.count
        inputs.append(input)
        let queue = bytes.origin == .mapped ? deferredHashing : DispatchQueue.global()
        queue.async(group: hashing) {
          let digest = InputDigest.sha256(of: bytes)
          digests.withLock { $0[position] = digest }
        }
      } catch {
        unreadable.append(error)
      }
    }
    progress(.analysing(inputs: inputs.count))
    deferredHashing.resume()
    var eventGroups = inputs.indices.flatMap { inputs[$0].takeEventRuns() }
    let period = request.period ?? Self.coverage(of: inputs, fallback: request.now)
    let facts = inputs.flatMap(\.facts)
    // Each event is moved once more, into its place in the trail.
    let analysis = Analysis(eventGroups: &eventGroups, facts: facts, policy: request.policy, until: period.end)
    let span = TimeSpan(start: period.start, end: period.end)
    let replay = analysis.accessReplay(undatedSnapshotsAt: period.end)
    let sources = inputs.compactMap { Self.source(of: $0, period: span) }
    let evaluation = ControlEvaluation(
      analysis: analysis, period: span, now: request.now, sources: sources, accessReplay: replay)
    self.inputs = inputs
    self.unreadable = unreadable
    self.analysis = analysis
    self.evaluation = evaluation
    // The report is put together while the last inputs are still being hashed (the hashing ends
    // after the analysis), and their digests filled in when it ends.
    var report =
      ReportAssembler(
        inputs: inputs, digests: Array(repeating: "", count: inputs.count), analysis: analysis,
        evaluation: evaluation, replay: replay, period: span, toolVersion: toolVersion
      ).report
    hashing.wait()
    digests.withLock { found in
      for index in report.inputs.indices { report.inputs[index].sha256 = found[index] ?? "" }
    }
    self.report = report
  }

  /// From the earliest to the latest event of all inputs; `fallback` when there is none.
  private static func coverage(of inputs: [DecodedInput], fallback: Timestamp) -> (
    start: Timestamp, end: Timestamp
  ) {
    let spans = inputs.compactMap(\.coverage)
    guard let start = spans.map(\.lowerBound).min(), let end = spans.map(\.upperBound).max() else {
      return (fallback, fallback)
    }
    return (start, end)
  }

  /// What the controls need to know of an input: its format, what it covers, when its snapshots
  /// were taken.
  private static func source(of input: DecodedInput, period: TimeSpan) -> EvidenceSource? {
    guard let format = input.format else { return nil }
    let coverage = input.coverage.map { TimeSpan(start: $0.lowerBound, end: $0.upperBound) }
    let snapshots = input.facts.map { $0.asOf ?? period.end }
    return EvidenceSource(path: input.path, format: format, coverage: coverage, snapshots: snapshots)
  }
}
