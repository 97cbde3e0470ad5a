/// A deterministic pseudo-random generator (SplitMix64), so that one seed gives the same
/// organisation, the same times and the same bytes on every machine.
///
/// Only integer arithmetic is used: no `Double` transcendental functions (their last bit differs
/// between C libraries), no `SystemRandomNumberGenerator`, no `Hasher` (seeded per process).
struct SampleRandom: Sendable {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  /// An independent stream for one purpose, derived from this generator's seed and `label`, so
  /// adding draws to one part of the generator does not shift the others.
  func derived(_ label: String) -> SampleRandom {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a over the label's UTF-8 bytes.
    for byte in label.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    var mixer = SampleRandom(seed: state ^ hash)
    return SampleRandom(seed: mixer.next())
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<count` (Lemire's multiply-high; the bias is below 2^-40 here).
  mutating func below(_ count: Int) -> Int {
    precondition(count > 0, "below(_:) needs a positive count")
    return Int(next().multipliedFullWidth(by: UInt64(count)).high)
  }

  /// A uniform integer in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.upperBound - range.lowerBound + 1)
  }

  /// True with probability `permille`/1000.
  mutating func chance(permille: Int) -> Bool {
    below(1000) < permille
  }

  /// One element of a non-empty array.
  mutating func pick<Element>(_ elements: [Element]) -> Element {
    elements[below(elements.count)]
  }

  /// The elements in a random order (Fisher–Yates).
  mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
    var result = elements
    var index = result.count - 1
    while index > 0 {
      result.swapAt(index, below(index + 1))
      index -= 1
    }
    return result
  }

  /// `count` characters from `alphabet`.
  mutating func string(_ count: Int, from alphabet: String) -> String {
    let characters = Array(alphabet)
    var text = ""
    for _ in 0..<count { text.append(characters[below(characters.count)]) }
    return text
  }

  /// A version-4 UUID in lower-case hex.
  mutating func uuid() -> String {
    let high = next()
    let low = next()
    let digits = Array(Self.hex(high, 16) + Self.hex(low, 16))
    let variants: [Character] = ["8", "9", "a", "b"]
    return String(digits[0..<8]) + "-" + String(digits[8..<12]) + "-4" + String(digits[13..<16]) + "-"
      + String(variants[Int(low >> 62)]) + String(digits[17..<20]) + "-" + String(digits[20..<32])
  }

  /// `value` as lower-case hex, left-padded with zeros to `width` digits.
  static func hex(_ value: UInt64, _ width: Int) -> String {
    let digits = String(value, radix: 16)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }

  static let base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
  static let lowerAlphanumerics = "0123456789abcdefghijklmnopqrstuvwxyz"
}
