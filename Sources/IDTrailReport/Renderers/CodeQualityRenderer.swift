import Foundation
import IDTrailModel

/// `gl-code-quality-report.json`: findings as GitLab Code Quality issues, so a merge request shows
/// them. The location is the finding's first evidence locator (file and line; record locators
/// point at line 1 of their file).
public struct CodeQualityRenderer: ReportRenderer {
  public init() {}

  public let identifier = "codequality"

  private struct Issue: Encodable {
    var description: String
    var checkName: String
    var fingerprint: String
    var severity: String
    var location: Location

    enum CodingKeys: String, CodingKey {
      case description, fingerprint, severity, location
      case checkName = "check_name"
    }
  }

  private struct Location: Encodable {
    var path: String
    var lines: Lines
  }

  private struct Lines: Encodable {
    var begin: Int
  }

  public func render(_ report: Report, context: RenderContext) throws -> [RenderedFile] {
    let issues = report.findings.map { finding in
      let locator = finding.evidence.first.flatMap { Locator(parsing: $0.locator) }
      let line: Int
      if case .line(let number)? = locator?.position { line = number } else { line = 1 }
      return Issue(
        description: "\(finding.control): \(finding.summary)", checkName: finding.control,
        fingerprint: finding.id, severity: Self.severity(finding.severity),
        location: Location(path: locator?.path ?? "idtrail", lines: Lines(begin: line)))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let text = String(decoding: try encoder.encode(issues), as: UTF8.self)
    return [RenderedFile(name: "gl-code-quality-report.json", contents: text + "\n")]
  }

  /// Code Quality's scale is info, minor, major, critical, blocker.
  private static func severity(_ severity: String) -> String {
    switch severity {
    case "critical": return "critical"
    case "high": return "major"
    case "medium": return "minor"
    default: return "info"
    }
  }
}
