/// Why a record is not valid JSON, and the byte offset (in the whole input) where that was found.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Problem: Sendable, Equatable {
    case unexpectedEnd
    case unexpectedByte(UInt8)
    case controlCharacterInString
    case invalidEscape
    case invalidUnicodeEscape
    case unpairedSurrogate
    case invalidUTF8
    case invalidNumber
    case invalidLiteral
    case tooDeep(limit: Int)
    case trailingBytes
    case notAnObject
  }

  public var problem: Problem
  public var offset: Int

  public init(_ problem: Problem, at offset: Int) {
    self.problem = problem
    self.offset = offset
  }

  public var description: String {
    let what: String
    switch problem {
    case .unexpectedEnd: what = "the JSON ends in the middle of a value (truncated record?)"
    case .unexpectedByte(let byte):
      what = "unexpected \(Self.show(byte)) where a JSON value or separator should be"
    case .controlCharacterInString: what = "unescaped control character inside a string"
    case .invalidEscape: what = "invalid backslash escape in a string"
    case .invalidUnicodeEscape: what = "invalid \\u escape (four hex digits expected)"
    case .unpairedSurrogate: what = "\\u escape holds an unpaired UTF-16 surrogate"
    case .invalidUTF8: what = "invalid UTF-8"
    case .invalidNumber: what = "malformed number"
    case .invalidLiteral: what = "malformed literal (true, false or null expected)"
    case .tooDeep(let limit): what = "nested deeper than the limit of \(limit) levels"
    case .trailingBytes: what = "unexpected bytes after the end of the JSON value"
    case .notAnObject: what = "the record is valid JSON but not an object"
    }
    return "\(what) at byte \(offset)"
  }

  private static func show(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
    let hex = String(byte, radix: 16, uppercase: true)
    return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
  }
}
