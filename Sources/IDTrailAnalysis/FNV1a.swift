/// The 64-bit FNV-1a hash: small, deterministic across runs and platforms (unlike `Hasher`, which
/// is seeded randomly per process), and good enough for short stable identifiers.
enum FNV1a {
  private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  private static let prime: UInt64 = 0x0000_0100_0000_01b3

  /// The hash of the UTF-8 bytes of `text`.
  static func hash(_ text: String) -> UInt64 {
    var hash = offsetBasis
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* prime
    }
    return hash
  }

  /// The first `length` lowercase hex digits of the zero-padded hash of `text`.
  static func hexPrefix(of text: String, length: Int) -> String {
    let digits = String(hash(text), radix: 16)
    let padded = String(repeating: "0", count: 16 - digits.count) + digits
    return String(padded.prefix(length))
  }
}
