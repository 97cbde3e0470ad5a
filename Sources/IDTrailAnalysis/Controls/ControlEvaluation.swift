import Dispatch
import IDTrailModel
import Synchronization

/// Every control judged over one period: the entry point the report and `idtrail check` call.
///
/// ```swift
/// let evaluation = ControlEvaluation(
///   trail: trail, graph: graph, correlation: correlation, policy: policy,
///   period: TimeSpan(start: periodStart, end: periodEnd), now: now, sources: inputs)
/// for result in evaluation.results { … }   // one per control, registry order
/// evaluation.findings                       // all findings, time order
/// evaluation.coverage.stages()              // per stage: inputs, covered spans, gaps
/// evaluation.terminationSample(size: 25, seed: 7)
/// ```
///
/// Pure and deterministic: the same analysis, policy, period and `now` give the same results.
public struct ControlEvaluation: Sendable {
  public let context: ControlContext
  /// One result per control, in the order `controls` lists them (by id for the registry).
  public let results: [ControlResult]

  /// Judges `controls` (all of them by default) over `context`.
  public init(context: ControlContext, controls: [any Control.Type] = ControlRegistry.all) {
    self.context = context
    // Controls read the same context and nothing else: they are judged side by side, and the
    // results kept in the order `controls` lists them.
    let judged = Mutex([ControlResult?](repeating: nil, count: controls.count))
    DispatchQueue.concurrentPerform(iterations: controls.count) { index in
      let result = controls[index].init().evaluate(context)
      judged.withLock { $0[index] = result }
    }
    results = judged.withLock { $0.compactMap { $0 } }
  }

  /// Judges every control over an analysis given as its parts.
  ///
  /// - Parameters:
  ///   - trail, graph, correlation: the analysis, under `policy`.
  ///   - period: the reporting period; evidence outside it is context, not subject.
  ///   - now: when the evaluation runs; a period that has not ended is judged up to `now`.
  ///   - sources: the inputs as read (path, format, coverage), so inputs that yielded no events
  ///     still count as given; inputs the trail's records name are added either way.
  ///   - accessReplay: the replay the caller built for its access review, so it is not built twice.
  public init(
    trail: Trail, graph: IdentityGraph, correlation: Correlation, policy: Policy, period: TimeSpan,
    now: Timestamp, sources: [EvidenceSource] = [], accessReplay: AccessReplay? = nil,
    controls: [any Control.Type] = ControlRegistry.all
  ) {
    self.init(
      context: ControlContext(
        trail: trail, graph: graph, correlation: correlation, policy: policy, period: period, now: now,
        sources: sources, accessReplay: accessReplay),
      controls: controls)
  }

  /// Judges every control over an analysis (the usual entry point).
  ///
  /// - Parameters:
  ///   - analysis: the trail, identity graph and correlation, under the analysis's policy.
  ///   - period: the reporting period.
  ///   - now: when the evaluation runs (`--now`); a period that has not ended is judged up to it.
  ///   - sources: the inputs as read (path, format, coverage); see `ControlContext`.
  ///   - accessReplay: `analysis.accessReplay(undatedSnapshotsAt:)` at the window's end, when the
  ///     caller has one already.
  public init(
    analysis: Analysis, period: TimeSpan, now: Timestamp, sources: [EvidenceSource] = [],
    accessReplay: AccessReplay? = nil, controls: [any Control.Type] = ControlRegistry.all
  ) {
    self.init(
      context: ControlContext(
        trail: analysis.trail, graph: analysis.graph, correlation: analysis.correlation,
        policy: analysis.policy, period: period, now: now, sources: sources, accessReplay: accessReplay,
        eventPeople: analysis.eventPeople),
      controls: controls)
  }

  /// Every control's findings, in time order (undated last), then by id.
  public var findings: [Finding] {
    results.flatMap(\.findings).sorted(by: Finding.precedes)
  }

  /// What the inputs cover of the window, per stage and per requirement.
  public var coverage: EvidenceCoverage { context.coverage }

  /// The result of one control, by id.
  public func result(_ id: String) -> ControlResult? {
    results.first { $0.id == id }
  }

  /// The worst status: `fail`, else `unknown`, else `pass` (not-applicable controls do not count).
  public var overallStatus: ControlStatus {
    let statuses = Set(results.map(\.status))
    if statuses.contains(.fail) { return .fail }
    if statuses.contains(.unknown) { return .unknown }
    return .pass
  }

  /// An auditor's reproducible sample of leavers, each with its whole chain of evidence.
  public func terminationSample(size: Int, seed: UInt64) -> TerminationSample {
    TerminationSample(evaluation: self, size: size, seed: seed)
  }
}
