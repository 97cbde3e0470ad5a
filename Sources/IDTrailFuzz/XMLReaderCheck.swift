import IDTrailXML

/// The `xml` target: reads the input with a resume tag (as Windows events are read) and with the
/// root's children as records (as SCIM 1.1 and SPML are read), whole and split into parts as the
/// parallel path splits large inputs, and walks every record it gets.
enum XMLReaderCheck {
  private static let readers = [
    XMLRecordReader(resumeTag: "Event") { $0.name == "Event" },
    XMLRecordReader { $0.depth == 2 },
    XMLRecordReader(limits: XMLReadLimits(maximumDepth: 4, maximumTextBytes: 64, maximumRecordBytes: 256)) {
      $0.depth == 1
    },
  ]

  static func run(_ bytes: UnsafeRawBufferPointer) {
    // libxml2 counts a lone CR as a line break too.
    let lines = bytes.reduce(1) { $1 == 0x0A || $1 == 0x0D ? $0 + 1 : $0 }
    for reader in readers {
      reader.read(bytes) { check($0, lines: lines) }
      for part in reader.parts(of: bytes, count: 4) {
        precondition(
          part.byteRange.lowerBound >= 0 && part.byteRange.upperBound <= bytes.count,
          "part \(part.byteRange) outside the input")
        reader.read(bytes, part: part) { check($0, lines: lines) }
      }
    }
  }

  private static func check(_ result: XMLReadResult, lines: Int) {
    switch result {
    case .record(let record):
      precondition((1...lines).contains(record.line), "record at line \(record.line) of \(lines)")
      var budget = 10_000
      walk(record.root, lines: lines, budget: &budget)
    case .rejected(let error):
      precondition((1...lines).contains(error.line), "rejection at line \(error.line) of \(lines)")
      _ = error.description
    }
  }

  /// Reads every accessor of `element` and of its children, up to `budget` elements.
  private static func walk(_ element: XMLElement, lines: Int, budget: inout Int) {
    guard budget > 0 else { return }
    budget -= 1
    _ = (element.name, element.namespace, element.text, element.trimmedText, element.hasText)
    precondition((1...lines).contains(element.line), "element at line \(element.line) of \(lines)")
    for attribute in element.attributes {
      precondition(
        element.attribute(attribute.name) != nil, "attribute '\(attribute.name)' not found by name")
    }
    _ = (element.child("Data", ignoringCase: true), element.childText("userName"))
    element.forEachChild(keyedBy: "Name") { _, _ in }
    for child in element.children { walk(child, lines: lines, budget: &budget) }
  }
}
