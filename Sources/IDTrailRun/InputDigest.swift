import Crypto
import IDTrailIngest

/// SHA-256 of an input's bytes as idtrail read them (after gzip inflation), so an auditor can tie
/// the report to the exact files.
enum InputDigest {
  static func sha256(of input: InputBytes) -> String {
    input.withBytes { bytes in
      SHA256.hash(data: bytes).map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
      }.joined()
    }
  }
}
