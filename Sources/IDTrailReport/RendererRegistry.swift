/// Every output format, in the order `--help` lists them.
public enum RendererRegistry {
  public static let all: [any ReportRenderer] = [
    HTMLRenderer(),
    JSONRenderer(),
    CSVRenderer(),
    MarkdownRenderer(),
    JUnitRenderer(),
    CodeQualityRenderer(),
    MetricsRenderer(),
  ]

  /// The renderers for a comma-separated `--format` list.
  ///
  /// - Throws: `UnknownRendererError` naming the valid formats.
  public static func renderers(for list: String) throws(UnknownRendererError) -> [any ReportRenderer] {
    var chosen: [any ReportRenderer] = []
    for name in list.split(separator: ",").map({ $0.trimmingWhitespace() }) where !name.isEmpty {
      guard let renderer = all.first(where: { $0.identifier == name }) else {
        throw UnknownRendererError(requested: name, known: all.map(\.identifier))
      }
      if !chosen.contains(where: { $0.identifier == name }) { chosen.append(renderer) }
    }
    return chosen
  }
}

/// `--format` named an output format idtrail does not have.
public struct UnknownRendererError: Error, Sendable, Equatable, CustomStringConvertible {
  public var requested: String
  public var known: [String]

  public var description: String {
    "unknown output format '\(requested)'; the formats are: \(known.joined(separator: ", "))"
  }
}

extension Substring {
  fileprivate func trimmingWhitespace() -> String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
