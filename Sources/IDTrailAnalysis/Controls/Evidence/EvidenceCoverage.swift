import IDTrailModel

/// Which stretches of time the inputs cover, judged against the evaluation window with the
/// policy's gap limit.
///
/// An uncovered stretch counts as missing only when it is longer than the limit
/// (`coverageGapLimitHours`, 72 by default): logs begin and end a little after and before a
/// period's bounds, and a short gap between two files is tolerated. Gaps are measured over the
/// whole window (and beyond it, when a question reaches outside), then clipped to the span a
/// question asks about, so a one-day question inside a month-long gap is missing even though a
/// day is shorter than the limit. A kind of evidence that no input supplies at all is missing
/// everywhere, whatever the limit.
public struct EvidenceCoverage: Sendable {
  /// Every input, sorted by path.
  public let sources: [EvidenceSource]
  /// From the period's start to its end (or to `now`, when that is earlier).
  public let window: TimeSpan
  public let gapLimitSeconds: Double

  public init(sources: [EvidenceSource], window: TimeSpan, gapLimitSeconds: Double) {
    self.sources = sources.sorted()
    self.window = window
    self.gapLimitSeconds = gapLimitSeconds
  }

  /// The stretches of `span` (by default the window) that no input of the kind covers.
  public func missing(_ requirement: EvidenceRequirement, in span: TimeSpan? = nil) -> [MissingEvidence] {
    let span = span ?? window
    if requirement == .gitlabSnapshot {
      return hasSnapshot(near: span.end) ? [] : [MissingEvidence(requirement: requirement, span: span)]
    }
    let covered = sources.filter(requirement.isSatisfied).compactMap(\.coverage)
    guard !covered.isEmpty else {
      return [MissingEvidence(requirement: requirement, span: span)]
    }
    let extended = TimeSpan(start: min(span.start, window.start), end: max(span.end, window.end))
    return Self.gaps(in: extended, covered: covered)
      .filter { $0.seconds > gapLimitSeconds }
      .compactMap { $0.intersection(span) }
      .map { MissingEvidence(requirement: requirement, span: $0) }
  }

  /// Whether a GitLab users or members snapshot was taken within the gap limit of `instant`.
  public func hasSnapshot(near instant: Timestamp) -> Bool {
    sources.contains { source in
      EvidenceRequirement.gitlabSnapshot.isSatisfied(by: source)
        && source.snapshots.contains { abs($0.seconds(since: instant)) <= gapLimitSeconds }
    }
  }

  /// Per stage, upstream first: the inputs, what they cover of the window and the gaps over the
  /// limit.
  public func stages() -> [StageCoverage] {
    Stage.allCases.sorted { $0.order < $1.order }.map { stage in
      let logs = sources.filter { !$0.isSnapshot && $0.stages.contains(stage) }
      let snapshots = sources.filter { $0.isSnapshot && $0.stages.contains(stage) }
      let spans = logs.compactMap(\.coverage)
      let covered = Self.merge(spans).compactMap { $0.intersection(window) }
      let gaps =
        logs.isEmpty ? [] : Self.gaps(in: window, covered: spans).filter { $0.seconds > gapLimitSeconds }
      return StageCoverage(
        stage: stage, inputs: logs.map(\.path), snapshotInputs: snapshots.map(\.path), covered: covered,
        gaps: gaps)
    }
  }

  /// Overlapping or touching spans joined, sorted.
  static func merge(_ spans: [TimeSpan]) -> [TimeSpan] {
    var merged: [TimeSpan] = []
    for span in spans.sorted() {
      if let last = merged.last, span.start <= last.end {
        merged[merged.count - 1].end = max(last.end, span.end)
      } else {
        merged.append(span)
      }
    }
    return merged
  }

  /// The stretches of `span` outside every covered span, in time order.
  static func gaps(in span: TimeSpan, covered: [TimeSpan]) -> [TimeSpan] {
    var gaps: [TimeSpan] = []
    var cursor = span.start
    for piece in merge(covered) where piece.end > cursor {
      if piece.start > span.end { break }
      if piece.start > cursor { gaps.append(TimeSpan(start: cursor, end: piece.start)) }
      cursor = max(cursor, piece.end)
    }
    if cursor < span.end { gaps.append(TimeSpan(start: cursor, end: span.end)) }
    return gaps
  }
}

/// What one stage's inputs cover of the evaluation window.
public struct StageCoverage: Sendable, Hashable, Codable {
  public var stage: Stage
  /// The logs that speak for this stage, by path.
  public var inputs: [String]
  /// The snapshots that speak for this stage, by path (they cover instants, not spans).
  public var snapshotInputs: [String]
  /// The parts of the window the logs cover, joined and sorted.
  public var covered: [TimeSpan]
  /// The uncovered stretches longer than the gap limit; empty when no log speaks for the stage.
  public var gaps: [TimeSpan]

  /// Whether no log speaks for this stage at all.
  public var isAbsent: Bool { inputs.isEmpty }
}
