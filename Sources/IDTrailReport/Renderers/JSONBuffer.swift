import Foundation

/// The growable byte buffer `JSONTextEncoder` writes into, with the pieces of JSON text as
/// `JSONEncoder` writes them pretty printed with slashes unescaped.
///
/// Plain stores into memory it owns: an array checks uniqueness and capacity through a generic
/// `append(contentsOf:)` on every piece, which cost more than the encoding of most members.
struct JSONBuffer: ~Copyable {
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 1 << 14) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  /// The bytes written, as an array.
  var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// The bytes in `range`; valid until the next write.
  func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
  }

  mutating func truncate(to newCount: Int) { count = newCount }

  @inline(__always)
  private mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(to: count + extra) }
  }

  private mutating func grow(to needed: Int) {
    let newCapacity = max(needed, capacity * 2)
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.initialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  @inline(__always)
  mutating func append(_ byte: UInt8) {
    reserve(1)
    base[count] = byte
    count += 1
  }

  /// Bytes from elsewhere: never from this buffer, which may move as it grows.
  mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
    guard let start = source.baseAddress, !source.isEmpty else { return }
    reserve(source.count)
    (base + count).initialize(from: start, count: source.count)
    count += source.count
  }

  mutating func append(_ literal: StaticString) {
    append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// Two spaces per level.
  mutating func appendIndent(_ level: Int) {
    let width = 2 * level
    reserve(width)
    (base + count).initialize(repeating: UInt8(ascii: " "), count: width)
    count += width
  }

  /// `value` quoted and escaped as swift-foundation's writer escapes: `"` and `\`, control characters
  /// as `\b \f \n \r \t` or `\u00xx` in lower-case hex; everything else as is (`/`, DEL, U+2028 and
  /// all non-ASCII included).
  mutating func appendString(_ value: String) {
    var value = value
    value.withUTF8 { text in
      reserve(text.count + 2)
      base[count] = UInt8(ascii: "\"")
      count += 1
      var mark = 0
      var index = 0
      while index < text.count {
        // Eight bytes at a time while none needs escaping.
        if index + 8 <= text.count, let start = text.baseAddress,
          !Self.mayNeedEscape(UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self))
        {
          index += 8
          continue
        }
        let byte = text[index]
        if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
          append(UnsafeBufferPointer(rebasing: text[mark..<index]))
          appendEscape(byte)
          mark = index + 1
        }
        index += 1
      }
      append(UnsafeBufferPointer(rebasing: text[mark...]))
      append(UInt8(ascii: "\""))
    }
  }

  /// Whether any of the eight bytes in `word` may be a control character, `"` or `\` (never false when
  /// one is; now and then true when none is).
  private static func mayNeedEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
    let control = (word &- 0x20 &* ones) & ~word & highs != 0
    return control || hasZeroByte(word ^ (0x22 &* ones)) || hasZeroByte(word ^ (0x5C &* ones))
  }

  private mutating func appendEscape(_ byte: UInt8) {
    append(UInt8(ascii: "\\"))
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
    case 0x08: append(UInt8(ascii: "b"))
    case 0x0C: append(UInt8(ascii: "f"))
    case 0x0A: append(UInt8(ascii: "n"))
    case 0x0D: append(UInt8(ascii: "r"))
    case 0x09: append(UInt8(ascii: "t"))
    default:
      append("u00")
      append(Self.hexDigit(byte >> 4))
      append(Self.hexDigit(byte & 0xF))
    }
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
  }

  /// `value` in decimal, without making a string for it (128-bit values use their description).
  mutating func appendInteger<I: FixedWidthInteger>(_ value: I) {
    guard I.bitWidth <= 64 else {
      var text = value.description
      text.withUTF8 { append($0) }
      return
    }
    var magnitude = UInt64(truncatingIfNeeded: value.magnitude)
    reserve(21)
    if value < 0 {
      base[count] = UInt8(ascii: "-")
      count += 1
    }
    var digits = 1
    var rest = magnitude / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    var position = count + digits
    repeat {
      position -= 1
      base[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
      magnitude /= 10
    } while magnitude > 0
    count += digits
  }

  /// A finite float as `JSONEncoder` writes it: its description without a trailing `.0`.
  mutating func appendFloat<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) {
    var text = value.description
    text.withUTF8 { append($0) }
    if count >= 2 && base[count - 2] == UInt8(ascii: ".") && base[count - 1] == UInt8(ascii: "0") { count -= 2 }
  }

  /// The order of `left` and `right` by their UTF-8 bytes (negative, zero or positive): the order in
  /// which swift-foundation's writer sorts keys on Linux.
  static func compareUTF8(_ left: String, _ right: String) -> Int32 {
    var left = left
    var right = right
    return left.withUTF8 { leftBytes in
      right.withUTF8 { rightBytes in
        let common = min(leftBytes.count, rightBytes.count)
        if common > 0, let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress {
          let order = memcmp(leftBase, rightBase, common)
          if order != 0 { return order }
        }
        return Int32(leftBytes.count) - Int32(rightBytes.count)
      }
    }
  }
}
