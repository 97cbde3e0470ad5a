/// A JSON value to be written, with object members kept in the order they were given.
///
/// The generator builds records as these values and serialises them byte-exactly, so the key
/// order of every file follows the source system's, and the same value always gives the same bytes.
indirect enum JSONText: Sendable {
  case object([(String, JSONText)])
  case array([JSONText])
  case string(String)
  case int(Int)
  /// `value / 10^scale`, written without a float round-trip (`decimal(21, scale: 2)` is `0.21`).
  case decimal(Int, scale: Int)
  case bool(Bool)
  case null

  /// A string, or `null` when `text` is nil.
  static func optional(_ text: String?) -> JSONText {
    text.map(JSONText.string) ?? .null
  }

  /// The value on one line, without spaces.
  var compact: String {
    var bytes: [UInt8] = []
    write(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The value indented by two spaces per level, objects whose members are all scalars on one line.
  var pretty: String {
    var bytes: [UInt8] = []
    writePretty(to: &bytes, indent: 0)
    bytes.append(0x0A)
    return String(decoding: bytes, as: UTF8.self)
  }

  private var isFlat: Bool {
    switch self {
    case .object(let members): return members.allSatisfy { !$0.1.isContainer }
    case .array(let elements): return elements.allSatisfy { !$0.isContainer }
    default: return true
    }
  }

  private var isContainer: Bool {
    switch self {
    case .object, .array: return true
    default: return false
    }
  }

  private func writePretty(to bytes: inout [UInt8], indent: Int) {
    if isFlat {
      write(to: &bytes)
      return
    }
    let inner = [UInt8](repeating: 0x20, count: indent + 2)
    switch self {
    case .object(let members):
      bytes.append(contentsOf: Array("{\n".utf8))
      for (index, (key, value)) in members.enumerated() {
        bytes.append(contentsOf: inner)
        Self.writeString(key, to: &bytes)
        bytes.append(contentsOf: Array(": ".utf8))
        value.writePretty(to: &bytes, indent: indent + 2)
        bytes.append(contentsOf: Array((index + 1 < members.count ? ",\n" : "\n").utf8))
      }
      bytes.append(contentsOf: [UInt8](repeating: 0x20, count: indent))
      bytes.append(UInt8(ascii: "}"))
    case .array(let elements):
      bytes.append(contentsOf: Array("[\n".utf8))
      for (index, element) in elements.enumerated() {
        bytes.append(contentsOf: inner)
        element.writePretty(to: &bytes, indent: indent + 2)
        bytes.append(contentsOf: Array((index + 1 < elements.count ? ",\n" : "\n").utf8))
      }
      bytes.append(contentsOf: [UInt8](repeating: 0x20, count: indent))
      bytes.append(UInt8(ascii: "]"))
    default:
      write(to: &bytes)
    }
  }

  /// Appends the compact form to `bytes`.
  func write(to bytes: inout [UInt8]) {
    switch self {
    case .object(let members):
      bytes.append(UInt8(ascii: "{"))
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        Self.writeString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        value.write(to: &bytes)
      }
      bytes.append(UInt8(ascii: "}"))
    case .array(let elements):
      bytes.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        element.write(to: &bytes)
      }
      bytes.append(UInt8(ascii: "]"))
    case .string(let text):
      Self.writeString(text, to: &bytes)
    case .int(let value):
      bytes.append(contentsOf: String(value).utf8)
    case .decimal(let value, let scale):
      bytes.append(contentsOf: Self.decimalText(value, scale: scale).utf8)
    case .bool(let value):
      bytes.append(contentsOf: (value ? "true" : "false").utf8)
    case .null:
      bytes.append(contentsOf: "null".utf8)
    }
  }

  /// `value / 10^scale` in plain decimal notation, trailing zeros dropped but one fraction digit kept.
  static func decimalText(_ value: Int, scale: Int) -> String {
    guard scale > 0 else { return String(value) }
    let negative = value < 0
    let magnitude = String(negative ? -value : value)
    let padded =
      magnitude.count > scale
      ? magnitude : String(repeating: "0", count: scale - magnitude.count + 1) + magnitude
    let split = padded.index(padded.endIndex, offsetBy: -scale)
    var fraction = String(padded[split...])
    while fraction.count > 1 && fraction.hasSuffix("0") { fraction.removeLast() }
    return (negative ? "-" : "") + padded[..<split] + "." + fraction
  }

  /// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped
  /// (RFC 8259 §7); everything else, including non-ASCII UTF-8, as is.
  static func writeString(_ text: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
      case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
      case 0x00..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [
          0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
        ])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// The members of an object value, or nil for any other value.
  var members: [(String, JSONText)]? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// This object with `key` set to `value`: replaced in place when present, appended otherwise.
  func setting(_ key: String, _ value: JSONText) -> JSONText {
    guard var members else { return self }
    if let index = members.firstIndex(where: { $0.0 == key }) {
      members[index].1 = value
    } else {
      members.append((key, value))
    }
    return .object(members)
  }
}
