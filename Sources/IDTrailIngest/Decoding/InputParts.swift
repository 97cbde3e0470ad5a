/// How many parts a large input is split into for reading on all threads (NDJSON lines, array
/// elements, XML records).
enum InputParts {
  /// About how large a part is: small enough that threads finishing early find more work (the
  /// machine may be busy with other things, and the last parts of an input leave a core idle
  /// until they end), large enough that a part's fixed costs do not count.
  static let partBytes = 4 << 20

  /// About one part per `partBytes`, at least four and at most sixteen per thread. The cap keeps
  /// the parts of a large input large: each part shares its repeated strings and identifier lists
  /// within itself only.
  static func count(forBytes byteCount: Int, threads: Int) -> Int {
    min(max(threads * 4, byteCount / partBytes), threads * 16)
  }
}
