/// One record read from an XML input: an element with everything inside it, copied out of libxml2
/// into plain Swift storage.
///
/// The tree is kept flat (one array of elements in document order, one of attributes, one buffer of
/// text bytes) so that reading a record costs a few allocations, not a few per element; `root` and
/// `XMLElement` present it as a tree. Strings are made only when asked for.
public struct XMLRecord: Sendable {
  struct Node: Sendable {
    var name: Int
    /// The namespace URI's index in `names`, or -1 for none.
    var namespace: Int
    var line: Int
    var parent: Int
    var firstChild = -1
    var lastChild = -1
    var nextSibling = -1
    var text: Range<Int>
    var attributes: Range<Int>
  }

  struct AttributeNode: Sendable {
    var name: Int
    var namespace: Int
    var value: Range<Int>
  }

  var nodes: [Node] = []
  var attributeNodes: [AttributeNode] = []
  var bytes: [UInt8] = []
  /// Local names and namespace URIs, shared by every record of one reading.
  var names: [String] = []

  /// The record's element.
  public var root: XMLElement { XMLElement(record: self, index: 0) }

  /// The 1-based line of the record's start tag (where it ends, when it spans lines).
  public var line: Int { nodes.first?.line ?? 0 }

  func string(_ range: Range<Int>) -> String {
    bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
    }
  }
}

/// An element of an `XMLRecord`: its name, namespace, attributes, text and child elements.
public struct XMLElement: Sendable {
  let record: XMLRecord
  let index: Int

  private var node: XMLRecord.Node { record.nodes[index] }

  /// The local name (without prefix).
  public var name: String { record.names[node.name] }

  /// The namespace URI, or nil when the element is in no namespace.
  public var namespace: String? {
    let namespace = node.namespace
    return namespace < 0 ? nil : record.names[namespace]
  }

  /// The line of the start tag (1-based; where the tag ends, when it spans lines).
  public var line: Int { node.line }

  /// The character data directly inside this element (not its children's), entities resolved.
  /// Indentation around child elements is dropped.
  public var text: String { record.string(node.text) }

  /// `text` without leading and trailing white space.
  public var trimmedText: String {
    var range = node.text
    let bytes = record.bytes
    while let first = range.first, Self.isSpace(bytes[first]) { range = (first + 1)..<range.upperBound }
    while let last = range.last, Self.isSpace(bytes[last]) { range = range.lowerBound..<last }
    return record.string(range)
  }

  /// Whether the element has no text, or only white space.
  public var hasText: Bool { node.text.contains { !Self.isSpace(record.bytes[$0]) } }

  /// The child elements, in document order.
  public var children: [XMLElement] {
    var result: [XMLElement] = []
    forEachChild { result.append($0) }
    return result
  }

  /// Calls `body` with each child element in document order.
  public func forEachChild(_ body: (XMLElement) -> Void) {
    var child = node.firstChild
    while child >= 0 {
      body(XMLElement(record: record, index: child))
      child = record.nodes[child].nextSibling
    }
  }

  /// The first child whose local name is `name` (compared exactly, or ignoring ASCII case).
  public func child(_ name: String, ignoringCase: Bool = false) -> XMLElement? {
    var child = node.firstChild
    while child >= 0 {
      if Self.same(record.names[record.nodes[child].name], name, ignoringCase: ignoringCase) {
        return XMLElement(record: record, index: child)
      }
      child = record.nodes[child].nextSibling
    }
    return nil
  }

  /// The children whose local name is `name`.
  public func children(_ name: String, ignoringCase: Bool = false) -> [XMLElement] {
    var result: [XMLElement] = []
    forEachChild { if Self.same($0.name, name, ignoringCase: ignoringCase) { result.append($0) } }
    return result
  }

  /// The trimmed text of the first child named `name`, or nil when there is no such child or its text
  /// is empty.
  public func childText(_ name: String, ignoringCase: Bool = false) -> String? {
    guard let child = child(name, ignoringCase: ignoringCase) else { return nil }
    let text = child.trimmedText
    return text.isEmpty ? nil : text
  }

  /// The attributes, in document order (namespace declarations are not attributes).
  public var attributes: [XMLAttribute] {
    record.attributeNodes[node.attributes].map { attribute in
      XMLAttribute(
        name: record.names[attribute.name],
        namespace: attribute.namespace < 0 ? nil : record.names[attribute.namespace],
        value: record.string(attribute.value))
    }
  }

  /// The value of the attribute whose local name is `name`, or nil.
  public func attribute(_ name: String) -> String? {
    for attribute in record.attributeNodes[node.attributes] where record.names[attribute.name] == name {
      return record.string(attribute.value)
    }
    return nil
  }

  /// Calls `body` with each child element that has an attribute named `attribute`, and the UTF-8
  /// bytes of that attribute's value: a way to pick children by a key (Windows' `<Data Name=…>`)
  /// without making a string per child.
  public func forEachChild(
    keyedBy attribute: String, _ body: (_ key: UnsafeBufferPointer<UInt8>, _ child: XMLElement) -> Void
  ) {
    guard let nameIndex = record.names.firstIndex(of: attribute) else { return }
    record.bytes.withUnsafeBufferPointer { bytes in
      var child = node.firstChild
      while child >= 0 {
        let childNode = record.nodes[child]
        for attributeNode in record.attributeNodes[childNode.attributes] where attributeNode.name == nameIndex
        {
          body(
            UnsafeBufferPointer(rebasing: bytes[attributeNode.value]),
            XMLElement(record: record, index: child))
          break
        }
        child = childNode.nextSibling
      }
    }
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private static func same(_ lhs: String, _ rhs: String, ignoringCase: Bool) -> Bool {
    guard ignoringCase else { return lhs == rhs }
    return lhs.utf8.count == rhs.utf8.count
      && zip(lhs.utf8, rhs.utf8).allSatisfy { asciiLower($0) == asciiLower($1) }
  }

  private static func asciiLower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }
}

/// An attribute of an element.
public struct XMLAttribute: Sendable, Hashable {
  /// The local name (without prefix).
  public var name: String
  /// The namespace URI, or nil for an unprefixed attribute.
  public var namespace: String?
  public var value: String

  public init(name: String, namespace: String?, value: String) {
    self.name = name
    self.namespace = namespace
    self.value = value
  }
}
