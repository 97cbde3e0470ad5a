/// A fixed set of member names that `JSONObject.forEachMember(in:)` picks out in one pass.
///
/// Reading many fields with `object[key]` walks the object's members once per field; a decoder
/// that wants twenty fields of a twenty-member object does better to walk it once. Each bucket of a
/// small open-addressing hash holds a name's length and its first and last bytes as two words
/// (`NameWords`), so a name of up to 16 bytes is found or ruled out with three compares and no
/// pointer chase; longer names are then compared byte for byte. A class, so that the indexes that
/// use a table share it without copying its arrays.
public final class JSONKeyTable: Sendable {
  /// The most names one table holds (`forEachMember(in:)` tracks them in a 64-bit mask).
  public static let capacity = 64

  /// Every name's bytes, one after another: name `slot` is
  /// `nameBytes[nameStarts[slot]..<nameStarts[slot + 1]]` (read only for names over 16 bytes).
  private let nameBytes: [UInt8]
  private let nameStarts: [Int]
  private let nameStrings: [String]
  /// One entry per bucket; `slot` -1 marks an empty one.
  private let buckets: [Bucket]
  private let mask: Int

  /// A bucket: the words of the name hashed there and its slot.
  private struct Bucket {
    var words: NameWords
    var slot: Int
  }

  /// Builds a table; the slot of a name is its position in `keys`.
  ///
  /// - Precondition: at most `capacity` distinct names.
  public init(_ keys: [StaticString]) {
    precondition(keys.count <= Self.capacity, "a JSONKeyTable holds at most \(Self.capacity) names")
    nameStrings = keys.map(\.description)
    precondition(Set(nameStrings).count == keys.count, "JSONKeyTable names must be distinct")
    var nameBytes: [UInt8] = []
    var nameStarts = [0]
    for key in keys {
      nameBytes += UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
      nameStarts.append(nameBytes.count)
    }
    var size = 16
    while size < keys.count * 4 { size *= 2 }
    var buckets = [Bucket](repeating: Bucket(words: NameWords(), slot: -1), count: size)
    nameBytes.withUnsafeBytes { all in
      for slot in keys.indices {
        let words = NameWords(UnsafeRawBufferPointer(rebasing: all[nameStarts[slot]..<nameStarts[slot + 1]]))
        var bucket = words.hash & (size - 1)
        while buckets[bucket].slot >= 0 { bucket = (bucket + 1) & (size - 1) }
        buckets[bucket] = Bucket(words: words, slot: slot)
      }
    }
    self.nameBytes = nameBytes
    self.nameStarts = nameStarts
    self.buckets = buckets
    self.mask = size - 1
  }

  public var count: Int { nameStrings.count }

  /// The slot of the name spelt by `name` (UTF-8, unescaped), or nil when it is not in the table.
  @inline(__always)
  func slot(_ name: UnsafeRawBufferPointer) -> Int? {
    slot(name, words: NameWords(name))
  }

  /// `slot(_:)` with the name's words already worked out.
  @inline(__always)
  func slot(_ name: UnsafeRawBufferPointer, words: NameWords) -> Int? {
    var bucket = words.hash & mask
    return buckets.withUnsafeBufferPointer { buckets in
      while true {
        let entry = buckets[bucket]
        guard entry.slot >= 0 else { return nil }
        if entry.words == words, words.length <= 16 || longNameEquals(name, slot: entry.slot) {
          return entry.slot
        }
        bucket = (bucket + 1) & mask
      }
    }
  }

  /// Whether the bytes of the name in `slot` equal `name`, of the same length.
  private func longNameEquals(_ name: UnsafeRawBufferPointer, slot: Int) -> Bool {
    nameBytes.withUnsafeBufferPointer { names in
      memcmpEqual(name, 0, names.baseAddress.unsafelyUnwrapped + nameStarts[slot], name.count)
    }
  }

  /// The slot of a decoded name (for keys written with escapes), or nil.
  func slot(decoded name: String) -> Int? {
    nameStrings.firstIndex(of: name)
  }
}

/// A name's length with its first and last bytes as two words: equal words mean equal names up to
/// 16 bytes long; longer names must then be compared in full.
///
/// Words are read with overlapping loads that never reach outside the name: `head` is its first
/// 8, 4, 2 or 1 bytes and `tail` the last as many, the width set by the length.
struct NameWords: Equatable {
  var length = 0
  var head: UInt64 = 0
  var tail: UInt64 = 0

  init() {}

  @inline(__always)
  init(_ name: UnsafeRawBufferPointer) {
    length = name.count
    guard let base = name.baseAddress else { return }
    @inline(__always)
    func load<Word: FixedWidthInteger>(_: Word.Type) {
      head = UInt64(base.loadUnaligned(as: Word.self))
      tail = UInt64((base + length - MemoryLayout<Word>.size).loadUnaligned(as: Word.self))
    }
    switch length {
    case 0: break
    case 1: head = UInt64(base.load(as: UInt8.self))
    case 2...3: load(UInt16.self)
    case 4...7: load(UInt32.self)
    default: load(UInt64.self)
    }
  }

  /// A bucket hash; the table masks it to its size.
  @inline(__always)
  var hash: Int {
    let mixed =
      (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(truncatingIfNeeded: length)
    return Int(truncatingIfNeeded: mixed >> 40)
  }
}

extension JSONObject {
  /// Calls `body` with the slot in `table` and the value of each member whose name is in `table`,
  /// in document order. A name that occurs more than once is reported once, at its first
  /// occurrence, the member `self[key]` returns.
  public func forEachMember(in table: JSONKeyTable, _ body: (Int, JSONValue) -> Void) {
    walkMembers(in: table, slot: { name, _ in table.slot(name) }, body)
  }

  /// `forEachMember(in:_:)` for an object of a kind whose member order `order` remembers: each
  /// name is checked against the one at its position in the last such object first.
  func forEachMember(in table: JSONKeyTable, order: inout JSONKeyOrder, _ body: (Int, JSONValue) -> Void) {
    order.prepare(for: table)
    walkMembers(in: table, slot: { name, position in order.slot(name, at: position, in: table) }, body)
  }

  /// The walk of `forEachMember`, with `slot` giving the slot of an unescaped name at a member
  /// position.
  @inline(__always)
  private func walkMembers(
    in table: JSONKeyTable, slot slotOf: (UnsafeRawBufferPointer, Int) -> Int?,
    _ body: (Int, JSONValue) -> Void
  ) {
    let tokens = value.tokens
    let bytes = value.bytes
    var seen: UInt64 = 0
    var index = value.index + 1
    var position = 0
    let end = tokens[value.index].next
    while index < end {
      let key = tokens[index]
      let slot =
        key.isEscaped
        ? JSONValue(bytes: bytes, tokens: tokens, index: index).string.flatMap { table.slot(decoded: $0) }
        : slotOf(UnsafeRawBufferPointer(rebasing: bytes[key.start..<key.end]), position)
      if let slot, seen & (1 << UInt64(slot)) == 0 {
        seen |= 1 << UInt64(slot)
        body(slot, JSONValue(bytes: bytes, tokens: tokens, index: index + 1))
      }
      index = tokens[index + 1].next
      position += 1
    }
  }
}
