import Crypto
import IDTrailIngest

/// SHA-256 of an input's bytes as idtrail read them (after gzip inflation), so an auditor can tie
/// the report to the exact files.
enum InputDigest {
  /// How much is hashed before those pages are let go.
  private static let blockBytes = 8 << 20

  static func sha256(of input: InputBytes) -> String {
    var hasher = SHA256()
    input.withBytes { bytes in
      var start = 0
      while start < bytes.count {
        let end = min(bytes.count, start + blockBytes)
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        input.doneReading(start..<end)
        start = end
      }
    }
    return hasher.finalize().map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}
