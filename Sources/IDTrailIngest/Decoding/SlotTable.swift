/// The slots of an open-addressing table whose entries live in arrays beside it: each slot holds
/// an entry's index, or -1 when empty; entries are found by linear probing from their hash.
enum SlotTable {
  /// Twice as many slots as `slots`, with the entries whose hashes are `hashes` (by index) placed
  /// again.
  static func doubled(_ slots: [Int32], hashes: [UInt64]) -> [Int32] {
    var grown = [Int32](repeating: -1, count: slots.count * 2)
    let mask = grown.count - 1
    for index in hashes.indices {
      var slot = Int(truncatingIfNeeded: hashes[index]) & mask
      while grown[slot] >= 0 { slot = (slot + 1) & mask }
      grown[slot] = Int32(index)
    }
    return grown
  }
}
