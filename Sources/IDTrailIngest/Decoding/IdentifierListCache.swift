import CPrefetch
import IDTrailModel

/// Remembers, for the parts of an input (`PartTables`), the shared identifier list a decoder made
/// from given bytes of a record, so that a record repeating those bytes gets the list back without
/// its identifiers, strings or array being made, hashed or compared again.
///
/// A decoder composes a key from the input's bytes (`beginKey`, `appendField`), asks for the list
/// (`cachedList`) and, on a miss, makes the list and `store`s it. The key must decide the list:
/// equal keys for records whose lists could differ would be wrong, while different keys for
/// records with equal lists only miss. A hit compares the whole key byte for byte; the hash (keyed
/// per process, `ByteHash`) only finds the candidate. The cache keeps at most `capacity` lists and
/// `byteCapacity` key bytes; a list that would pass either starts it over empty, so its memory stays
/// bounded whatever the input, and a cache handed on from part to part goes on serving the people
/// of the latest records.
struct IdentifierListCache: Sendable {
  /// Lists kept at most.
  static let capacity = 1 << 14
  /// Key bytes kept at most (all keys together).
  static let byteCapacity = 1 << 20
  private static let initialSlots = 1 << 8

  /// A stored list, its key's hash and where its key is in `keyBytes`; a nil `list` marks an
  /// empty slot. The slot holds all a lookup needs but the key's bytes, so that a lookup whose slot
  /// was prefetched (`prefetchSlot`) waits on memory once, for those bytes and the list's storage
  /// side by side, rather than for an index, then a hash, then where the key is.
  private struct Slot {
    var hash: UInt64 = 0
    var keyStart: UInt32 = 0
    var keyLength: UInt32 = 0
    var list: [Identifier]?
  }

  /// Open addressing, at most half in use; doubled as lists come, up to twice the capacity. Empty
  /// until first used.
  private var slots: [Slot] = []
  /// The keys of the stored lists, one after another.
  private var keyBytes: [UInt8] = []
  /// How many lists the cache holds.
  private(set) var count = 0
  /// The key being composed.
  private var key: [UInt8] = []
  /// The hash and free slot of the key last missed, for `store`; nil when `store` has nothing to do.
  private var missed: (hash: UInt64, slot: Int)?
  /// The hash of the key being composed, once `prefetchSlot` has worked it out.
  private var keyHash: UInt64?
  private let seed: UInt64

  /// A cache whose limits are the type's (`capacity`, `byteCapacity`) or, for tests, smaller.
  init(capacity: Int = Self.capacity, byteCapacity: Int = Self.byteCapacity) {
    precondition(byteCapacity <= Int(UInt32.max), "IdentifierListCache places keys with 32-bit offsets")
    self.seed = ByteHash.seed
    self.limit = capacity
    self.byteLimit = byteCapacity
  }

  private let limit: Int
  private let byteLimit: Int

  /// The bytes of a field that holds none.
  private static var noBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: nil, count: 0) }

  /// Starts a new key.
  mutating func beginKey() {
    key.removeAll(keepingCapacity: true)
    missed = nil
    keyHash = nil
  }

  /// Appends one field of the key: `tag` (which tells what kind of value the bytes are, or that
  /// there is none) and the bytes, delimited by their length so that no two field lists run
  /// together into the same key.
  mutating func appendField(tag: UInt8, _ bytes: UnsafeRawBufferPointer) {
    let length = UInt32(truncatingIfNeeded: bytes.count)
    key.append(tag)
    key.append(UInt8(truncatingIfNeeded: length))
    key.append(UInt8(truncatingIfNeeded: length >> 8))
    key.append(UInt8(truncatingIfNeeded: length >> 16))
    key.append(UInt8(truncatingIfNeeded: length >> 24))
    key.append(contentsOf: bytes)
  }

  /// Works out the hash of the key composed so far (which must then be complete) and asks for the
  /// memory of its slot, so that a `cachedList` called after other work finds the slot at hand:
  /// a record seldom meets the same person as the records just before it, and the slot has left
  /// the processor's cache by then.
  mutating func prefetchSlot() {
    if slots.isEmpty { slots = [Slot](repeating: Slot(), count: Self.initialSlots) }
    let hash = hashOfKey(seed: seed)
    keyHash = hash
    slots.withUnsafeBufferPointer { slots in
      let slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
      idtrail_prefetch(slots.baseAddress.unsafelyUnwrapped + slot)
    }
  }

  /// Asks, once the slot `prefetchSlot` asked for has come (after some other work), for what a hit
  /// reads beyond it: the stored key's bytes, and the list's storage, whose reference count the
  /// hit raises. Only the first slot probed is looked at, which is the one for most keys.
  func prefetchEntry() {
    guard let hash = keyHash, !slots.isEmpty else { return }
    slots.withUnsafeBufferPointer { slots in
      let slot = slots.baseAddress.unsafelyUnwrapped + (Int(truncatingIfNeeded: hash) & (slots.count - 1))
      guard slot.pointee.hash == hash else { return }
      keyBytes.withUnsafeBytes { stored in
        if let base = stored.baseAddress { idtrail_prefetch(base + Int(slot.pointee.keyStart)) }
      }
      // The list's storage address, read from the slot's bytes: looking at the list itself would
      // retain it, which is the wait on memory this avoids.
      let storage = UnsafeRawPointer(slot).load(fromByteOffset: Self.listOffset, as: UnsafeRawPointer?.self)
      if let storage { idtrail_prefetch(storage) }
    }
  }

  /// Where in a `Slot` its list's reference is.
  private static let listOffset = MemoryLayout<Slot>.offset(of: \Slot.list) ?? 0

  /// The list stored under the key composed since `beginKey`, or nil (after which `store` keeps
  /// the list made for it, when there is room).
  mutating func cachedList() -> [Identifier]? {
    if slots.isEmpty { slots = [Slot](repeating: Slot(), count: Self.initialSlots) }
    let hash = keyHash ?? hashOfKey(seed: seed)
    let (slot, found) = probe(hash)
    if found { return slots[slot].list }
    missed = (hash, slot)
    return nil
  }

  /// The slot holding the key being composed (found), or else the empty slot that ends its search.
  /// (Static over the storage: a method of the cache called from a mutating one copied it whole.)
  private func probe(_ hash: UInt64) -> (slot: Int, found: Bool) {
    slots.withUnsafeBufferPointer { slots in
      keyBytes.withUnsafeBytes { stored in
        key.withUnsafeBufferPointer { composed in
          Self.probe(hash, in: slots, keys: stored, for: composed)
        }
      }
    }
  }

  private static func probe(
    _ hash: UInt64, in slots: UnsafeBufferPointer<Slot>, keys stored: UnsafeRawBufferPointer,
    for composed: UnsafeBufferPointer<UInt8>
  ) -> (slot: Int, found: Bool) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    // The slots are never more than half full, so an empty one ends every search.
    while slots[slot].list != nil {
      if slots[slot].hash == hash, Int(slots[slot].keyLength) == composed.count,
        composed.isEmpty
          || memcmpEqual(
            stored, Int(slots[slot].keyStart), composed.baseAddress.unsafelyUnwrapped, composed.count)
      {
        return (slot, true)
      }
      slot = (slot + 1) & mask
    }
    return (slot, false)
  }

  /// Keeps `list` under the key `cachedList` last missed, first emptying the cache when it is full.
  mutating func store(_ list: [Identifier]) {
    guard let (hash, missedSlot) = missed else { return }
    missed = nil
    var slot = missedSlot
    guard key.count <= byteLimit else { return }
    if count >= limit || keyBytes.count + key.count > byteLimit {
      startOver()
      slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    }
    slots[slot] = Slot(
      hash: hash, keyStart: UInt32(keyBytes.count), keyLength: UInt32(key.count), list: list)
    keyBytes.append(contentsOf: key)
    count += 1
    if count * 2 >= slots.count { grow() }
  }

  /// The hash of the key being composed. (`seed` is passed: a closure over the cache's own, in a
  /// mutating method, copied the whole cache once per lookup.)
  private func hashOfKey(seed: UInt64) -> UInt64 {
    key.withUnsafeBytes { ByteHash.hash($0, seed: seed) }
  }

  /// Empties the cache, keeping its storage.
  private mutating func startOver() {
    for slot in slots.indices { slots[slot] = Slot() }
    keyBytes.removeAll(keepingCapacity: true)
    count = 0
  }

  /// Doubles the slots and places every list again.
  private mutating func grow() {
    var grown = [Slot](repeating: Slot(), count: slots.count * 2)
    let mask = grown.count - 1
    for index in slots.indices where slots[index].list != nil {
      var slot = Int(truncatingIfNeeded: slots[index].hash) & mask
      while grown[slot].list != nil { slot = (slot + 1) & mask }
      grown[slot] = slots[index]
    }
    slots = grown
  }
}

extension IdentifierListCache {
  /// Appends a field that holds no bytes and says only which recipe the rest of the key feeds, so
  /// that keys of lists made in different ways never meet. Its tag (0x80 and up) is none a value
  /// field uses.
  mutating func appendRecipe(_ recipe: UInt8) {
    appendField(tag: 0x80 | recipe, Self.noBytes)
  }

  /// Appends a JSON value (nil for none): its kind, whether it is written with escapes, and for
  /// strings and numbers its bytes as written. Equal keys thus mean equal values as every reading
  /// of the field decodes them (the bytes of `true`, `false` and `null` follow from the kind;
  /// objects and arrays read as no value).
  mutating func appendField(_ value: JSONValue?) {
    guard let value else {
      appendField(tag: 0xFF, Self.noBytes)
      return
    }
    let token = value.tokens[value.index]
    let tag = token.kind.rawValue | (token.isEscaped ? 0x10 : 0)
    switch token.kind {
    case .string, .number:
      appendField(tag: tag, UnsafeRawBufferPointer(rebasing: value.bytes[token.start..<token.end]))
    case .object, .array, .true, .false, .null:
      appendField(tag: tag, Self.noBytes)
    }
  }

  /// Appends a decoded value (nil for none) by its UTF-8.
  mutating func appendField(_ text: String?) {
    guard var text else {
      appendField(tag: 0xFF, Self.noBytes)
      return
    }
    text.withUTF8 { appendField(tag: 0x20, UnsafeRawBufferPointer($0)) }
  }
}
