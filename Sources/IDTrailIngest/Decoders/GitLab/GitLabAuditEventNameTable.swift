import IDTrailModel

/// `GitLabAuditEventMapping.byEventName` as an open-addressing table looked up by a name's UTF-8
/// with `ByteHash`: the dictionary hashed every record's name with SipHash.
///
/// A name whose bytes are not in the table but hold non-ASCII falls back to the dictionary, whose
/// `String` keys compare by canonical equivalence (`K`, U+212A KELVIN SIGN, equals `K`), so that the
/// answer is always the dictionary's.
final class GitLabAuditEventNameTable: Sendable {
  /// The table of every mapped name.
  static let shared = GitLabAuditEventNameTable(GitLabAuditEventMapping.byEventName)

  private let dictionary: [String: GitLabAuditEventMapping]
  /// Every name's bytes, one after another: name `index` is `nameBytes[nameStarts[index]..<nameStarts[index + 1]]`.
  private let nameBytes: [UInt8]
  private let nameStarts: [Int]
  private let mappings: [GitLabAuditEventMapping]
  private let hashes: [UInt64]
  /// Index + 1 of the name hashed there, or 0 for an empty bucket.
  private let buckets: [Int32]
  private let seed: UInt64

  init(_ dictionary: [String: GitLabAuditEventMapping]) {
    let seed = ByteHash.seed
    self.seed = seed
    self.dictionary = dictionary
    let entries = dictionary.sorted { $0.key < $1.key }
    var nameBytes: [UInt8] = []
    var nameStarts = [0]
    var hashes: [UInt64] = []
    var size = 16
    while size < entries.count * 4 { size *= 2 }
    var buckets = [Int32](repeating: 0, count: size)
    for (index, entry) in entries.enumerated() {
      let start = nameBytes.count
      nameBytes += entry.key.utf8
      nameStarts.append(nameBytes.count)
      let hash = nameBytes[start...].withUnsafeBytes { ByteHash.hash($0, seed: seed) }
      hashes.append(hash)
      var bucket = Int(truncatingIfNeeded: hash) & (size - 1)
      while buckets[bucket] != 0 { bucket = (bucket + 1) & (size - 1) }
      buckets[bucket] = Int32(index + 1)
    }
    self.nameBytes = nameBytes
    self.nameStarts = nameStarts
    self.mappings = entries.map(\.value)
    self.hashes = hashes
    self.buckets = buckets
  }

  /// The mapping of the event named `name`, or nil when the name has no identity meaning.
  func mapping(for name: String) -> GitLabAuditEventMapping? {
    var name = name
    let found = name.withUTF8 { utf8 -> (index: Int?, isASCII: Bool) in
      let bytes = UnsafeRawBufferPointer(utf8)
      let hash = ByteHash.hash(bytes, seed: seed)
      let mask = buckets.count - 1
      var bucket = Int(truncatingIfNeeded: hash) & mask
      while true {
        let entry = Int(buckets[bucket])
        if entry == 0 { break }
        let index = entry - 1
        let start = nameStarts[index]
        if hashes[index] == hash, nameStarts[index + 1] - start == bytes.count,
          nameBytes.withUnsafeBufferPointer({
            memcmpEqual(bytes, 0, $0.baseAddress.unsafelyUnwrapped + start, bytes.count)
          })
        {
          return (index, true)
        }
        bucket = (bucket + 1) & mask
      }
      return (nil, !bytes.contains { $0 >= 0x80 })
    }
    if let index = found.index { return mappings[index] }
    return found.isASCII ? nil : dictionary[name]
  }
}
