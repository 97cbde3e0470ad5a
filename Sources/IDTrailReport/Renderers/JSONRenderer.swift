import Foundation

/// `report.json`: the report value itself, schema `idtrail.report/v1`, keys sorted.
public struct JSONRenderer: ReportRenderer {
  public init() {}

  public let identifier = "json"

  public func render(_ report: Report, context: RenderContext) throws -> [RenderedFile] {
    [RenderedFile(name: "report.json", pieces: try ReportJSONEncoding.encode(report))]
  }
}
