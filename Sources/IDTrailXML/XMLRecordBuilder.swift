/// Builds one `XMLRecord` at a time from the reader's nodes, reusing its storage from record to
/// record when the previous record was not kept.
struct XMLRecordBuilder {
  private(set) var record = XMLRecord()
  private var indexByName: [String: Int] = [:]
  /// The indices of the elements whose end tag has not been read yet.
  private var open: [Int] = []

  /// Whether a record is being built.
  var isBuilding: Bool { !open.isEmpty }

  /// The text bytes held by the record so far.
  var byteCount: Int { record.bytes.count }

  /// The index of `name` in the record's name table, adding it when new.
  mutating func nameIndex(_ name: String) -> Int {
    if let index = indexByName[name] { return index }
    let index = record.names.count
    record.names.append(name)
    indexByName[name] = index
    return index
  }

  func name(at index: Int) -> String { record.names[index] }

  /// Starts a new record, dropping the previous one's elements.
  mutating func begin() {
    record.nodes.removeAll(keepingCapacity: true)
    record.attributeNodes.removeAll(keepingCapacity: true)
    record.bytes.removeAll(keepingCapacity: true)
    open.removeAll(keepingCapacity: true)
  }

  /// Drops the record being built.
  mutating func abandon() {
    open.removeAll(keepingCapacity: true)
  }

  /// Opens an element inside the current one (or the record's root when none is open).
  mutating func openElement(name: Int, namespace: Int, line: Int) {
    let index = record.nodes.count
    let parent = open.last ?? -1
    let end = record.bytes.count
    let attributeEnd = record.attributeNodes.count
    record.nodes.append(
      XMLRecord.Node(
        name: name, namespace: namespace, line: line, parent: parent, text: end..<end,
        attributes: attributeEnd..<attributeEnd))
    if parent >= 0 {
      let previous = record.nodes[parent].lastChild
      if previous >= 0 {
        record.nodes[previous].nextSibling = index
      } else {
        record.nodes[parent].firstChild = index
      }
      record.nodes[parent].lastChild = index
    }
    open.append(index)
  }

  /// Adds an attribute to the element opened last.
  mutating func appendAttribute(name: Int, namespace: Int, value: UnsafeBufferPointer<UInt8>) {
    guard let current = open.last else { return }
    let start = record.bytes.count
    record.bytes.append(contentsOf: value)
    record.attributeNodes.append(
      XMLRecord.AttributeNode(name: name, namespace: namespace, value: start..<record.bytes.count))
    record.nodes[current].attributes =
      record.nodes[current].attributes.lowerBound..<record.attributeNodes.count
  }

  /// Whether the open element already has child elements.
  var currentHasChildren: Bool {
    guard let current = open.last else { return false }
    return record.nodes[current].firstChild >= 0
  }

  /// How many text bytes the open element holds.
  var currentTextCount: Int {
    guard let current = open.last else { return 0 }
    return record.nodes[current].text.count
  }

  /// Appends character data to the open element.
  mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
    guard let current = open.last else { return }
    let existing = record.nodes[current].text
    if existing.isEmpty {
      let start = record.bytes.count
      record.bytes.append(contentsOf: text)
      record.nodes[current].text = start..<record.bytes.count
    } else if existing.upperBound == record.bytes.count {
      record.bytes.append(contentsOf: text)
      record.nodes[current].text = existing.lowerBound..<record.bytes.count
    } else {
      // Text after a child element: move the element's earlier text to the end, then append.
      let start = record.bytes.count
      record.bytes.append(contentsOf: Array(record.bytes[existing]))
      record.bytes.append(contentsOf: text)
      record.nodes[current].text = start..<record.bytes.count
    }
  }

  /// Closes the open element; indentation around its children is dropped.
  mutating func closeElement() {
    guard let current = open.popLast() else { return }
    let node = record.nodes[current]
    if node.firstChild >= 0 && !node.text.isEmpty
      && record.bytes[node.text].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
    {
      record.nodes[current].text = node.text.lowerBound..<node.text.lowerBound
    }
  }
}
