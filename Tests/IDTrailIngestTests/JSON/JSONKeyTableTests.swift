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
