/// Why part of an XML input could not be read, and the line where that part starts.
public struct XMLReadError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Hashable {
    /// The document has a DOCTYPE that declares entities; idtrail refuses them before parsing
    /// (billion laughs, external SYSTEM entities).
    case declaresEntities
    /// libxml2 found the XML malformed; `message` is its words, `errorLine` where it noticed.
    case malformed(message: String, errorLine: Int)
    /// An element is nested deeper than `XMLReadLimits.maximumDepth`.
    case tooDeep(limit: Int)
    /// One element's text or one attribute value is longer than `XMLReadLimits.maximumTextBytes`.
    case textTooLong(limit: Int)
    /// A record holds more than `XMLReadLimits.maximumRecordBytes`.
    case recordTooLarge(limit: Int)
    /// The content refers to an entity other than the five predefined ones and character references.
    case entityReference(name: String)
    /// An element outside any record that is neither a record nor an element records sit in, for a
    /// format that says which those are; `expected` names its records.
    case unexpectedElement(name: String, expected: String?)
  }

  public var kind: Kind
  /// The 1-based line where the rejected record (or, outside records, the problem) starts.
  public var line: Int

  public init(_ kind: Kind, line: Int) {
    self.kind = kind
    self.line = line
  }

  public var description: String {
    switch kind {
    case .declaresEntities:
      return "the document declares entities in its DOCTYPE; idtrail does not read documents that "
        + "declare entities (they can expand without bound or read local files); "
        + "export it again without a DTD"
    case .malformed(let message, let errorLine):
      return "malformed XML (libxml2 at line \(errorLine): \(message))"
    case .tooDeep(let limit):
      return "elements are nested more than \(limit) deep; idtrail stops there to bound memory"
    case .textTooLong(let limit):
      return "a text or attribute value is longer than \(limit) bytes; idtrail stops there to bound memory"
    case .recordTooLarge(let limit):
      return "the record holds more than \(limit) bytes of text; idtrail stops there to bound memory"
    case .entityReference(let name):
      return "the record refers to the entity '&\(name);', which idtrail does not expand"
    case .unexpectedElement(let name, let expected):
      let records = expected.map { "<\($0)> records" } ?? "records"
      return "a <\(name)> element where \(records) were expected; it and everything in it were not read"
    }
  }
}
