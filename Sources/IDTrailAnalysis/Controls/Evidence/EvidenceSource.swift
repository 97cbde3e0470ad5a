import Dispatch
import IDTrailModel
import Synchronization

/// One input as the controls see it: its format, the stages its records speak for, and the time
/// it covers.
///
/// A log covers the span from its first to its last record; quiet stretches inside one input are
/// not gaps (a quiet IdP is not a missing one). A snapshot (users, members, SCIM resources)
/// covers no span: it states what was true at its `asOf` instant, listed in `snapshots`.
public struct EvidenceSource: Sendable, Hashable, Codable, Comparable {
  public var path: String
  public var format: FormatID
  /// The stages this input speaks for: its format's (`api_json.log` is `scim` and `gitlab`), plus
  /// those of the records it yielded (an Okta System Log speaks for `scim` too once it holds
  /// provisioning pushes).
  public var stages: [Stage]
  /// From the first to the last record; nil for snapshots and for inputs that yielded nothing.
  public var coverage: TimeSpan?
  /// For snapshots: the instants they were taken at, sorted; an undated snapshot counts as taken
  /// at the period's end.
  public var snapshots: [Timestamp]

  public init(
    path: String, format: FormatID, coverage: TimeSpan?, stages: [Stage]? = nil, snapshots: [Timestamp] = []
  ) {
    self.path = path
    self.format = format
    self.stages = stages ?? Self.stages(of: format)
    self.coverage = Self.isSnapshot(format) ? nil : coverage
    self.snapshots = Array(Set(snapshots)).sorted()
  }

  /// Whether the format is a state export rather than a log.
  public var isSnapshot: Bool { Self.isSnapshot(format) }

  public static func < (lhs: EvidenceSource, rhs: EvidenceSource) -> Bool {
    (lhs.path, lhs.format) < (rhs.path, rhs.format)
  }

  /// The inputs a trail's records came from, one per path: a log's coverage spans its events, a
  /// snapshot lists its facts' `asOf` instants (undated facts at `undatedAt`).
  public static func sources(in trail: Trail, undatedAt: Timestamp) -> [EvidenceSource] {
    // The events are read in runs side by side (one pass over millions of them held a core while
    // the other waited), and the runs' tallies joined in order, so the first event of a path
    // still names its format.
    let events = trail.events
    let runs = max(1, min(Self.mostRuns, events.count / Self.minimumRun))
    let tallies = Mutex([SourceTally?](repeating: nil, count: runs))
    DispatchQueue.concurrentPerform(iterations: runs) { run in
      var tally = SourceTally()
      events.withUnsafeBufferPointer { events in
        guard let first = events.baseAddress else { return }
        for index in (events.count * run / runs)..<(events.count * (run + 1) / runs) {
          tally.include(first + index)
        }
      }
      tallies.withLock { $0[run] = tally }
    }
    var total = SourceTally()
    for tally in tallies.withLock({ $0 }) {
      if let tally { total.add(tally) }
    }
    for fact in trail.facts {
      total.entries[total.entry(fact.locator.path, fact.source)].snapshots.insert(fact.asOf ?? undatedAt)
    }
    return zip(total.paths, total.entries).map { path, entry in
      EvidenceSource(
        path: path, format: entry.format, coverage: entry.span,
        stages: Array(Set(stages(of: entry.format)).union(entry.stages)).sorted { $0.order < $1.order },
        snapshots: Array(entry.snapshots))
    }.sorted()
  }

  /// Events below which a run is not worth a thread.
  private static let minimumRun = 1 << 16
  /// Runs at most: enough to keep a machine's cores busy whatever each run holds.
  private static let mostRuns = 16

  /// Joins inputs that name the same path: spans grow to cover both, stages and snapshots unite.
  static func merged(_ sources: [EvidenceSource]) -> [EvidenceSource] {
    var byPath: [String: EvidenceSource] = [:]
    for source in sources {
      guard var existing = byPath[source.path] else {
        byPath[source.path] = source
        continue
      }
      switch (existing.coverage, source.coverage) {
      case (let left?, let right?):
        existing.coverage = TimeSpan(start: min(left.start, right.start), end: max(left.end, right.end))
      case (nil, let right?):
        existing.coverage = right
      default:
        break
      }
      existing.stages = Array(Set(existing.stages).union(source.stages)).sorted { $0.order < $1.order }
      existing.snapshots = Array(Set(existing.snapshots).union(source.snapshots)).sorted()
      byPath[source.path] = existing
    }
    return byPath.values.sorted()
  }

  /// The stages a format's records belong to (DESIGN §2); formats not listed count as GitLab's
  /// when their ID starts with `gitlab.`, else as the IdP's.
  public static func stages(of format: FormatID) -> [Stage] {
    switch format {
    case .gitlabAPILog: return [.scim, .gitlab]
    case .scimHAR, .scimResources, .scimV1XML, .spmlXML: return [.scim]
    case .entraProvisioning: return [.scim]
    case .oktaSystemLog, .entraAudit, .googleAdmin: return [.idp]
    case .windowsSecurityXML: return [.directory]
    default: return format.rawValue.hasPrefix("gitlab.") ? [.gitlab] : [.idp]
    }
  }

  /// Whether a format is a state export: users, members, SCIM resources.
  public static func isSnapshot(_ format: FormatID) -> Bool {
    format == .gitlabUsers || format == .gitlabMembers || format == .scimResources
  }
}

extension Stage {
  /// Upstream first: directory, idp, scim, gitlab.
  var order: Int {
    switch self {
    case .directory: return 0
    case .idp: return 1
    case .scim: return 2
    case .gitlab: return 3
    }
  }
}

/// What the records of each path say, for `EvidenceSource.sources`: its format, the span of its
/// events, the stages they spoke for, its snapshots' instants.
private struct SourceTally {
  struct Entry {
    var format: FormatID
    var span: TimeSpan?
    /// One bit per stage (at its `order`) that a record spoke for.
    var stageBits: UInt8 = 0
    var snapshots: Set<Timestamp> = []

    mutating func include(_ time: Timestamp, _ stage: Stage) {
      widen(to: TimeSpan(start: time, end: time))
      stageBits |= Self.bit(stage)
    }

    mutating func widen(to other: TimeSpan) {
      span = span.map { TimeSpan(start: min($0.start, other.start), end: max($0.end, other.end)) } ?? other
    }

    static func bit(_ stage: Stage) -> UInt8 { 1 << UInt8(stage.order) }

    var stages: Set<Stage> { Set(Stage.allCases.filter { stageBits & Self.bit($0) != 0 }) }
  }

  var entries: [Entry] = []
  var paths: [String] = []
  private var entryOfPath: [String: Int] = [:]

  /// The entry for `path`, made for `format` when it is new. A run names a few inputs, so their
  /// paths are compared one by one (the events of one part of an input share their path's storage,
  /// which compares as a pointer) before any is hashed: this is asked for each of millions of
  /// events.
  mutating func entry(_ path: String, _ format: FormatID) -> Int {
    if paths.count <= 8 {
      if let found = paths.firstIndex(of: path) { return found }
    } else if let found = entryOfPath[path] {
      return found
    }
    entries.append(Entry(format: format))
    paths.append(path)
    entryOfPath[path] = entries.count - 1
    return entries.count - 1
  }

  /// Reads the four fields it needs through the pointer: taking the event by value copied it
  /// whole (a retain and a release of each of its strings and lists, for every event).
  mutating func include(_ event: UnsafePointer<IdentityEvent>) {
    entries[entry(event.pointee.locator.path, event.pointee.source)]
      .include(event.pointee.time, event.pointee.stage)
  }

  /// Adds what a later run of events said.
  mutating func add(_ later: SourceTally) {
    for (path, other) in zip(later.paths, later.entries) {
      let index = entry(path, other.format)
      if let span = other.span { entries[index].widen(to: span) }
      entries[index].stageBits |= other.stageBits
      entries[index].snapshots.formUnion(other.snapshots)
    }
  }
}
