import IDTrailModel

/// Counts the renderers share, so every format tells the same story.
extension Report {
  /// Controls per status, in the order pass, fail, unknown, not-applicable.
  public var controlStatusCounts: [(status: String, count: Int)] {
    ["fail", "unknown", "pass", "not-applicable"].map { status in
      (status, controls.filter { $0.status == status }.count)
    }
  }

  /// Findings per severity, most severe first.
  public var findingSeverityCounts: [(severity: String, count: Int)] {
    Report.severities.map { severity in (severity, findings.filter { $0.severity == severity }.count) }
  }

  /// Severities from most to least severe.
  public static let severities = ["critical", "high", "medium", "low", "info"]

  /// The person with `id`, if the report lists them.
  public func person(_ id: String) -> Person? {
    people.first { $0.id == id }
  }

  /// How a person is named in tables: their first email, else display name, else ID.
  public func personLabel(_ id: String) -> String {
    guard let person = person(id) else { return id }
    return person.emails.first ?? (person.displayName.isEmpty ? id : person.displayName)
  }

  /// The value at quantile `q` (0…1) of the leavers' end-to-end latencies, nearest-rank.
  public func leaverLatencyQuantile(_ q: Double) -> Double? {
    let values = episodes.filter { $0.kind == "leaver" }.compactMap(\.latencySeconds.endToEnd).sorted()
    guard !values.isEmpty else { return nil }
    let rank = max(1, Int((q * Double(values.count)).rounded(.up)))
    return values[min(rank, values.count) - 1]
  }
}

extension Report {
  /// Findings grouped by control, in the order the report lists its controls; findings of a
  /// control the report does not list come last, by control ID. Within a group the report's order
  /// is kept.
  public var findingsByControl: [(control: String, findings: [Finding])] {
    var groups: [String: [Finding]] = [:]
    for finding in findings { groups[finding.control, default: []].append(finding) }
    let listed = controls.map(\.id).filter { groups[$0] != nil }
    let unlisted = groups.keys.filter { id in !controls.contains { $0.id == id } }.sorted()
    var seen: Set<String> = []
    return (listed + unlisted).compactMap { id in
      guard seen.insert(id).inserted, let group = groups[id] else { return nil }
      return (id, group)
    }
  }

  /// The control with `id`, if the report lists it.
  public func control(_ id: String) -> Control? {
    controls.first { $0.id == id }
  }
}
