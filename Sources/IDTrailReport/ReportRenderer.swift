/// Renders a `Report` into one output format.
///
/// One renderer per file under `Renderers/`, listed once in `RendererRegistry.all`. A renderer is a
/// pure function of the report and the context: it never reads the clock or the environment, so the
/// same report renders to the same bytes. Everything that came from an input is escaped for the
/// output format (`Escaping`).
public protocol ReportRenderer: Sendable {
  /// The name `--format` takes (`html`, `json`, …).
  var identifier: String { get }
  /// Renders the report as one or more files, named relative to the output folder.
  func render(_ report: Report, context: RenderContext) throws -> [RenderedFile]
}

/// One file a renderer produces.
public struct RenderedFile: Sendable, Equatable {
  /// The file name, relative to the output folder.
  public var name: String
  public var contents: String

  public init(name: String, contents: String) {
    self.name = name
    self.contents = contents
  }
}
