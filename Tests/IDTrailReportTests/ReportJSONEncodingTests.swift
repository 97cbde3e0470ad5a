import Foundation
import Testing

@testable import IDTrailReport

/// The spliced encoding gives the bytes one `JSONEncoder` gives, however the arrays are sliced.
@Suite struct ReportJSONEncodingTests {
  /// The sample report with each long array repeated, and one person without emails (an empty
  /// array inside a slice, whose blank line must stay unindented).
  private static var longReport: Report {
    var report = ReportSample.report
    report.people = Array(repeating: report.people, count: 4).flatMap { $0 }
    report.people[1].emails = []
    report.episodes = Array(repeating: report.episodes, count: 3).flatMap { $0 }
    report.findings = Array(repeating: report.findings, count: 5).flatMap { $0 }
    report.rejections = Array(repeating: report.rejections, count: 2).flatMap { $0 }
    report.accessReview = Array(repeating: report.accessReview, count: 3).flatMap { $0 }
    return report
  }

  /// The text of encoded pieces, joined.
  private static func text(_ pieces: [ArraySlice<UInt8>]) -> String {
    String(decoding: pieces.joined(), as: UTF8.self)
  }

  private static func oneEncoder(_ report: Report) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
  }

  @Test(arguments: [1, 2, 3, 7, ReportJSONEncoding.defaultSliceSize])
  func slicedIsTheSameAsOneEncoder(sliceSize: Int) throws {
    let report = Self.longReport
    let pieces = try ReportJSONEncoding.encode(report, sliceSize: sliceSize)
    #expect(Self.text(pieces) == (try Self.oneEncoder(report)))
  }

  @Test func reportWithEmptyArraysIsTheSameAsOneEncoder() throws {
    var report = ReportSample.report
    report.people = []
    report.findings = []
    report.accessReview = []
    #expect(Self.text(try ReportJSONEncoding.encode(report, sliceSize: 1)) == (try Self.oneEncoder(report)))
  }

  @Test func theRendererWritesTheSplicedText() throws {
    let report = Self.longReport
    let file = try #require(try JSONRenderer().render(report, context: RenderContext()).first)
    #expect(file.name == "report.json")
    #expect(file.contents == (try Self.oneEncoder(report)))
    // Written from the slices, not one joined string.
    #expect(file.pieceCount > 3)
  }
}
