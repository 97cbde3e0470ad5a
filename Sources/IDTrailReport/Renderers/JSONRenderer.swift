import Foundation

/// `report.json`: the report value itself, schema `idtrail.report/v1`, keys sorted.
public struct JSONRenderer: ReportRenderer {
  public init() {}

  public let identifier = "json"

  public func render(_ report: Report, context: RenderContext) throws -> [RenderedFile] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let text = String(decoding: try encoder.encode(report), as: UTF8.self)
    return [RenderedFile(name: "report.json", contents: text + "\n")]
  }
}
