import IDTrailModel

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
    struct Entry {
      var format: FormatID
      var span: TimeSpan?
      /// One bit per stage (`Stage.allCases` order) that a record spoke for.
      var stageBits: UInt8 = 0
      var snapshots: Set<Timestamp> = []

      mutating func include(_ time: Timestamp, _ stage: Stage) {
        span = span.map { TimeSpan(start: min($0.start, time), end: max($0.end, time)) }
          ?? TimeSpan(start: time, end: time)
        stageBits |= Self.bit(stage)
      }

      static func bit(_ stage: Stage) -> UInt8 {
        switch stage {
        case .directory: 1
        case .idp: 2
        case .scim: 4
        case .gitlab: 8
        }
      }

      var stages: Set<Stage> { Set(Stage.allCases.filter { stageBits & Self.bit($0) != 0 }) }
    }
    var entries: [Entry] = []
    var paths: [String] = []
    var entryOfPath: [String: Int] = [:]
    /// The entry for `path`, made for `format` when it is new. A run names a few inputs, so their
    /// paths are compared one by one (equal storage compares as a pointer) before any is hashed:
    /// this is asked for each of millions of events.
    func entry(_ path: String, _ format: FormatID) -> Int {
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
    trail.events.withUnsafeBufferPointer { events in
      for index in events.indices {
        entries[entry(events[index].locator.path, events[index].source)]
          .include(events[index].time, events[index].stage)
      }
    }
    for fact in trail.facts {
      entries[entry(fact.locator.path, fact.source)].snapshots.insert(fact.asOf ?? undatedAt)
    }
    return zip(paths, entries).map { path, entry in
      EvidenceSource(
        path: path, format: entry.format, coverage: entry.span,
        stages: Array(Set(stages(of: entry.format)).union(entry.stages)).sorted { $0.order < $1.order },
        snapshots: Array(entry.snapshots))
    }.sorted()
  }

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
