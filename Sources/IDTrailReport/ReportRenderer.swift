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
public struct RenderedFile: Sendable {
  /// The file name, relative to the output folder.
  public var name: String
  /// The file's bytes, in pieces written one after another: a large report's JSON is written from
  /// the slices it was encoded in, never joined into one string first.
  public var pieces: [ArraySlice<UInt8>]

  public init(name: String, contents: String) {
    self.init(name: name, pieces: [ArraySlice(contents.utf8)])
  }

  public init(name: String, pieces: [ArraySlice<UInt8>]) {
    self.name = name
    self.pieces = pieces
  }

  /// The file's text, its pieces joined.
  public var contents: String { String(decoding: pieces.joined(), as: UTF8.self) }
}

extension RenderedFile: Equatable {
  /// Files are equal when their names and bytes are, however the bytes are cut into pieces.
  public static func == (lhs: RenderedFile, rhs: RenderedFile) -> Bool {
    lhs.name == rhs.name && lhs.pieces.joined().elementsEqual(rhs.pieces.joined())
  }
}
