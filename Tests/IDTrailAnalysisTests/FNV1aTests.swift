import Testing

@testable import IDTrailAnalysis

@Suite struct FNV1aTests {
  @Test func matchesTheReferenceVectors() {
    #expect(FNV1a.hash("") == 0xcbf2_9ce4_8422_2325)
    #expect(FNV1a.hash("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(FNV1a.hash("foobar") == 0x8594_4171_f739_67e8)
    #expect(FNV1a.hexPrefix(of: "a", length: 12) == "af63dc4c8601")
    #expect(FNV1a.hexPrefix(of: "", length: 16) == "cbf29ce484222325")
  }
}
