/// A fixed set of member names that `JSONObject.forEachMember(in:)` picks out in one pass.
///
/// Reading many fields with `object[key]` walks the object's members once per field; a decoder
/// that wants twenty fields of a twenty-member object does better to walk it once. Names are found
/// by a small open-addressing hash on their length and a few bytes, then compared byte for byte.
/// A class, so that the indexes that use a table share it without copying its arrays.
public final class JSONKeyTable: Sendable {
  /// The most names one table holds (`forEachMember(in:)` tracks them in a 64-bit mask).
  public static let capacity = 64

  /// Every name's bytes, one after another: name `slot` is
  /// `nameBytes[nameStarts[slot]..<nameStarts[slot + 1]]`.
  private let nameBytes: [UInt8]
  private let nameStarts: [Int]
  private let nameStrings: [String]
  /// Slot + 1 of the name hashed there, or 0 for an empty bucket.
  private let buckets: [UInt8]
  private let mask: Int

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
    var buckets = [UInt8](repeating: 0, count: size)
    nameBytes.withUnsafeBytes { all in
      for slot in keys.indices {
        let name = UnsafeRawBufferPointer(rebasing: all[nameStarts[slot]..<nameStarts[slot + 1]])
        var bucket = Self.hash(name) & (size - 1)
        while buckets[bucket] != 0 { bucket = (bucket + 1) & (size - 1) }
        buckets[bucket] = UInt8(slot + 1)
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
    var bucket = Self.hash(name) & mask
    return nameBytes.withUnsafeBytes { names in
      while true {
        let entry = Int(buckets[bucket])
        guard entry != 0 else { return nil }
        let start = nameStarts[entry - 1]
        let candidate = names.baseAddress.unsafelyUnwrapped + start
        if nameStarts[entry] - start == name.count,
          memcmpEqual(name, 0, candidate.assumingMemoryBound(to: UInt8.self), name.count)
        {
          return entry - 1
        }
        bucket = (bucket + 1) & mask
      }
    }
  }

  /// The slot of a decoded name (for keys written with escapes), or nil.
  func slot(decoded name: String) -> Int? {
    nameStrings.firstIndex(of: name)
  }

  @inline(__always)
  private static func hash(_ name: UnsafeRawBufferPointer) -> Int {
    let length = name.count
    guard length > 0 else { return 0 }
    let first = Int(name[0])
    let middle = Int(name[length / 2])
    let last = Int(name[length - 1])
    return (length &* 31 &+ first &* 7 &+ middle &* 3 &+ last) ^ (length >> 2)
  }
}

extension JSONObject {
  /// Calls `body` with the slot in `table` and the value of each member whose name is in `table`,
  /// in document order. A name that occurs more than once is reported once, at its first
  /// occurrence, the member `self[key]` returns.
  public func forEachMember(in table: JSONKeyTable, _ body: (Int, JSONValue) -> Void) {
    let tokens = value.tokens
    let bytes = value.bytes
    var seen: UInt64 = 0
    var index = value.index + 1
    let end = tokens[value.index].next
    while index < end {
      let key = tokens[index]
      let slot =
        key.isEscaped
        ? JSONValue(bytes: bytes, tokens: tokens, index: index).string.flatMap { table.slot(decoded: $0) }
        : table.slot(UnsafeRawBufferPointer(rebasing: bytes[key.start..<key.end]))
      if let slot, seen & (1 << UInt64(slot)) == 0 {
        seen |= 1 << UInt64(slot)
        body(slot, JSONValue(bytes: bytes, tokens: tokens, index: index + 1))
      }
      index = tokens[index + 1].next
    }
  }
}
