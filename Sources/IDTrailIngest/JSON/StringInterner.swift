import IDTrailModel

/// Hands out one `String` for each distinct value it is asked for, so that values repeated from
/// record to record (event names, emails, names, paths, messages) share one allocation.
///
/// Only values longer than a small string (15 UTF-8 bytes) go through the table: shorter ones live
/// inside the `String` itself and cost nothing to make. The table stops growing at `capacity`
/// values, after which new values are made afresh, so its memory stays bounded whatever the input.
/// Values are found by a hash keyed per process (`ByteHash`), so no input can be made to collide on
/// purpose, and compared byte for byte.
struct StringInterner: Sendable {
  /// The most values one table keeps.
  static let capacity = 4096

  /// Twice `capacity` slots, each the index of a string in `strings` or -1; empty until first used.
  private var slots: [Int32] = []
  private var hashes: [UInt64] = []
  private var strings: [String] = []
  private let seed = ByteHash.seed

  /// The string whose UTF-8 is `bytes`, which must be valid UTF-8 (the parser checked it).
  mutating func string(_ bytes: UnsafeRawBufferPointer) -> String {
    guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
    if slots.isEmpty { slots = [Int32](repeating: -1, count: Self.capacity * 2) }
    let hash = ByteHash.hash(bytes, seed: seed)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] >= 0 {
      let index = Int(slots[slot])
      if hashes[index] == hash, Self.equal(strings[index], bytes) { return strings[index] }
      slot = (slot + 1) & mask
    }
    let string = String(decoding: bytes, as: UTF8.self)
    if strings.count < Self.capacity {
      slots[slot] = Int32(strings.count)
      hashes.append(hash)
      strings.append(string)
    }
    return string
  }

  private static func equal(_ string: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
    string.utf8.withContiguousStorageIfAvailable { utf8 in
      guard utf8.count == bytes.count, let base = utf8.baseAddress else { return false }
      return memcmpEqual(bytes, 0, base, utf8.count)
    } ?? string.utf8.elementsEqual(bytes)
  }
}
