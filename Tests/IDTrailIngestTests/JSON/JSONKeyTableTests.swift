import IDTrailModel
import Testing

@testable import IDTrailIngest

/// The one-pass member lookup: slots, colliding names, escaped keys, first occurrences.
@Suite struct JSONKeyTableTests {
  private func members(_ text: String, _ table: JSONKeyTable) -> [String] {
    var seen: [String] = []
    var reader = JSONRecordReader(path: "t.json")
    Array(text.utf8).withUnsafeBytes { buffer in
      reader.forEachRecord(in: buffer, range: 0..<buffer.count, layout: .lines) { record in
        if case .value(let value, _) = record {
          value.object?.forEachMember(in: table) { slot, member in seen.append("\(slot)=\(member.rawText)") }
        }
        return false
      }
    }
    return seen
  }

  /// Each line's members as `forEachMember(in:order:)` reports them, one order kept across the
  /// lines, beside what `forEachMember(in:)` reports without one.
  private func membersGuessingOrder(
    _ lines: [String], _ table: JSONKeyTable
  ) -> (guessed: [[String]], looked: [[String]]) {
    var guessed: [[String]] = []
    var looked: [[String]] = []
    var order = JSONKeyOrder()
    var reader = JSONRecordReader(path: "t.ndjson")
    Array(lines.joined(separator: "\n").utf8).withUnsafeBytes { buffer in
      reader.forEachRecord(in: buffer, range: 0..<buffer.count, layout: .lines) { record in
        guard case .value(let value, _) = record, let object = value.object else { return true }
        var members: [String] = []
        object.forEachMember(in: table, order: &order) { slot, member in
          members.append("\(slot)=\(member.rawText)")
        }
        guessed.append(members)
        members = []
        object.forEachMember(in: table) { slot, member in members.append("\(slot)=\(member.rawText)") }
        looked.append(members)
        return true
      }
    }
    return (guessed, looked)
  }

  /// The guessed order is only a first guess: members reordered, missing, repeated, sharing a
  /// prefix, non-ASCII, escaped, or over 16 bytes and equal in their first and last eight bytes
  /// are reported exactly as the table reports them.
  @Test func aGuessedMemberOrderNeverChangesTheAnswer() {
    let table = JSONKeyTable([
      "id", "event_name", "event_type", "author_id", "é_key", "created_at", "created",
      "a_very_long_key_name_17",
    ])
    let lines = [
      #"{"id":1,"event_name":"a","author_id":2,"created_at":"t"}"#,
      #"{"id":3,"event_name":"b","author_id":4,"created_at":"u"}"#,
      #"{"author_id":5,"id":6,"created_at":"v","event_name":"c"}"#,
      #"{"id":7,"author_id":8}"#,
      #"{"id":9,"id":10,"event_name":"d"}"#,
      #"{"created":11,"created_at":"w","event_nam":12,"event_name":"e"}"#,
      #"{"é_key":13,"id":14}"#,
      #"{"event\u005fname":"f","id":15}"#,
      #"{"a_very_long_key_name_17":16}"#,
      #"{"a_very_loNg_key_name_17":17,"id":18}"#,
      #"{"id":19,"event_name":"g","author_id":20,"created_at":"x"}"#,
      #"{"è_key":21,"id":22}"#,
      #"{"id":23,"author\u005fid":24}"#,
    ]
    let (guessed, looked) = membersGuessingOrder(lines, table)
    #expect(
      guessed == [
        ["0=1", #"1="a""#, "3=2", #"5="t""#],
        ["0=3", #"1="b""#, "3=4", #"5="u""#],
        ["3=5", "0=6", #"5="v""#, #"1="c""#],
        ["0=7", "3=8"],
        ["0=9", #"1="d""#],
        ["6=11", #"5="w""#, #"1="e""#],
        ["4=13", "0=14"],
        [#"1="f""#, "0=15"],
        ["7=16"],
        ["0=18"],
        ["0=19", #"1="g""#, "3=20", #"5="x""#],
        ["0=22"],
        ["0=23", "3=24"],
      ])
    #expect(guessed == looked)
  }

  @Test func aGuessedOrderIsDroppedForAnotherTable() {
    let first = JSONKeyTable(["a", "b"])
    let second = JSONKeyTable(["b", "a"])
    var order = JSONKeyOrder()
    var seen: [String] = []
    var reader = JSONRecordReader(path: "t.ndjson")
    Array(#"{"a":1,"b":2}"#.utf8).withUnsafeBytes { buffer in
      reader.forEachRecord(in: buffer, range: 0..<buffer.count, layout: .lines) { record in
        guard case .value(let value, _) = record, let object = value.object else { return false }
        for table in [first, second, first] {
          object.forEachMember(in: table, order: &order) { slot, member in
            seen.append("\(slot)=\(member.rawText)")
          }
        }
        return false
      }
    }
    #expect(seen == ["0=1", "1=2", "1=1", "0=2", "0=1", "1=2"])
  }

  @Test func everyNameFindsItsSlot() {
    let names: [StaticString] = ["id", "event_name", "a", "", "details", "ab", "ba", "aab", "aba", "baa"]
    let table = JSONKeyTable(names)
    #expect(table.count == names.count)
    for (slot, name) in names.enumerated() {
      let found = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
      #expect(table.slot(found) == slot, "\(name)")
      #expect(table.slot(decoded: name.description) == slot)
    }
    for missing in ["b", "idd", "i", "event_nam", "detailz", "abb"] {
      let bytes = Array(missing.utf8)
      #expect(bytes.withUnsafeBytes { table.slot($0) } == nil, "\(missing)")
    }
  }

  @Test func collidingNamesStayApart() {
    // Same length, first and last byte: told apart by the bytes between.
    let names: [StaticString] = ["a1x1a", "a2x2a", "a3x3a", "a4x4a", "a5x5a", "a6x6a", "a7x7a", "a8x8a"]
    let table = JSONKeyTable(names)
    let record = #"{"a8x8a":8,"a1x1a":1,"a9x9a":9,"a4x4a":4}"#
    #expect(members(record, table) == ["7=8", "0=1", "3=4"])
  }

  @Test func reportsFirstOccurrencesInDocumentOrderWithEscapedKeys() {
    let table = JSONKeyTable(["id", "name", "time"])
    let record = #"{"time":1,"other":{"id":"inner"},"na\u006de":"escaped","id":null,"id":2,"name":"later"}"#
    #expect(members(record, table) == ["2=1", #"1="escaped""#, "0=null"])
  }

  @Test func emptyObjectsAndTablesReportNothing() {
    #expect(members("{}", JSONKeyTable(["id"])).isEmpty)
    #expect(members(#"{"id":1}"#, JSONKeyTable([])).isEmpty)
  }
  @Test func namesOfEveryLengthDifferingInAnyOneByteAreMisses() {
    // Prefixes of one string, 1 to 24 bytes: names compared as two words (up to 16 bytes) and
    // longer ones, whose middle bytes only a full compare sees.
    let names: [StaticString] = [
      "a", "ab", "abc", "abcd",
      "abcde", "abcdef", "abcdefg", "abcdefgh",
      "abcdefghi", "abcdefghij", "abcdefghijk", "abcdefghijkl",
      "abcdefghijklm", "abcdefghijklmn", "abcdefghijklmno", "abcdefghijklmnop",
      "abcdefghijklmnopq", "abcdefghijklmnopqr", "abcdefghijklmnopqrs", "abcdefghijklmnopqrst",
      "abcdefghijklmnopqrstu", "abcdefghijklmnopqrstuv", "abcdefghijklmnopqrstuvw",
      "abcdefghijklmnopqrstuvwx",
    ]
    let table = JSONKeyTable(names)
    for (slot, name) in names.enumerated() {
      var bytes = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
      #expect(bytes.withUnsafeBytes { table.slot($0) } == slot, "\(name)")
      for position in bytes.indices {
        bytes[position] ^= 0x20
        #expect(bytes.withUnsafeBytes { table.slot($0) } == nil, "\(name) changed at \(position)")
        bytes[position] ^= 0x20
      }
    }
    #expect(Array("abcdefghijklmnopqrstuvwxy".utf8).withUnsafeBytes { table.slot($0) } == nil)
  }
}
