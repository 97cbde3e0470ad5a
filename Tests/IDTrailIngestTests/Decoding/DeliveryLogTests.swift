import IDTrailModel
import Testing

@testable import IDTrailIngest

/// `DeliveryLog` finds repeated deliveries by a hash of each id's bytes, and compares the bytes
/// whenever hashes are equal: ids that collide are never merged, equal ids always are.
@Suite struct DeliveryLogTests {
  private static func time(_ second: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: second) }

  /// Logs `keys` (nil: an event without id) in order, each with the hash `hash` gives it.
  private static func log(_ keys: [String?], hash: (String) -> UInt64, firstSecond: Int64 = 0) -> DeliveryLog {
    var log = DeliveryLog()
    for (ordinal, key) in keys.enumerated() {
      let at = time(firstSecond + Int64(ordinal))
      guard let key else {
        log.record(nil as UnsafeRawBufferPointer?, at: at, ordinal: ordinal)
        continue
      }
      Array(key.utf8).withUnsafeBytes { log.record($0, hash: hash(key), at: at, ordinal: ordinal) }
    }
    return log
  }

  @Test func idsWithTheSameHashAreNotMerged() {
    // Every key hashes to 7: only byte-equal keys are repeats.
    let log = Self.log(["a", "b", "a", "ab", "b", "ba", "ab", ""], hash: { _ in 7 })
    for threads in [1, 2, 3] {
      #expect(DeliveryLog.repeats(in: [log], threads: threads) == [[2, 4, 6]])
    }
  }

  @Test func equalIdsRepeatAcrossLogsAndTheFirstIsKept() {
    let hash: (String) -> UInt64 = { UInt64($0.utf8.count) }  // "10" and "11" collide
    let first = Self.log(["10", "11", nil, "12"], hash: hash)
    let second = Self.log(["11", "13", "10", nil, "13", "1"], hash: hash, firstSecond: 100)
    for threads in [1, 2, 4] {
      #expect(DeliveryLog.repeats(in: [first, second], threads: threads) == [[], [0, 2, 4]])
    }
  }

  @Test func keysOfDifferentLengthsAndBytesStayApart() {
    // Real hashes; keys that differ only in their last byte, their length or a zero byte.
    let keys: [String?] = ["1000001", "1000002", "10000010", "1000001\u{0}", "c50882b5-9581-4475", "1000001"]
    var log = DeliveryLog()
    for (ordinal, key) in keys.enumerated() {
      var key = key
      key?.withUTF8 { log.record(UnsafeRawBufferPointer($0), at: Self.time(Int64(ordinal)), ordinal: ordinal) }
    }
    #expect(DeliveryLog.repeats(in: [log], threads: 2) == [[5]])
  }

  @Test func keysAreSpreadOverEveryPartition() {
    // Shifts bind tighter than `&*` in Swift: written without parentheses, every key went to
    // partition 0, and one thread looked up all the keys while the others had none.
    for partitions in [2, 3, 4] {
      var counts = [Int](repeating: 0, count: partitions)
      for key in 0..<4_000 {
        let id = "gitlab-audit:\(key)"
        let hash = Array(id.utf8).withUnsafeBytes { ByteHash.hash($0) }
        counts[DeliveryLog.partition(ofHash: hash, among: partitions)] += 1
      }
      #expect(counts.allSatisfy { $0 > 4_000 / partitions / 2 }, "\(partitions) partitions: \(counts)")
    }
    #expect(DeliveryLog.partition(ofHash: .max, among: 4) == 3)
    #expect(DeliveryLog.partition(ofHash: 0xFFFF_FFFF, among: 4) == 0)
  }

  @Test func coverageLeavesOutTheRepeatsButKeepsEventsWithoutID() {
    let log = Self.log(["x", nil, "y", "x", "z"], hash: { _ in 1 }, firstSecond: 10)
    // The repeat at ordinal 3 (second 13) and the last event (14) left out; the unkeyed one (11) stays.
    #expect(log.coverage(excluding: [3, 4]) == Self.time(10)...Self.time(12))
    #expect(log.coverage(excluding: [0, 2, 3, 4]) == Self.time(11)...Self.time(11))
  }

  @Test func stringAndByteKeysAreTheSameKey() {
    var log = DeliveryLog()
    log.record("gitlab-audit:42" as String?, at: Self.time(0), ordinal: 0)
    Array("gitlab-audit:42".utf8).withUnsafeBytes { log.record($0, at: Self.time(1), ordinal: 1) }
    log.record("gitlab-audit:43" as String?, at: Self.time(2), ordinal: 2)
    log.record(nil as String?, at: Self.time(3), ordinal: 3)
    #expect(DeliveryLog.repeats(in: [log], threads: 1) == [[1]])
  }
}
