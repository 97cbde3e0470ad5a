import IDTrailModel
import Synchronization

/// Shares one copy of each distinct identifier list among the events of an input.
///
/// A person's records name them with the same identifiers over and over; keeping one array per
/// distinct list saves its storage per event, and lets the analysis recognise a list it has seen
/// by the array's storage alone (`IdentifierListKey`).
///
/// Lists are found by a keyed hash of their values. A list that does not settle within a few
/// probes is used as it came, so inputs made to collide cost no more than inputs without
/// repeats; and the table stops growing at `capacity` lists.
struct IdentifierListInterner: Sendable {
  /// Where the parts of one input read side by side share their lists; nil for an input read in
  /// one part (or for the registry's own table).
  private let registry: IdentifierListRegistry?

  /// Lists kept at most; past that, new lists are used as they come.
  static let capacity = 1 << 20
  private static let probes = 16
  private static let initialSlots = 1 << 10

  /// Each the index of a list in `lists` or -1, at most a quarter in use (so that a list is
  /// found within `probes`): doubled as lists come, up to four times `capacity`; empty until
  /// first used.
  private var slots: [Int32] = []
  private var hashes: [UInt64] = []
  private var lists: [[Identifier]] = []

  init(registry: IdentifierListRegistry? = nil) {
    self.registry = registry
  }

  mutating func shared(_ list: [Identifier]) -> [Identifier] {
    guard !list.isEmpty else { return list }
    return shared(list, hash: Self.hash(list))
  }

  /// `shared(_:)` for a list whose `hash` the caller has already worked out.
  fileprivate mutating func shared(_ list: [Identifier], hash: UInt64) -> [Identifier] {
    if slots.isEmpty {
      slots = [Int32](repeating: -1, count: Self.initialSlots)
    } else if lists.count * 4 >= slots.count && slots.count < Self.capacity * 4 {
      grow()
    }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    for _ in 0..<Self.probes {
      let index = Int(slots[slot])
      if index < 0 {
        // New to this part: the copy the other parts use, if they have met it.
        let shared = registry?.shared(list, hash: hash) ?? list
        if lists.count < Self.capacity {
          slots[slot] = Int32(lists.count)
          hashes.append(hash)
          lists.append(shared)
        }
        return shared
      }
      if hashes[index] == hash, lists[index] == list { return lists[index] }
      slot = (slot + 1) & mask
    }
    return list
  }

  /// Doubles the slots and places every kept list again.
  private mutating func grow() {
    slots = SlotTable.doubled(slots, hashes: hashes)
  }

  /// Each value's bytes hashed with the process's key (`ByteHash`), folded in order; kinds are
  /// left to the comparison.
  private static func hash(_ list: [Identifier]) -> UInt64 {
    var hash = UInt64(truncatingIfNeeded: list.count) &+ 0x9E37_79B9_7F4A_7C15
    for identifier in list {
      hash = (hash &* 0xBF58_476D_1CE4_E5B9) ^ ByteHash.hash(identifier.value)
    }
    return hash
  }
}

/// One table of identifier lists for all parts of an input read side by side.
///
/// Each part keeps its own `IdentifierListInterner` and asks here only for lists new to it, so
/// the lock is taken about once per person and part; in return all parts' events share one
/// array per list. Per part, a 5 M-event report held a copy of every person's lists in each of
/// ~100 parts (about 100 MB), and the identity graph met each list once per part.
final class IdentifierListRegistry: Sendable {
  private let table = Mutex(IdentifierListInterner())

  /// The registry's array for `list`, whose hash a part's interner has already worked out.
  fileprivate func shared(_ list: [Identifier], hash: UInt64) -> [Identifier] {
    table.withLock { $0.shared(list, hash: hash) }
  }
}
