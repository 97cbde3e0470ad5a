import Foundation

/// Encodes `Encodable` values to exactly the bytes of a `JSONEncoder` with `outputFormatting =
/// [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` and default strategies, writing straight
/// into one byte buffer.
///
/// `JSONEncoder` builds a boxed tree of every value before it writes any. Here a value's text is
/// written at the end of the buffer as it is encoded. An object's members are written there one
/// after another and, once its `encode(to:)` returns, copied back in key order (swift-foundation on
/// Linux sorts keys by their UTF-8 bytes); an array is written in place. Nested containers and
/// super encoders, which may be filled after later members, are kept aside (`JSONDeferredValue`)
/// and placed when the value they belong to is finished.
///
/// As `JSONEncoder` does: an empty object or array is its brackets around a blank line; `encodeNil`
/// writes `null` and `encodeIfPresent` skips nil; a key encoded twice keeps its last value; a nested
/// value that encodes nothing is `{}` and a top-level one throws; NaN and infinities throw
/// `EncodingError.invalidValue`, as do containers nested 512 deep; `Data` is Base64, `URL` its
/// absolute string, `Decimal` its description, `Date` seconds since 2001.
///
/// Unsupported, because `JSONEncoder` merges values or traps there and the report never does it; each
/// throws `EncodingError.invalidValue`: asking one value for two kinds of container, encoding twice
/// through a single value container, a nested container for a key that already holds a value, and
/// writing into a container after its value's `encode(to:)` has returned. A super encoder's value
/// stands where the super encoder was made (`JSONEncoder` inserts it when the encoder is released).
final class JSONTextEncoder: Encoder {
  /// Containers at this depth or deeper make `JSONEncoder`'s writer give up.
  private static let maximumDepth = 511

  // Unchecked exclusivity: the encoder never hands out its storage, so the dynamic checks that
  // would run on every append guard nothing.
  /// The text so far; the value being encoded is always at its end.
  @exclusivity(unchecked) private var bytes = JSONBuffer()
  /// Where an object or array is put together before it replaces its members' texts.
  @exclusivity(unchecked) private var scratch = JSONBuffer()
  /// The order of an object's members, reused from object to object.
  @exclusivity(unchecked) private var order: [Int] = []
  /// The values whose `encode(to:)` is running, innermost last.
  @exclusivity(unchecked) private var frames: [Frame] = []
  /// How each frame's coding path extends its parent's (kept apart so that frames copy cheaply).
  @exclusivity(unchecked) private var framePaths: [JSONPathKey] = []
  /// Misuses found where nothing can throw, by frame id, thrown when the frame is finished.
  private var frameErrors: [Int: EncodingError] = [:]
  /// The members of the open frames' containers, each frame's after its parent's.
  @exclusivity(unchecked) private var members: [JSONMember] = []
  private var lastFrameID = 0
  /// Set when a container stands `maximumDepth` or deeper.
  private var tooDeep = false

  private init() {}

  /// `value` as `JSONEncoder` writes it, without a final newline. With `depth` above zero the text
  /// is indented as a value that many levels down: its inner lines and closing bracket carry the
  /// extra indentation, its first line none.
  static func encode<T: Encodable>(_ value: T, depth: Int = 0) throws -> [UInt8] {
    let encoder = JSONTextEncoder()
    guard try encoder.writeValue(value, depth: depth, pathKey: .none) else {
      throw EncodingError.invalidValue(
        value, .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
    }
    if encoder.tooDeep {
      throw EncodingError.invalidValue(
        value, .init(codingPath: [], debugDescription: "Unable to encode the given top-level value to JSON."))
    }
    return encoder.bytes.array
  }

  // MARK: Encoder

  var codingPath: [any CodingKey] { frames.isEmpty ? [] : codingPath(ofFrameAt: frames.count - 1) }

  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    let target = requestTop(.keyed)
    return KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: self, target: target))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    JSONUnkeyedContainer(encoder: self, target: requestTop(.unkeyed))
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    JSONSingleValueContainer(encoder: self, target: requestTop(.single))
  }

  // MARK: Frames

  /// A value whose `encode(to:)` is running.
  private struct Frame {
    let id: Int
    let depth: Int
    /// Where the value's text starts in `bytes`.
    let start: Int
    /// Where its members start in `members`.
    let memberStart: Int
    var storage = JSONStorage.none
    /// Members or elements written, or 1 once a single value is.
    var count = 0
    var hasDeferred = false
  }

  /// Asks the innermost value for a container of `kind`.
  private func requestTop(_ kind: JSONStorage) -> JSONTarget {
    guard let top = frames.indices.last else { return .frame(id: -1, depth: 0) }
    let frame = frames[top]
    if frame.storage == .none || (frame.storage == .single && frame.count == 0) {
      frames[top].storage = kind
      if kind == .unkeyed { bytes.append("[\n") }
    } else if frame.storage != kind {
      frameErrors[frame.id] = misuse("asked for a \(kind) container after a \(frame.storage) one", codingPath)
    }
    return .frame(id: frame.id, depth: frame.depth)
  }

  /// Appends `value`'s text; false when the value encoded nothing (`{}` is written then).
  func writeValue<T: Encodable>(_ value: T, depth: Int, pathKey: @autoclosure () -> JSONPathKey) throws -> Bool {
    if try writeDirectly(value, path: { self.codingPath(appending: pathKey()) }) { return true }
    lastFrameID += 1
    framePaths.append(pathKey())
    frames.append(Frame(id: lastFrameID, depth: depth, start: bytes.count, memberStart: members.count))
    do {
      try value.encode(to: self)
    } catch {
      let frame = frames.removeLast()
      framePaths.removeLast()
      frameErrors[frame.id] = nil
      members.removeSubrange(frame.memberStart...)
      bytes.truncate(to: frame.start)
      throw error
    }
    return try finishTopFrame()
  }

  /// Writes the values `JSONEncoder` writes without asking them to encode themselves.
  private func writeDirectly<T: Encodable>(_ value: T, path: () -> [any CodingKey]) throws -> Bool {
    // Type identity, not `as?`: one comparison each, and no cast of every struct the report holds.
    if T.self == String.self {
      bytes.appendString(unsafeBitCast(value, to: String.self))
    } else if T.self == Int.self {
      bytes.appendInteger(unsafeBitCast(value, to: Int.self))
    } else if T.self == Bool.self {
      bytes.append(unsafeBitCast(value, to: Bool.self) ? "true" : "false")
    } else if T.self == Double.self {
      try appendFloat(unsafeBitCast(value, to: Double.self), path: path)
    } else if T.self == Data.self {
      bytes.appendString(unsafeBitCast(value, to: Data.self).base64EncodedString())
    } else if T.self == URL.self {
      bytes.appendString(unsafeBitCast(value, to: URL.self).absoluteString)
    } else if T.self == Decimal.self {
      var text = unsafeBitCast(value, to: Decimal.self).description
      text.withUTF8 { bytes.append($0) }
    } else {
      return false
    }
    return true
  }

  /// Closes the innermost value's text and forgets its frame.
  private func finishTopFrame() throws -> Bool {
    let frame = frames.removeLast()
    framePaths.removeLast()
    defer { members.removeSubrange(frame.memberStart...) }
    if !frameErrors.isEmpty, let error = frameErrors.removeValue(forKey: frame.id) {
      bytes.truncate(to: frame.start)
      throw error
    }
    switch frame.storage {
    case .none:
      writeEmptyObject(depth: frame.depth)
      return false
    case .single:
      if frame.count == 0 { writeEmptyObject(depth: frame.depth) }
      return frame.count > 0
    case .unkeyed where !frame.hasDeferred:
      checkDepth(frame.depth)
      bytes.append(UInt8(ascii: "\n"))
      bytes.appendIndent(frame.depth)
      bytes.append(UInt8(ascii: "]"))
    case .keyed, .unkeyed:
      for index in frame.memberStart..<members.count {
        if let deferred = members[index].deferred { members[index].value = try render(deferred) }
      }
      try assemble(members[frame.memberStart...], keyed: frame.storage == .keyed, depth: frame.depth)
      bytes.truncate(to: frame.start)
      bytes.append(scratch.bytes(0..<scratch.count))
    }
    return true
  }

  /// Writes a value kept aside at the end of `bytes` and returns where.
  private func render(_ value: JSONDeferredValue) throws -> Range<Int> {
    if let error = value.error { throw error }
    for index in value.members.indices {
      if let deferred = value.members[index].deferred { value.members[index].value = try render(deferred) }
    }
    let start = bytes.count
    switch value.storage {
    case .none:
      writeEmptyObject(depth: value.depth)
    case .single:
      guard let only = value.members.first else {
        writeEmptyObject(depth: value.depth)
        break
      }
      return only.value
    case .keyed, .unkeyed:
      try assemble(value.members[...], keyed: value.storage == .keyed, depth: value.depth)
      bytes.append(scratch.bytes(0..<scratch.count))
    }
    return start..<bytes.count
  }

  /// Puts an object or array together in `scratch` from its members' texts in `bytes`.
  private func assemble(_ parts: ArraySlice<JSONMember>, keyed: Bool, depth: Int) throws {
    checkDepth(depth)
    scratch.truncate(to: 0)
    scratch.append(keyed ? UInt8(ascii: "{") : UInt8(ascii: "["))
    scratch.append(UInt8(ascii: "\n"))
    order.removeAll(keepingCapacity: true)
    order.append(contentsOf: parts.indices)
    if keyed { orderByKey(parts) }
    var first = true
    for position in order.indices {
      let index = order[position]
      // A key written twice keeps its last value: the later one sorts after the earlier.
      if keyed, position + 1 < order.count, parts[order[position + 1]].key == parts[index].key { continue }
      if !first { scratch.append(",\n") }
      first = false
      scratch.appendIndent(depth + 1)
      if keyed {
        scratch.appendString(parts[index].key)
        scratch.append(" : ")
      }
      scratch.append(bytes.bytes(parts[index].value))
    }
    scratch.append(UInt8(ascii: "\n"))
    scratch.appendIndent(depth)
    scratch.append(keyed ? UInt8(ascii: "}") : UInt8(ascii: "]"))
  }

  /// The key orders of objects met before, with their keys as written: most objects have the keys of
  /// one met shortly before, and telling equal keys apart costs less than sorting them.
  private var knownOrders: [(keys: [String], order: [Int])] = []
  private var nextReplaced = 0

  /// Puts the indices of `parts` in `order`, sorted by key.
  private func orderByKey(_ parts: ArraySlice<JSONMember>) {
    let first = parts.startIndex
    for known in knownOrders.indices where knownOrders[known].keys.count == parts.count {
      guard knownOrders[known].keys.indices.allSatisfy({ knownOrders[known].keys[$0] == parts[first + $0].key })
      else { continue }
      for (position, offset) in knownOrders[known].order.enumerated() { order[position] = first + offset }
      return
    }
    Self.sortByKey(&order, parts)
    guard parts.count <= 64 else { return }
    let entry = (keys: parts.map(\.key), order: order.map { $0 - first })
    if knownOrders.count < 32 {
      knownOrders.append(entry)
    } else {
      knownOrders[nextReplaced] = entry
      nextReplaced = (nextReplaced + 1) % knownOrders.count
    }
  }

  /// Sorts member indices by key bytes, equal keys in the order they were written.
  private static func sortByKey(_ order: inout [Int], _ parts: ArraySlice<JSONMember>) {
    func precedes(_ left: Int, _ right: Int) -> Bool {
      let order = JSONBuffer.compareUTF8(parts[left].key, parts[right].key)
      return order == 0 ? left < right : order < 0
    }
    if order.count > 16 {
      order.sort(by: precedes)
      return
    }
    for position in order.indices.dropFirst() {
      let index = order[position]
      var slot = position
      while slot > 0 && precedes(index, order[slot - 1]) {
        order[slot] = order[slot - 1]
        slot -= 1
      }
      order[slot] = index
    }
  }

  private func writeEmptyObject(depth: Int) {
    checkDepth(depth)
    bytes.append("{\n\n")
    bytes.appendIndent(depth)
    bytes.append(UInt8(ascii: "}"))
  }

  private func checkDepth(_ depth: Int) {
    if depth >= Self.maximumDepth { tooDeep = true }
  }

  // MARK: Writing members (called by the containers)

  /// Writes one member of `target`'s object or array; `write` appends the value's text.
  @inline(__always)
  func writeMember(of target: JSONTarget, key: String, _ write: () throws -> Void) throws {
    switch target {
    case .frame(let id, _):
      guard let top = frames.indices.last, frames[top].id == id else { throw staleContainer() }
      let mark = bytes.count
      if frames[top].storage == .unkeyed {
        if frames[top].count > 0 { bytes.append(",\n") }
        bytes.appendIndent(frames[top].depth + 1)
      }
      let start = bytes.count
      do { try write() } catch {
        bytes.truncate(to: mark)
        throw error
      }
      members.append(JSONMember(key: key, value: start..<bytes.count))
      frames[top].count += 1
    case .deferred(let value):
      guard frames.last?.id == value.ownerID else { throw staleContainer() }
      let start = bytes.count
      do { try write() } catch {
        bytes.truncate(to: start)
        throw error
      }
      value.members.append(JSONMember(key: key, value: start..<bytes.count))
    }
  }

  /// Writes the one value of `target`'s single value container.
  @inline(__always)
  func writeSingle(of target: JSONTarget, _ write: () throws -> Void) throws {
    switch target {
    case .frame(let id, _):
      guard let top = frames.indices.last, frames[top].id == id else { throw staleContainer() }
      guard frames[top].count == 0 else { throw misuse("encoded a second single value", codingPath) }
      let start = bytes.count
      do { try write() } catch {
        bytes.truncate(to: start)
        throw error
      }
      frames[top].count = 1
    case .deferred(let value):
      guard frames.last?.id == value.ownerID else { throw staleContainer() }
      guard value.members.isEmpty else { throw misuse("encoded a second single value", value.path) }
      let start = bytes.count
      do { try write() } catch {
        bytes.truncate(to: start)
        throw error
      }
      value.members.append(JSONMember(key: "", value: start..<bytes.count))
    }
  }

  /// A value kept aside in `target`'s container (a nested container or a super encoder), under `key`.
  func deferredMember(
    of target: JSONTarget, key: String, codingKey: any CodingKey, storage: JSONStorage
  ) -> JSONDeferredValue {
    let path = codingPath(of: target) + [codingKey]
    let value = JSONDeferredValue(ownerID: frames.last?.id ?? -1, depth: target.depth + 1, path: path)
    value.storage = storage
    let keyed: Bool
    switch target {
    case .frame(let id, _):
      guard let top = frames.indices.last, frames[top].id == id else {
        value.error = staleContainer()
        return value
      }
      keyed = frames[top].storage == .keyed
      if keyed, storage != .none, let existing = members[frames[top].memberStart...].last(where: { $0.key == key }) {
        if let reused = existing.deferred, reused.storage == storage { return reused }
        frameErrors[id] = misuse("made a nested container for key '\(key)', which holds a value", path)
        return value
      }
      members.append(JSONMember(key: key, value: 0..<0, deferred: value))
      frames[top].count += 1
      frames[top].hasDeferred = true
    case .deferred(let parent):
      guard frames.last?.id == parent.ownerID else {
        value.error = staleContainer()
        return value
      }
      keyed = parent.storage == .keyed
      if keyed, storage != .none, let existing = parent.members.last(where: { $0.key == key }) {
        if let reused = existing.deferred, reused.storage == storage { return reused }
        parent.error = misuse("made a nested container for key '\(key)', which holds a value", path)
        return value
      }
      parent.members.append(JSONMember(key: key, value: 0..<0, deferred: value))
      if let top = frames.indices.last { frames[top].hasDeferred = true }
    }
    return value
  }

  /// Asks a value kept aside (a super encoder's) for a container of `kind`.
  func request(_ kind: JSONStorage, of value: JSONDeferredValue) {
    switch value.storage {
    case .none: value.storage = kind
    case .single where value.members.isEmpty && kind != .single: value.storage = kind
    case kind: break
    default: value.error = misuse("asked for a \(kind) container after a \(value.storage) one", value.path)
    }
  }

  /// The number of members or elements written into `target`'s container.
  func count(of target: JSONTarget) -> Int {
    switch target {
    case .frame(let id, _): frames.last(where: { $0.id == id })?.count ?? 0
    case .deferred(let value): value.members.count
    }
  }

  // MARK: Scalars

  func appendInteger<I: FixedWidthInteger>(_ value: I) { bytes.appendInteger(value) }

  func appendString(_ value: String) { bytes.appendString(value) }

  func appendLiteral(_ literal: StaticString) { bytes.append(literal) }

  /// A float as `JSONEncoder` writes it: its description without a trailing `.0`.
  func appendFloat<F: BinaryFloatingPoint & CustomStringConvertible>(
    _ value: F, path: () -> [any CodingKey]
  ) throws {
    guard value.isFinite else {
      throw EncodingError.invalidValue(
        value,
        .init(
          codingPath: path(),
          debugDescription: "Unable to encode \(F.self).\(Self.describe(value)) directly in JSON."))
    }
    bytes.appendFloat(value)
  }

  /// A float as `JSONEncoder`'s error names it: interpolated as a plain `BinaryFloatingPoint`, which
  /// says `-nan` where `description` says `nan`.
  private static func describe<F: BinaryFloatingPoint>(_ value: F) -> String { "\(value)" }

  // MARK: Coding paths

  /// The path of the frame at `index` in `frames`.
  private func codingPath(ofFrameAt index: Int) -> [any CodingKey] {
    var reversed: [any CodingKey] = []
    for pathKey in framePaths[...index].reversed() {
      switch pathKey {
      case .none: continue
      case .key(let key): reversed.append(key)
      case .full(let path): return path + reversed.reversed()
      }
    }
    return reversed.reversed()
  }

  /// The path of the innermost frame with `pathKey` appended.
  func codingPath(appending pathKey: JSONPathKey) -> [any CodingKey] {
    switch pathKey {
    case .none: codingPath
    case .key(let key): codingPath + [key]
    case .full(let path): path
    }
  }

  /// The path of `target`'s container.
  func codingPath(of target: JSONTarget) -> [any CodingKey] {
    switch target {
    case .frame(let id, _):
      guard let index = frames.lastIndex(where: { $0.id == id }) else { return [] }
      return codingPath(ofFrameAt: index)
    case .deferred(let value): return value.path
    }
  }

  private func staleContainer() -> EncodingError {
    misuse("wrote into a container after its value's encode(to:) returned", codingPath)
  }

  private func misuse(_ what: String, _ path: [any CodingKey]) -> EncodingError {
    EncodingError.invalidValue(
      what,
      .init(
        codingPath: path,
        debugDescription: "JSONTextEncoder does not support this use of Encoder: the value \(what); "
          + "encode it with one container per value, or with JSONEncoder."))
  }
}
