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
  private var storage: Storage

  /// A rendered file's bytes: the text most renderers make, or pieces to be written one after
  /// another (a large report's JSON, written from the slices it was encoded in, never joined).
  private enum Storage: Sendable {
    case text(String)
    case pieces([ArraySlice<UInt8>])
  }

  public init(name: String, contents: String) {
    self.name = name
    self.storage = .text(contents)
  }

  public init(name: String, pieces: [ArraySlice<UInt8>]) {
    self.name = name
    self.storage = .pieces(pieces)
  }

  /// The file's text (its pieces joined).
  public var contents: String {
    switch storage {
    case .text(let text): text
    case .pieces(let pieces): String(decoding: pieces.joined(), as: UTF8.self)
    }
  }

  /// How many pieces the file is written in.
  public var pieceCount: Int {
    switch storage {
    case .text: 1
    case .pieces(let pieces): pieces.count
    }
  }

  /// Calls `body` with the file's bytes, piece after piece, where they are (no copy is made).
  public func forEachPiece(_ body: (UnsafeRawBufferPointer) -> Void) {
    switch storage {
    case .text(var text):
      text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    case .pieces(let pieces):
      for piece in pieces { piece.withUnsafeBytes(body) }
    }
  }
}

extension RenderedFile: Equatable {
  /// Files are equal when their names and bytes are, however the bytes are cut into pieces.
  public static func == (lhs: RenderedFile, rhs: RenderedFile) -> Bool {
    lhs.name == rhs.name && lhs.contents == rhs.contents
  }
}
