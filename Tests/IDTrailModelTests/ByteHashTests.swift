import Testing

@testable import IDTrailModel

/// `ByteHash` depends on every byte and on the length, not on where the bytes lie in memory.
@Suite struct ByteHashTests {
  private static func hash(_ bytes: [UInt8], seed: UInt64 = 0x1234_5678) -> UInt64 {
    bytes.withUnsafeBytes { ByteHash.hash($0, seed: seed) }
  }

  @Test func everyByteAndTheLengthCount() {
    var seen: [UInt64: [UInt8]] = [:]
    var inputs: Set<[UInt8]> = [[0], [0, 0], Array("a".utf8), Array("a\u{0}".utf8)]
    let base = Array("c50882b5-9581-4475-a44e-9f392b248c21".utf8)
    for length in 0...base.count { inputs.insert(Array(base.prefix(length))) }
    for position in base.indices {
      var changed = base
      changed[position] ^= 1
      inputs.insert(changed)
    }
    for input in inputs {
      let hash = Self.hash(input)
      #expect(seen[hash] == nil, "\(input) and \(seen[hash] ?? []) share hash \(hash)")
      seen[hash] = input
    }
  }

  @Test func theSameBytesHashAlikeAtAnyAlignmentAndTheSeedMatters() {
    let text = Array("1000001 and some more bytes".utf8)
    let expected = Self.hash(text)
    for offset in 0..<9 {
      let shifted = [UInt8](repeating: 0xFF, count: offset) + text
      let hash = shifted.withUnsafeBytes {
        ByteHash.hash(UnsafeRawBufferPointer(rebasing: $0[offset...]), seed: 0x1234_5678)
      }
      #expect(hash == expected)
    }
    #expect(Self.hash(text, seed: 1) != expected)
  }
}
