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
