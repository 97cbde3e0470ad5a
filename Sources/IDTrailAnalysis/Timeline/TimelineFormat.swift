/// The output formats of `idtrail timeline`.
public enum TimelineFormat: String, Sendable, Hashable, CaseIterable {
  /// Aligned columns for a terminal.
  case text
  /// One JSON document (sorted keys), for tools.
  case json
  /// Timesketch-compatible CSV: `datetime`, `timestamp_desc` and `message` first.
  case csv

  /// Renders `timeline` with times shown in `timeZone`.
  public func render(_ timeline: Timeline, timeZone: DisplayTimeZone = .utc) throws -> String {
    switch self {
    case .text: return TimelineTextRenderer(timeZone: timeZone).render(timeline)
    case .json: return try TimelineJSONRenderer(timeZone: timeZone).render(timeline)
    case .csv: return TimelineCSVRenderer(timeZone: timeZone).render(timeline)
    }
  }
}
