import IDTrailModel

/// A file's bytes being assembled record by record, with the locator of each record start, so the
/// planted malformed record's locator is known exactly.
struct RecordFile {
  private(set) var bytes: [UInt8] = []
  /// Records written so far.
  private(set) var records = 0
  /// The current line (1-based).
  private(set) var line = 1
  private(set) var rejection: (line: Int, record: Int, offset: Int, problem: PlantedProblem)?

  mutating func append(_ text: String) {
    for byte in text.utf8 {
      bytes.append(byte)
      if byte == 0x0A { line += 1 }
    }
  }

  /// Appends one record; `malformed` says what is wrong when it is the planted bad one.
  mutating func appendRecord(_ text: String, malformed: PlantedProblem? = nil) {
    records += 1
    if let malformed { rejection = (line, records, bytes.count, malformed) }
    append(text)
  }

  /// The manifest entry for this file.
  func file(path: String, format: FormatID, description: String, locatorStyle: LocatorStyle) -> SampleFile {
    SampleFile(
      path: path, format: format, description: description, bytes: bytes.count, records: records,
      rejection: rejection.map {
        let locator: String
        switch locatorStyle {
        case .line: locator = "\(path):\($0.line)"
        case .record: locator = "\(path):#\($0.record)@\($0.offset)"
        }
        return SampleRejection(
          locator: locator, line: $0.line, record: $0.record, byteOffset: $0.offset,
          reason: $0.problem.reason,
          problem: $0.problem.description)
      })
  }

  /// How a format's decoder locates records.
  enum LocatorStyle {
    case line
    case record
  }

  /// Writes records as a JSON array or an envelope's array: `prefix`, one record per line
  /// separated by commas, `suffix`. `corrupt` is inserted after the record at its position.
  static func jsonArray(
    _ records: [JSONText], prefix: String, suffix: String,
    corrupt: (position: Int, record: JSONText, problem: PlantedProblem)?
  ) -> RecordFile {
    var file = RecordFile()
    file.append(prefix)
    var first = true
    for (index, record) in records.enumerated() {
      if !first { file.append(",\n") }
      first = false
      file.appendRecord(record.compact)
      if let corrupt, corrupt.position == index {
        file.append(",\n")
        file.appendRecord(corrupt.record.compact, malformed: corrupt.problem)
      }
    }
    file.append(suffix)
    return file
  }

  /// Writes one record per line; `corrupt` (a cut-off line) is inserted before the line at its position.
  static func lines(_ lines: [String], corrupt: (position: Int, text: String, problem: PlantedProblem)?)
    -> RecordFile
  {
    var file = RecordFile()
    for (index, line) in lines.enumerated() {
      if let corrupt, corrupt.position == index {
        file.appendRecord(corrupt.text + "\n", malformed: corrupt.problem)
      }
      file.appendRecord(line + "\n")
    }
    return file
  }

  /// Where to plant the malformed record among `count` records: two fifths in, never first.
  static func plantPosition(_ count: Int) -> Int {
    max(1, min(count - 1, count * 2 / 5))
  }

  /// A time string with its month and day replaced by February 30th, which no calendar has.
  static func impossibleDate(_ time: String) -> String {
    guard time.utf8.count >= 10 else { return "2026-02-30T00:00:00Z" }
    return String(time.prefix(4)) + "-02-30" + String(time.dropFirst(10))
  }

  /// The first part of a line, cut at a comma so the rest of the line is simply missing (a
  /// partial write), without splitting a multi-byte character.
  static func cutOff(_ line: String) -> String {
    let target = line.utf8.count * 3 / 5
    var cut = 0
    for (offset, byte) in line.utf8.enumerated() where byte == UInt8(ascii: ",") && offset <= target {
      cut = offset + 1
    }
    return String(decoding: line.utf8.prefix(max(cut, 1)), as: UTF8.self)
  }
}

/// What is wrong with a planted malformed record.
struct PlantedProblem {
  /// A fragment the decoder's rejection reason contains.
  var reason: String
  /// What was planted, in words.
  var description: String

  /// A JSON line cut off part-way (a partial write): the JSON reader's own rejection.
  static let truncatedLine = PlantedProblem(
    reason: "malformed JSON", description: "a JSON line cut off part-way (a partial write)")

  /// A time field holding February 30th.
  static func impossibleTime(_ field: String) -> PlantedProblem {
    PlantedProblem(reason: field, description: "\(field) holds February 30th")
  }
}
