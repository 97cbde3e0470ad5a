import IDTrailIngest

/// The `csv` target: reads the input with the default row limit and with a tiny one, and checks
/// that the reader stops, that rows come in line order inside the input, and that a header built
/// from the first row finds its own columns.
enum CSVReaderCheck {
  static func run(_ bytes: UnsafeRawBufferPointer) {
    let lines = lineBound(bytes)
    for limit in [CSVReader.defaultMaximumRowBytes, 64] {
      var reader = CSVReader(bytes, maximumRowBytes: limit)
      var header: CSVHeader?
      var count = 0
      var previousLine = 0
      while let record = reader.next() {
        count += 1
        precondition(count <= bytes.count + 1, "CSVReader yields more rows than the input has bytes")
        let line: Int
        switch record {
        case .row(let row):
          line = row.line
          if let header {
            for name in header.names { _ = header.value(name, in: row) }
          } else {
            let made = CSVHeader(row.fields)
            for (index, name) in made.names.enumerated() {
              let found = made.index(of: name).map { $0 <= index } ?? false
              precondition(found, "the header does not find its column '\(name)'")
            }
            header = made
          }
        case .malformed(let malformedLine, let error):
          line = malformedLine
          _ = error.description
        }
        precondition(line > previousLine, "row at line \(line) after one at line \(previousLine)")
        precondition(line <= lines, "row at line \(line) past the input's \(lines) lines")
        previousLine = line
      }
    }
  }
}
