/// One value of a parsed JSON record, stored in document order on a flat tape.
///
/// An object's tokens are its key and value tokens, alternating; `next` skips a whole subtree, so a
/// lookup walks only the members of one object and never its descendants.
struct JSONToken {
  var kind: JSONKind
  /// For strings: the content holds backslash escapes and must be decoded before use.
  var isEscaped: Bool
  /// Offset of the value's first byte; for strings, the byte after the opening quote.
  var start: Int
  /// Offset past the value's last byte; for strings, the offset of the closing quote.
  var end: Int
  /// Tape index of the next sibling (for containers: past all of their descendants).
  var next: Int
}

/// The JSON value kinds of RFC 8259.
public enum JSONKind: UInt8, Sendable {
  case object, array, string, number, `true`, `false`, null
}
