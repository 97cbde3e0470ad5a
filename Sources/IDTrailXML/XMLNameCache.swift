import Glibc

/// Maps the name strings libxml2 interns in its dictionary (equal names share one pointer for a
/// reader's lifetime) to indices in the record's name table, without hashing the text: an
/// open-addressing table keyed by the pointer.
///
/// Valid for one libxml2 reader only: its pointers die with the reader's dictionary. Only for
/// dictionary strings (element and attribute names): a namespace URI is copied per declaration and
/// freed with its element, so its address can come back holding another URI (`XMLNamespaceCache`).
struct XMLNameCache {
  private var keys = [UInt](repeating: 0, count: 256)
  private var values = [Int](repeating: 0, count: 256)
  private var count = 0

  /// The index stored for `pointer`, or the result of `make` (then stored).
  @inline(__always)
  mutating func index(for pointer: UnsafeRawPointer, orMake make: () -> Int) -> Int {
    let key = UInt(bitPattern: pointer)
    let mask = keys.count - 1
    var slot = Int(truncatingIfNeeded: (key >> 3) &* 0x9E37_79B9_7F4A_7C15 >> 40) & mask
    while true {
      let found = keys[slot]
      if found == key { return values[slot] }
      if found == 0 { break }
      slot = (slot + 1) & mask
    }
    let value = make()
    keys[slot] = key
    values[slot] = value
    count += 1
    if count * 2 > keys.count { grow() }
    return value
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    keys = [UInt](repeating: 0, count: oldKeys.count * 2)
    values = [Int](repeating: 0, count: oldKeys.count * 2)
    let mask = keys.count - 1
    for (key, value) in zip(oldKeys, oldValues) where key != 0 {
      var slot = Int(truncatingIfNeeded: (key >> 3) &* 0x9E37_79B9_7F4A_7C15 >> 40) & mask
      while keys[slot] != 0 { slot = (slot + 1) & mask }
      keys[slot] = key
      values[slot] = value
    }
  }
}

/// Maps namespace URIs to indices in the record's name table by their text: libxml2 copies a URI for
/// every declaration, so pointers cannot be the key. Inputs use a handful of namespaces; the one seen
/// last is tried first.
struct XMLNamespaceCache {
  private var entries: [(text: [UInt8], index: Int)] = []

  /// The index for the NUL-terminated URI `text`, or the result of `make` (then stored).
  mutating func index(for text: UnsafePointer<UInt8>, orMake make: () -> Int) -> Int {
    let length = strlen(text)
    for position in entries.indices where entries[position].text.count == length {
      let matches = entries[position].text.withUnsafeBufferPointer { stored in
        stored.baseAddress.map { memcmp($0, text, length) == 0 } ?? (length == 0)
      }
      if matches {
        if position != 0 { entries.swapAt(0, position) }
        return entries[0].index
      }
    }
    let index = make()
    entries.insert((Array(UnsafeBufferPointer(start: text, count: length)), index), at: 0)
    return index
  }
}
