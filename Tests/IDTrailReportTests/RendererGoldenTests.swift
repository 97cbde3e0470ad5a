import Foundation
import Testing

@testable import IDTrailReport

/// The shared sample report through every renderer, one golden file per output file.
@Suite struct RendererGoldenTests {
  @Test(arguments: RendererRegistry.all.map(\.identifier))
  func matchesGolden(identifier: String) throws {
    let renderer = try #require(try RendererRegistry.renderers(for: identifier).first)
    for file in try renderer.render(ReportSample.report, context: RenderContext()) {
      assertGolden(file.contents, named: file.name)
    }
  }

  @Test(arguments: RendererRegistry.all.map(\.identifier))
  func rendersTheSameBytesTwice(identifier: String) throws {
    let renderer = try #require(try RendererRegistry.renderers(for: identifier).first)
    let first = try renderer.render(ReportSample.report, context: RenderContext())
    let second = try renderer.render(ReportSample.report, context: RenderContext())
    #expect(first == second)
  }

  @Test func registryIdentifiersAreUnique() {
    let identifiers = RendererRegistry.all.map(\.identifier)
    #expect(Set(identifiers).count == identifiers.count)
    #expect(identifiers == ["html", "json", "csv", "md", "junit", "codequality", "metrics"])
  }

  @Test func unknownFormatNamesTheValidOnes() {
    #expect(throws: UnknownRendererError(requested: "pdf", known: RendererRegistry.all.map(\.identifier))) {
      try RendererRegistry.renderers(for: "json,pdf")
    }
    #expect(
      "\(UnknownRendererError(requested: "pdf", known: ["html", "json"]))"
        == "unknown output format 'pdf'; the formats are: html, json")
  }

  @Test func formatListIsDeduplicatedInOrder() throws {
    #expect(try RendererRegistry.renderers(for: "csv, json,csv").map(\.identifier) == ["csv", "json"])
  }
}
