import Testing

@testable import IDTrailIngest

/// `JSONValue.withScalarTextBytes` hands over exactly the UTF-8 of `scalarText`.
@Suite struct JSONScalarTextBytesTests {
  @Test func bytesAreTheScalarTextOfEveryKind() {
    let text = #"""
      {"plain":"c50882b5-9581","escaped":"a\"b\\c\u00e9\ud83d\ude00","number":-12.5e3,"yes":true,"no":false,"none":null,"object":{"a":1},"array":[1],"utf8":"Müller"}
      """#
    var checked = 0
    var reader = JSONRecordReader(path: "t.ndjson")
    Array(text.utf8).withUnsafeBytes { buffer in
      reader.forEachRecord(in: buffer, range: 0..<buffer.count, layout: .lines) { record in
        guard case .value(let value, _) = record, let object = value.object else { return false }
        object.forEachMember { key, member in
          let bytes = member.withScalarTextBytes { $0.map { Array($0) } }
          #expect(bytes == member.scalarText.map { Array($0.utf8) }, "\(key)")
          checked += 1
        }
        return false
      }
    }
    #expect(checked == 9)
  }
}
