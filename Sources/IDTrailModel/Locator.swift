/// Points back to the source bytes of a record, so an auditor can open the exact line.
///
/// Line formats (NDJSON, CSV, logs) use `path:line`; JSON arrays and XML use `path:#N@offset`, the
/// record's index (from 1) and the byte offset where it starts.
public struct Locator: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public enum Position: Sendable, Hashable {
    /// A 1-based line number.
    case line(Int)
    /// A 1-based record index and the 0-based byte offset where the record starts.
    case record(index: Int, byteOffset: Int)
  }

  public var path: String
  public var position: Position

  public init(path: String, position: Position) {
    self.path = path
    self.position = position
  }

  public static func line(_ line: Int, in path: String) -> Locator {
    Locator(path: path, position: .line(line))
  }

  public var description: String {
    switch position {
    case .line(let line): return "\(path):\(line)"
    case .record(let index, let offset): return "\(path):#\(index)@\(offset)"
    }
  }

  private var sortKey: (String, Int, Int) {
    switch position {
    case .line(let line): return (path, line, 0)
    case .record(let index, let offset): return (path, offset, index)
    }
  }

  public static func < (lhs: Locator, rhs: Locator) -> Bool { lhs.sortKey < rhs.sortKey }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let parsed = Locator(parsing: text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a locator: \(text)")
    }
    self = parsed
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  /// Reads the text form back: `path:line` or `path:#N@offset`.
  public init?(parsing text: String) {
    guard let colon = text.lastIndex(of: ":") else { return nil }
    let path = String(text[..<colon])
    let rest = text[text.index(after: colon)...]
    if rest.hasPrefix("#"), let at = rest.firstIndex(of: "@"),
      let index = Int(rest[rest.index(after: rest.startIndex)..<at]),
      let offset = Int(rest[rest.index(after: at)...])
    {
      self.init(path: path, position: .record(index: index, byteOffset: offset))
    } else if let line = Int(rest) {
      self.init(path: path, position: .line(line))
    } else {
      return nil
    }
  }
}
