/// What a value being encoded has asked for: nothing yet, or one kind of container.
enum JSONStorage {
  case none, single, keyed, unkeyed
}

/// Where a container writes: a value whose `encode(to:)` is running, or one kept aside.
enum JSONTarget {
  /// The `JSONTextEncoder` frame with this id, whose value stands `depth` levels down.
  case frame(id: Int, depth: Int)
  case deferred(JSONDeferredValue)

  var depth: Int {
    switch self {
    case .frame(_, let depth): depth
    case .deferred(let value): value.depth
    }
  }

  /// How the path of a member written under `key` extends this container's.
  func pathKey(_ key: any CodingKey) -> JSONPathKey {
    switch self {
    case .frame: .key(key)
    case .deferred(let value): .full(value.path + [key])
    }
  }

  /// The path key of a single value container's value: the container's own path.
  var samePath: JSONPathKey {
    switch self {
    case .frame: .none
    case .deferred(let value): .full(value.path)
    }
  }
}

/// How a value's coding path extends its parent frame's.
enum JSONPathKey {
  case none
  case key(any CodingKey)
  /// The whole path (for values encoded inside a deferred value, whose path no frame holds).
  case full([any CodingKey])
}

/// A member of an object or element of an array: its key and where its text stands in the buffer.
struct JSONMember {
  var key: String
  var value: Range<Int>
  /// A nested container or super encoder's value, written when its owner is finished.
  var deferred: JSONDeferredValue? = nil
}

/// A nested container or super encoder's value: it may be filled after later members of its parent,
/// so its members are kept here and it is written when the value that owns it is finished.
final class JSONDeferredValue {
  /// The frame whose `encode(to:)` made it; it is written to only while that frame is innermost.
  let ownerID: Int
  let depth: Int
  let path: [any CodingKey]
  var storage = JSONStorage.none
  var members: [JSONMember] = []
  var error: EncodingError?

  init(ownerID: Int, depth: Int, path: [any CodingKey]) {
    self.ownerID = ownerID
    self.depth = depth
    self.path = path
  }
}

/// The encoder a container's `superEncoder()` hands out: it writes into a deferred value.
final class JSONDeferredEncoder: Encoder {
  private let encoder: JSONTextEncoder
  private let value: JSONDeferredValue

  init(encoder: JSONTextEncoder, value: JSONDeferredValue) {
    self.encoder = encoder
    self.value = value
  }

  var codingPath: [any CodingKey] { value.path }

  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    encoder.request(.keyed, of: value)
    return KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: encoder, target: .deferred(value)))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    encoder.request(.unkeyed, of: value)
    return JSONUnkeyedContainer(encoder: encoder, target: .deferred(value))
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    encoder.request(.single, of: value)
    return JSONSingleValueContainer(encoder: encoder, target: .deferred(value))
  }
}

/// `JSONEncoder`'s key for an array element (`Index 3`) and for a super encoder (`super`).
private struct JSONPlainKey: CodingKey {
  let stringValue: String
  let intValue: Int?

  init(stringValue: String) {
    self.stringValue = stringValue
    intValue = nil
  }

  init(intValue: Int) {
    stringValue = "Index \(intValue)"
    self.intValue = intValue
  }

  static let `super` = JSONPlainKey(stringValue: "super")
}

/// An object's container.
struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let encoder: JSONTextEncoder
  let target: JSONTarget

  var codingPath: [any CodingKey] { encoder.codingPath(of: target) }

  private func write(_ key: Key, _ body: () throws -> Void) throws {
    try encoder.writeMember(of: target, key: key.stringValue, body)
  }

  private func writeInteger<I: FixedWidthInteger>(_ value: I, _ key: Key) throws {
    try write(key) { encoder.appendInteger(value) }
  }

  private func writeFloat<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F, _ key: Key) throws {
    try write(key) { try encoder.appendFloat(value, path: { codingPath + [key] }) }
  }

  mutating func encodeNil(forKey key: Key) throws { try write(key) { encoder.appendLiteral("null") } }
  mutating func encode(_ value: Bool, forKey key: Key) throws {
    try write(key) { encoder.appendLiteral(value ? "true" : "false") }
  }
  mutating func encode(_ value: String, forKey key: Key) throws { try write(key) { encoder.appendString(value) } }
  mutating func encode(_ value: Double, forKey key: Key) throws { try writeFloat(value, key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { try writeFloat(value, key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { try writeInteger(value, key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { try writeInteger(value, key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { try writeInteger(value, key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { try writeInteger(value, key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { try writeInteger(value, key) }
  mutating func encode(_ value: Int128, forKey key: Key) throws { try writeInteger(value, key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { try writeInteger(value, key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { try writeInteger(value, key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { try writeInteger(value, key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { try writeInteger(value, key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { try writeInteger(value, key) }
  mutating func encode(_ value: UInt128, forKey key: Key) throws { try writeInteger(value, key) }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try write(key) { _ = try encoder.writeValue(value, depth: target.depth + 1, pathKey: target.pathKey(key)) }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let nested = encoder.deferredMember(of: target, key: key.stringValue, codingKey: key, storage: .keyed)
    return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: encoder, target: .deferred(nested)))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let nested = encoder.deferredMember(of: target, key: key.stringValue, codingKey: key, storage: .unkeyed)
    return JSONUnkeyedContainer(encoder: encoder, target: .deferred(nested))
  }

  mutating func superEncoder() -> any Encoder {
    let value = encoder.deferredMember(
      of: target, key: JSONPlainKey.super.stringValue, codingKey: JSONPlainKey.super, storage: .none)
    return JSONDeferredEncoder(encoder: encoder, value: value)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    let value = encoder.deferredMember(of: target, key: key.stringValue, codingKey: key, storage: .none)
    return JSONDeferredEncoder(encoder: encoder, value: value)
  }
}

/// An array's container.
struct JSONUnkeyedContainer: UnkeyedEncodingContainer, JSONScalarWriting {
  let encoder: JSONTextEncoder
  let target: JSONTarget

  var codingPath: [any CodingKey] { encoder.codingPath(of: target) }

  var count: Int { encoder.count(of: target) }

  func write(_ body: () throws -> Void) throws {
    try encoder.writeMember(of: target, key: "", body)
  }

  func writeFloat<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws {
    let index = count
    try write { try encoder.appendFloat(value, path: { codingPath + [JSONPlainKey(intValue: index)] }) }
  }

  // The 128-bit overloads are the container's own: the standard library's defaults for them
  // would make the shared ones (`JSONScalarWriting`) ambiguous.
  mutating func encode(_ value: Int128) throws { try writeInteger(value) }
  mutating func encode(_ value: UInt128) throws { try writeInteger(value) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let index = count
    try write {
      _ = try encoder.writeValue(
        value, depth: target.depth + 1, pathKey: target.pathKey(JSONPlainKey(intValue: index)))
    }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
    NestedKey
  > {
    let nested = encoder.deferredMember(
      of: target, key: "", codingKey: JSONPlainKey(intValue: count), storage: .keyed)
    return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: encoder, target: .deferred(nested)))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let nested = encoder.deferredMember(
      of: target, key: "", codingKey: JSONPlainKey(intValue: count), storage: .unkeyed)
    return JSONUnkeyedContainer(encoder: encoder, target: .deferred(nested))
  }

  mutating func superEncoder() -> any Encoder {
    let value = encoder.deferredMember(
      of: target, key: "", codingKey: JSONPlainKey(intValue: count), storage: .none)
    return JSONDeferredEncoder(encoder: encoder, value: value)
  }
}

/// A single value's container.
struct JSONSingleValueContainer: SingleValueEncodingContainer, JSONScalarWriting {
  let encoder: JSONTextEncoder
  let target: JSONTarget

  var codingPath: [any CodingKey] { encoder.codingPath(of: target) }

  func write(_ body: () throws -> Void) throws {
    try encoder.writeSingle(of: target, body)
  }

  func writeFloat<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws {
    try write { try encoder.appendFloat(value, path: { codingPath }) }
  }

  // The 128-bit overloads are the container's own: the standard library's defaults for them
  // would make the shared ones (`JSONScalarWriting`) ambiguous.
  mutating func encode(_ value: Int128) throws { try writeInteger(value) }
  mutating func encode(_ value: UInt128) throws { try writeInteger(value) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    try write { _ = try encoder.writeValue(value, depth: target.depth, pathKey: target.samePath) }
  }
}

/// The scalar `encode` overloads the unkeyed and single-value containers share (but for the
/// 128-bit integers): each writes its value where the container writes (`write`), floats through
/// `writeFloat`, which knows the coding path an error must name.
protocol JSONScalarWriting {
  var encoder: JSONTextEncoder { get }
  func write(_ body: () throws -> Void) throws
  func writeFloat<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws
}

extension JSONScalarWriting {
  func writeInteger<I: FixedWidthInteger>(_ value: I) throws {
    try write { encoder.appendInteger(value) }
  }

  mutating func encodeNil() throws { try write { encoder.appendLiteral("null") } }
  mutating func encode(_ value: Bool) throws {
    try write { encoder.appendLiteral(value ? "true" : "false") }
  }
  mutating func encode(_ value: String) throws { try write { encoder.appendString(value) } }
  mutating func encode(_ value: Double) throws { try writeFloat(value) }
  mutating func encode(_ value: Float) throws { try writeFloat(value) }
  mutating func encode(_ value: Int) throws { try writeInteger(value) }
  mutating func encode(_ value: Int8) throws { try writeInteger(value) }
  mutating func encode(_ value: Int16) throws { try writeInteger(value) }
  mutating func encode(_ value: Int32) throws { try writeInteger(value) }
  mutating func encode(_ value: Int64) throws { try writeInteger(value) }
  mutating func encode(_ value: UInt) throws { try writeInteger(value) }
  mutating func encode(_ value: UInt8) throws { try writeInteger(value) }
  mutating func encode(_ value: UInt16) throws { try writeInteger(value) }
  mutating func encode(_ value: UInt32) throws { try writeInteger(value) }
  mutating func encode(_ value: UInt64) throws { try writeInteger(value) }
}
