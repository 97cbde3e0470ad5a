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

  /// Each the index of an entry or -1, at most half in use; doubled as entries come, up to twice
  /// the capacity. Empty until first used.
  private var slots: [Int32] = []
  private var hashes: [UInt64] = []
  /// Where each entry's key ends in `keyBytes` (it starts where the one before ends).
  private var keyEnds: [Int] = []
  private var keyBytes: [UInt8] = []
  private var lists: [[Identifier]] = []
  /// The key being composed.
  private var key: [UInt8] = []
  /// The hash and free slot of the key last missed, for `store`; nil when `store` has nothing to do.
  private var missed: (hash: UInt64, slot: Int)?
  private let seed: UInt64

  /// A cache whose limits are the type's (`capacity`, `byteCapacity`) or, for tests, smaller.
  init(capacity: Int = Self.capacity, byteCapacity: Int = Self.byteCapacity) {
    self.seed = ByteHash.seed
    self.limit = capacity
    self.byteLimit = byteCapacity
  }

  private let limit: Int
  private let byteLimit: Int

  /// The bytes of a field that holds none.
  private static var noBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: nil, count: 0) }

  /// How many lists the cache holds.
  var count: Int { lists.count }

  /// Starts a new key.
  mutating func beginKey() {
    key.removeAll(keepingCapacity: true)
    missed = nil
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

  /// The list stored under the key composed since `beginKey`, or nil (after which `store` keeps
  /// the list made for it, when there is room).
  mutating func cachedList() -> [Identifier]? {
    if slots.isEmpty { slots = [Int32](repeating: -1, count: Self.initialSlots) }
    let hash = key.withUnsafeBytes { ByteHash.hash($0, seed: seed) }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    // The slots are never more than half full, so an empty one ends every search.
    while slots[slot] >= 0 {
      let index = Int(slots[slot])
      if hashes[index] == hash, keyMatches(index) { return lists[index] }
      slot = (slot + 1) & mask
    }
    missed = (hash, slot)
    return nil
  }

  /// Keeps `list` under the key `cachedList` last missed, first emptying the cache when it is full.
  mutating func store(_ list: [Identifier]) {
    guard let (hash, missedSlot) = missed else { return }
    missed = nil
    var slot = missedSlot
    guard key.count <= byteLimit else { return }
    if lists.count >= limit || keyBytes.count + key.count > byteLimit {
      startOver()
      slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    }
    slots[slot] = Int32(lists.count)
    hashes.append(hash)
    keyBytes.append(contentsOf: key)
    keyEnds.append(keyBytes.count)
    lists.append(list)
    if lists.count * 2 >= slots.count { grow() }
  }

  /// Whether the key of entry `index` is the key being composed, byte for byte.
  private func keyMatches(_ index: Int) -> Bool {
    let start = index == 0 ? 0 : keyEnds[index - 1]
    let end = keyEnds[index]
    guard end - start == key.count else { return false }
    return keyBytes.withUnsafeBytes { stored in
      key.withUnsafeBufferPointer { composed in
        guard let base = composed.baseAddress else { return true }
        return memcmpEqual(stored, start, base, composed.count)
      }
    }
  }

  /// Empties the cache, keeping its storage.
  private mutating func startOver() {
    for slot in slots.indices { slots[slot] = -1 }
    hashes.removeAll(keepingCapacity: true)
    keyEnds.removeAll(keepingCapacity: true)
    keyBytes.removeAll(keepingCapacity: true)
    lists.removeAll(keepingCapacity: true)
  }

  /// Doubles the slots and places every entry again.
  private mutating func grow() {
    slots = SlotTable.doubled(slots, hashes: hashes)
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
