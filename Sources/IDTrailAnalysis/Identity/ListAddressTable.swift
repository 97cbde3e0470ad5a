import IDTrailModel

/// A map from the storage of identifier lists to small integers: the per-event cache of the
/// identity graph and of `EventPeople`, which see every list millions of times.
///
/// The decoders give the events of an input one array per distinct list, so the storage address
/// stands for the contents while the arrays are alive (equal addresses imply equal contents; equal
/// contents in separate storage only miss). Valid only while the lists are alive: the graph and
/// `EventPeople` keep one over a trail they hold. Open addressing with a multiply-shift hash over
/// the address: no `Hasher`, one probe for most lookups.
struct ListAddressTable {
  private struct Entry {
    var address: UInt
    var value: Int32
  }

  /// Address 0 marks an empty entry (no list lives at address 0).
  private var entries: [Entry]
  private var shift: UInt
  private var count = 0

  init() {
    entries = Array(repeating: Entry(address: 0, value: 0), count: 1 << 10)
    shift = UInt(UInt.bitWidth - 10)
  }

  /// The address of `list`'s storage, read from the array's own reference so that the storage
  /// (cold in cache for most lists) is not touched. Empty lists share one storage, and so one
  /// address: all of them have the same contents.
  @inline(__always) static func address(of list: [Identifier]) -> UInt {
    unsafeBitCast(list, to: UInt.self)
  }

  @inline(__always) private static func home(of address: UInt, shift: UInt) -> Int {
    Int(truncatingIfNeeded: (address &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// The value stored for the list at `address`.
  @inline(__always) func value(at address: UInt) -> Int32? {
    let shift = shift
    return entries.withUnsafeBufferPointer { entries in
      let mask = entries.count - 1
      var position = Self.home(of: address, shift: shift)
      while true {
        let entry = entries[position]
        if entry.address == address { return entry.value }
        if entry.address == 0 { return nil }
        position = (position + 1) & mask
      }
    }
  }

  /// Stores `value` for the list at `address`, replacing any value it had.
  mutating func set(_ value: Int32, at address: UInt) {
    if (count + 1) * 4 > entries.count * 3 { grow() }
    let shift = shift
    let inserted = entries.withUnsafeMutableBufferPointer { entries in
      let mask = entries.count - 1
      var position = Self.home(of: address, shift: shift)
      while entries[position].address != 0 && entries[position].address != address {
        position = (position + 1) & mask
      }
      let isNew = entries[position].address == 0
      entries[position] = Entry(address: address, value: value)
      return isNew
    }
    if inserted { count += 1 }
  }

  private mutating func grow() {
    let old = entries
    entries = Array(repeating: Entry(address: 0, value: 0), count: old.count * 2)
    shift -= 1
    count = 0
    for entry in old where entry.address != 0 {
      set(entry.value, at: entry.address)
    }
  }
}
