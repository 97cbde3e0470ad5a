import Foundation
import IDTrailModel
import Testing

@testable import IDTrailIngest

/// Seeded random mutations of JSON inputs (the JSON fixtures plus built-in documents): the reader
/// must never crash, must report every record exactly once, and must locate each malformed record
/// inside the input.
@Suite struct JSONMutationTests {
  /// SplitMix64: small, fast and the same on every platform, so a failure can be replayed.
  struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let seed: UInt64 = 0x1D7_2A11
  /// Mutants in all, shared out over the documents (at least 200 each); about a second in debug.
  static let mutantBudget = 8_000

  /// Documents that exercise every layout and the awkward corners of strings and numbers.
  static let builtInDocuments: [(name: String, text: String)] = [
    (
      "gitlab-rest.ndjson",
      #"""
      {"id":90211,"author_id":12,"entity_id":345,"entity_type":"Group","event_name":"member_updated","details":{"change":"access_level","from":"Developer","to":"Maintainer","expiry_from":null,"as":"Maintainer","member_id":7781,"target_id":501,"custom_message":"Membership\nupdated \u2014 \"ok\"","author_email":"jane@acme.example"},"created_at":"2025-02-01T10:15:30.123Z"}
      {"id":90212,"author_id":-1,"entity_type":"User","event_name":"login_failed_with_standard_authentication","details":{"failed_login":"STANDARD","author_name":"Müller 😀","target_id":"x"},"created_at":"2025-02-01T10:16:00Z"}

      {"id":90213,"author_id":7,"entity_type":"Project","details":{"custom_message":{"protocol":"ssh","action":"git-upload-pack"},"numbers":[0,-0,1.5e-3,1E+9,-12.25]},"created_at":"2025-02-01T10:17:00Z"}
      """#
    ),
    (
      "graph-envelope.json",
      #"""
      [
        {"value": [{"id": "a", "activityDateTime": "2025-02-01T10:15:30Z", "targetResources": [{"id": "u1", "modifiedProperties": []}]}]},
        {"escapes": "\"\\\/\b\f\n\r\t\uD834\uDD1E\u00e9", "empty": {}, "list": [[], [[]], {"a": null}], "ok": true, "no": false}
      ]
      """#
    ),
    (
      "pretty-values.json",
      #"""
      {
        "eventType": "user.session.start",
        "published": "2025-02-01T10:15:30.123Z",
        "actor": {"id": "00u1", "alternateId": "jane@acme.example", "displayName": "Jane"},
        "outcome": {"result": "SUCCESS"}
      }
      {
        "eventType": "user.account.lock",
        "target": [{"id": "00u2", "type": "User"}]
      }
      """#
    ),
  ]

  /// The JSON-like fixture files present in the test tree (none is required).
  static func fixtureDocuments() -> [(name: String, bytes: [UInt8])] {
    let fixtures = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    guard let walker = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil) else {
      return []
    }
    var documents: [(name: String, bytes: [UInt8])] = []
    for case let url as URL in walker {
      guard ["json", "ndjson", "jsonl", "log"].contains(url.pathExtension.lowercased()),
        let data = try? Data(contentsOf: url), data.count <= 64 << 10
      else { continue }
      let bytes = [UInt8](data)
      // Only inputs the reader would take as JSON (a `.log` may be plain text).
      guard bytes.withUnsafeBytes({ JSONRecordReader.detectLayout($0) }) != nil else { continue }
      documents.append((url.path.replacingOccurrences(of: fixtures.path + "/", with: ""), bytes))
    }
    return documents.sorted { $0.name < $1.name }
  }

  static let insertable: [UInt8] =
    Array(#""\{[,:}]"#.utf8) + [0x0A, 0x00, 0x80, 0xBF, 0xC0, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]

  /// Applies one to four random edits.
  static func mutate(_ original: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
    var bytes = original
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
      switch Int.random(in: 0..<7, using: &random) {
      case 0 where !bytes.isEmpty:
        bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
      case 1 where !bytes.isEmpty:
        bytes[position] = UInt8.random(in: 0...255, using: &random)
      case 2:
        bytes.insert(insertable.randomElement(using: &random) ?? 0x22, at: position)
      case 3 where !bytes.isEmpty:
        bytes.remove(at: position)
      case 4:
        bytes.removeSubrange(position..<bytes.count)
      case 5 where !bytes.isEmpty:
        let end = min(bytes.count, position + Int.random(in: 1...64, using: &random))
        bytes.insert(contentsOf: bytes[position..<end], at: end)
      default:
        let escape = Array(#"\u"#.utf8) + [UInt8.random(in: 0x30...0x66, using: &random)]
        bytes.insert(contentsOf: escape, at: position)
      }
    }
    return bytes
  }

  /// What one read of a mutant showed.
  struct Reading {
    var records = 0
    var values = 0
    var problems: [String] = []
  }

  /// Reads `bytes` as the reader would be used in production and checks the invariants.
  static func readChecked(_ bytes: [UInt8]) -> Reading {
    var reading = Reading()
    bytes.withUnsafeBytes { buffer in
      guard let layout = JSONRecordReader.detectLayout(buffer) else { return }
      let lineCount = buffer.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
      var reader = JSONRecordReader(path: "mutant.json")
      var previousLine = 0
      var previousIndex = 0
      reader.forEachRecord(in: buffer, range: 0..<buffer.count, layout: layout) { record in
        reading.records += 1
        let locator: Locator
        switch record {
        case .value(let value, let at):
          reading.values += 1
          locator = at
          walk(value)
        case .malformed(let at, let error):
          locator = at
          if !(0...buffer.count).contains(error.offset) {
            reading.problems.append("error offset \(error.offset) outside 0...\(buffer.count)")
          }
          _ = error.description
        }
        switch locator.position {
        case .line(let line):
          let goesBack = line < previousLine || (layout == .lines && line == previousLine)
          if !(1...lineCount).contains(line) || goesBack {
            reading.problems.append("line \(line) after \(previousLine), input has \(lineCount)")
          }
          previousLine = line
        case .record(let index, let offset):
          if index != previousIndex + 1 || !(0...buffer.count).contains(offset) {
            reading.problems.append("record #\(index)@\(offset) after #\(previousIndex)")
          }
          previousIndex = index
        }
        return true
      }
      if layout == .lines {
        // Every line holding a non-whitespace byte is exactly one record.
        let expected = nonBlankLines(buffer)
        if reading.records != expected {
          reading.problems.append("\(reading.records) records for \(expected) non-blank lines")
        }
      }
    }
    return reading
  }

  /// Touches every view of a value, so decoding paths run on mutated input too.
  static func walk(_ value: JSONValue) {
    _ = (value.kind, value.string, value.scalarText, value.int, value.double, value.bool, value.byteOffset)
    _ = value.rawText
    _ = value.stringEquals("user_logged_in")
    if let object = value.object {
      _ = (object["id"], object[path: "details", "target_id"], object.keys)
      object.forEachMember { _, member in walk(member) }
    } else if let array = value.array {
      for element in array { walk(element) }
    }
  }

  static func nonBlankLines(_ buffer: UnsafeRawBufferPointer) -> Int {
    var count = 0
    var blank = true
    for (offset, byte) in buffer.enumerated() {
      if offset < JSONRecordReader.bomLength(buffer) { continue }
      if byte == 0x0A {
        if !blank { count += 1 }
        blank = true
      } else if !JSONRecordReader.isWhitespace(byte) {
        blank = false
      }
    }
    return blank ? count : count + 1
  }

  @Test func builtInDocumentsAreValid() {
    for document in Self.builtInDocuments {
      let reading = Self.readChecked(Array(document.text.utf8))
      #expect(reading.problems.isEmpty, "\(document.name): \(reading.problems)")
      #expect(reading.records > 0 && reading.records == reading.values, "\(document.name)")
    }
  }

  @Test func mutantsNeverCrashAndEveryRecordIsAccounted() {
    var documents = Self.builtInDocuments.map { (name: $0.name, bytes: Array($0.text.utf8)) }
    documents += Self.fixtureDocuments()
    let perDocument = max(200, Self.mutantBudget / documents.count)
    var random = SplitMix64(state: Self.seed)
    var mutants = 0
    var records = 0
    var values = 0
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      for document in documents {
        for round in 0..<perDocument {
          let mutant = Self.mutate(document.bytes, &random)
          let reading = Self.readChecked(mutant)
          mutants += 1
          records += reading.records
          values += reading.values
          if !reading.problems.isEmpty {
            Issue.record("\(document.name) mutant \(round): \(reading.problems.prefix(3))")
          }
        }
      }
    }
    // Mutation must give both outcomes, or it is not testing anything.
    #expect(mutants >= Self.mutantBudget - documents.count)
    #expect(values > 0 && values < records)
    print(
      "JSON mutation: \(mutants) mutants of \(documents.count) documents, \(records) records",
      "(\(values) valid) in \(elapsed)")
  }

  @Test func deeplyNestedMutantsAreRejectedNotOverflowed() {
    var random = SplitMix64(state: Self.seed ^ 0xFF)
    for _ in 0..<20 {
      let depth = Int.random(in: 1_000...100_000, using: &random)
      let opener: [UInt8] = Bool.random(using: &random) ? [0x5B] : Array(#"{"k":"#.utf8)
      var bytes: [UInt8] = []
      for _ in 0..<depth { bytes += opener }
      let reading = Self.readChecked(bytes)
      #expect(reading.records == 1 && reading.values == 0)
      #expect(reading.problems.isEmpty)
    }
  }
}
