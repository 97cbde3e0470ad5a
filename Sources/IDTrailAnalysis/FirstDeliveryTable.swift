import CPrefetch

/// Where the first delivery of each event id was kept, for dropping repeated deliveries.
///
/// A dictionary keyed by (source, id) strings costs about 60 bytes and two string hashes per
/// event; at millions of events that was a large part of building the trail. This table holds one
/// 64-bit slot per entry (open addressing, at most half full): 32 bits of the key's hash and the
/// kept position. A slot whose hash bits match is confirmed by the caller's full comparison, so two
/// different ids are never taken for one; with a hash keyed per process (`ByteHash`), no input can
/// be made to collide in bulk and lengthen the probes.
struct FirstDeliveryTable {
  private var slots: [UInt64]
  private let mask: Int

  /// A table for up to `capacity` entries.
  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [UInt64](repeating: 0, count: size)
    mask = size - 1
  }

  /// Asks the processor to fetch the slot where a lookup of `hash` starts (only a hint).
  func prefetch(hash: UInt64) {
    guard hash != 0 else { return }
    slots.withUnsafeBufferPointer { slots in
      idtrail_prefetch(slots.baseAddress.unsafelyUnwrapped + (Int(truncatingIfNeeded: hash) & mask))
    }
  }

  /// The position kept for a key equal to this one (`isSame` compares a kept position's key with
  /// it), or nil after recording `position` for it.
  mutating func kept(hash: UInt64, orRecord position: Int, isSame: (Int) -> Bool) -> Int? {
    let fingerprint = hash >> 32
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 {
        slots[slot] = fingerprint << 32 | UInt64(position + 1)
        return nil
      }
      if entry >> 32 == fingerprint {
        let candidate = Int(entry & 0xffff_ffff) - 1
        if isSame(candidate) { return candidate }
      }
      slot = (slot + 1) & mask
    }
  }
}
