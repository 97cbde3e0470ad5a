/// A fast 64-bit hash of a byte string, keyed per process: for the tables on per-record paths
/// (repeated deliveries, interned strings), where the standard library's SipHash showed.
///
/// Eight bytes at a time, each word folded in by a full 64×64→128-bit multiply whose halves are
/// xored (as in wyhash). The key is random per process, so inputs cannot be prepared to collide
/// in bulk; the tables that use it still compare bytes on equal hashes, so a collision costs time
/// and never merges two values.
public enum ByteHash {
  /// The per-process key.
  public static let seed: UInt64 = .random(in: 0...UInt64.max)

  @inlinable static var multiplier: UInt64 { 0x9E37_79B9_7F4A_7C15 }
  @inlinable static var finalMultiplier: UInt64 { 0xBF58_476D_1CE4_E5B9 }

  /// The hash of `bytes` under the process's key.
  @inlinable
  public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    hash(bytes, seed: seed)
  }

  /// The hash of `bytes` under `seed`.
  @inlinable
  public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
    let count = bytes.count
    var state = seed ^ (UInt64(truncatingIfNeeded: count) &* multiplier)
    guard let base = bytes.baseAddress else { return finish(state) }
    var position = 0
    while position + 8 <= count {
      let word = (base + position).loadUnaligned(as: UInt64.self)
      state = fold(state ^ word, word ^ seed)
      position += 8
    }
    if position < count {
      // The last one to seven bytes, as one word (the length above tells "a" from "a\0").
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while position < count {
        tail |= UInt64(base.load(fromByteOffset: position, as: UInt8.self)) << shift
        shift += 8
        position += 1
      }
      state = fold(state ^ tail, tail ^ seed)
    }
    return finish(state)
  }

  /// The two halves of the 128-bit product of `state` and `keyed` (a word xored with the key,
  /// so that no word the input can choose zeroes the product), xored.
  @inlinable
  static func fold(_ state: UInt64, _ keyed: UInt64) -> UInt64 {
    let product = state.multipliedFullWidth(by: keyed ^ multiplier)
    return product.high ^ product.low
  }

  @inlinable
  static func finish(_ state: UInt64) -> UInt64 {
    var value = state ^ (state >> 31)
    value = value &* finalMultiplier
    return value ^ (value >> 29)
  }
}

extension ByteHash {
  /// The hash of the UTF-8 bytes of `text` under the process's key.
  @inlinable
  public static func hash(_ text: String) -> UInt64 {
    if let hash = text.utf8.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) {
      return hash
    }
    return Array(text.utf8).withUnsafeBytes { hash($0) }
  }
}
