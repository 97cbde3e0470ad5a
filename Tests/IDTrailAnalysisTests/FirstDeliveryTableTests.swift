import IDTrailModel
import Testing

@testable import IDTrailAnalysis

/// The table the trail drops repeated deliveries with: exact, whatever the hashes.
@Suite struct FirstDeliveryTableTests {
  @Test func recordsFirstPositionsAndFindsThemAgain() {
    let keys = ["a", "b", "a", "c", "b", "a"]
    var table = FirstDeliveryTable(capacity: keys.count)
    var kept: [String] = []
    var found: [Int?] = []
    for key in keys {
      let first = table.kept(hash: ByteHash.hash(key), orRecord: kept.count) { kept[$0] == key }
      found.append(first)
      if first == nil { kept.append(key) }
    }
    #expect(kept == ["a", "b", "c"])
    #expect(found == [nil, nil, 0, nil, 1, 0])
  }

  @Test func keysWithOneHashAreStillTold() {
    // Every key gets the same hash: only the full comparison tells them apart.
    let keys = (0..<200).map { "id-\($0 % 50)" }
    var table = FirstDeliveryTable(capacity: 50)
    var kept: [String] = []
    var repeats = 0
    for key in keys {
      if let first = table.kept(hash: 42, orRecord: kept.count, isSame: { kept[$0] == key }) {
        #expect(kept[first] == key)
        repeats += 1
      } else {
        kept.append(key)
      }
    }
    #expect(kept == (0..<50).map { "id-\($0)" })
    #expect(repeats == 150)
  }
}
