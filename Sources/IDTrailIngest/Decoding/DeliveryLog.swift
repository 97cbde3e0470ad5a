import Dispatch
import IDTrailModel
import Synchronization

/// The id and time of every event one part of an input emitted, in order: what finding repeated
/// deliveries needs, without the events themselves.
///
/// Parts of a large input are decoded on several threads, each into its own log; `repeats(in:)`
/// then finds, across all parts, the events whose id an earlier event already had.
struct DeliveryLog: Sendable {
  struct Entry: Sendable {
    /// The key's hash (`ByteHash`, keyed per process, so that no input can be made to collide),
    /// which picks the thread that looks the key up and its slot there.
    var hash: UInt64
    /// Where the key's bytes end in `keyBytes`; they start where the previous entry's end.
    var keyEnd: Int
    var time: Timestamp
    /// The event's position among those the part emitted.
    var ordinal: Int
  }

  private(set) var entries: [Entry] = []
  /// The UTF-8 of every entry's key, one after another: no `String` is kept per event.
  private var keyBytes: [UInt8] = []
  /// The earliest and latest times of the events without an id (never repeats).
  private var unkeyedCoverage: ClosedRange<Timestamp>?
  private let seed = ByteHash.seed

  /// Makes room for `events` entries and `keyBytes` bytes of keys at once, so that a large part's
  /// log is not copied into fresh memory each time it grows (the room is address space only until
  /// written).
  mutating func reserve(events: Int, keyBytes byteCount: Int) {
    entries.reserveCapacity(events)
    keyBytes.reserveCapacity(byteCount)
  }

  /// Logs an event by its key's UTF-8 (nil for an event without one). Keys are equal when their
  /// bytes are.
  mutating func record(_ key: UnsafeRawBufferPointer?, at time: Timestamp, ordinal: Int) {
    guard let key else {
      recordUnkeyed(at: time)
      return
    }
    record(key, hash: ByteHash.hash(key, seed: seed), at: time, ordinal: ordinal)
  }

  /// Logs an event whose key is `key`.
  mutating func record(_ key: String?, at time: Timestamp, ordinal: Int) {
    guard var key else {
      recordUnkeyed(at: time)
      return
    }
    key.withUTF8 { record(UnsafeRawBufferPointer($0), at: time, ordinal: ordinal) }
  }

  /// Logs an event with a key whose hash is given (tests use it to make keys collide).
  mutating func record(_ key: UnsafeRawBufferPointer, hash: UInt64, at time: Timestamp, ordinal: Int) {
    keyBytes.append(contentsOf: key)
    entries.append(Entry(hash: hash, keyEnd: keyBytes.count, time: time, ordinal: ordinal))
  }

  private mutating func recordUnkeyed(at time: Timestamp) {
    unkeyedCoverage =
      unkeyedCoverage.map { min($0.lowerBound, time)...max($0.upperBound, time) } ?? time...time
  }

  /// The key bytes of the entry at `position`.
  private func key(at position: Int) -> ArraySlice<UInt8> {
    keyBytes[(position == 0 ? 0 : entries[position - 1].keyEnd)..<entries[position].keyEnd]
  }

  /// The earliest and latest times of the logged events, leaving out those at `ordinals`
  /// (ascending).
  func coverage(excluding ordinals: [Int]) -> ClosedRange<Timestamp>? {
    var coverage = unkeyedCoverage
    var next = 0
    for entry in entries {
      while next < ordinals.count, ordinals[next] < entry.ordinal { next += 1 }
      if next < ordinals.count, ordinals[next] == entry.ordinal { continue }
      coverage = coverage.map { min($0.lowerBound, entry.time)...max($0.upperBound, entry.time) }
        ?? entry.time...entry.time
    }
    return coverage
  }

  /// For each log, the ordinals (ascending) of its events whose key an earlier event has, in that
  /// log or in one before it.
  ///
  /// Keys are split among `threads` by hash; each thread walks every log in order and looks up
  /// only its own keys, so the first event with a key is the one kept whatever the thread count.
  static func repeats(in logs: [DeliveryLog], threads: Int) -> [[Int]] {
    let partitions = max(1, threads)
    let found = Mutex([[(log: Int, ordinal: Int)]](repeating: [], count: partitions))
    DispatchQueue.concurrentPerform(iterations: partitions) { partition in
      let repeated = repeats(in: logs, partition: partition, of: partitions)
      found.withLock { $0[partition] = repeated }
    }
    var ordinals = [[Int]](repeating: [], count: logs.count)
    for partition in found.withLock({ $0 }) {
      for (log, ordinal) in partition { ordinals[log].append(ordinal) }
    }
    return ordinals.map { $0.count > 1 ? $0.sorted() : $0 }
  }

  /// The partition, in 0..<`partitions`, that looks up a key with `hash`: the high half of the
  /// hash, scaled (no division per entry). The low half picks the slot within the partition.
  static func partition(ofHash hash: UInt64, among partitions: Int) -> Int {
    Int(truncatingIfNeeded: ((hash >> 32) &* UInt64(partitions)) >> 32)
  }

  /// The repeated events among those whose key falls in `partition`, in log order.
  ///
  /// An open-addressing table of entry positions, probed by the hash each entry carries; keys are
  /// compared, byte for byte, only when their hashes are equal.
  private static func repeats(
    in logs: [DeliveryLog], partition: Int, of partitions: Int
  ) -> [(log: Int, ordinal: Int)] {
    func isMine(_ hash: UInt64) -> Bool { Self.partition(ofHash: hash, among: partitions) == partition }
    let count = logs.reduce(0) { sum, log in sum + log.entries.reduce(0) { isMine($1.hash) ? $0 + 1 : $0 } }
    var bits = 4
    while 1 << bits < count * 2 { bits += 1 }
    let mask = (1 << bits) - 1
    // One slot per key: its hash and where its entry is (log << 32 | position), -1 when empty.
    var slots = [(hash: UInt64, entry: Int)](repeating: (0, -1), count: mask + 1)
    var repeated: [(log: Int, ordinal: Int)] = []
    for log in logs.indices {
      let entries = logs[log].entries
      for position in entries.indices where isMine(entries[position].hash) {
        let entry = entries[position]
        // The low bits: the high ones chose the partition.
        var slot = Int(truncatingIfNeeded: entry.hash) & mask
        var isRepeat = false
        while slots[slot].entry >= 0 {
          if slots[slot].hash == entry.hash,
            logs[slots[slot].entry >> 32].key(at: slots[slot].entry & 0xFFFF_FFFF)
              == logs[log].key(at: position)
          {
            isRepeat = true
            break
          }
          slot = (slot + 1) & mask
        }
        if isRepeat {
          repeated.append((log, entry.ordinal))
        } else {
          slots[slot] = (entry.hash, log << 32 | position)
        }
      }
    }
    return repeated
  }
}
