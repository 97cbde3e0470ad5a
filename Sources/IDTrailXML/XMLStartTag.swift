/// What the reader knows of an element outside any record when its start tag is read: enough for
/// a format to say whether the element is one of its records.
public struct XMLStartTag: Sendable {
  /// The local name (without prefix).
  public var name: String
  /// The namespace URI, or nil.
  public var namespace: String?
  /// 1 for a top-level element (the document's root, or each element of a root-less run).
  public var depth: Int
  /// The local name of the enclosing element, or nil at the top level.
  public var parent: String?

  public init(name: String, namespace: String?, depth: Int, parent: String?) {
    self.name = name
    self.namespace = namespace
    self.depth = depth
    self.parent = parent
  }
}

/// One thing the reader hands out: a record, or a rejection with its line and reason.
public enum XMLReadResult: Sendable {
  case record(XMLRecord)
  case rejected(XMLReadError)
}
