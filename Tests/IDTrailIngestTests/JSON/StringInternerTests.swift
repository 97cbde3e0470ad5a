import Testing

@testable import IDTrailIngest

/// `StringInterner` shares one allocation per distinct long value, never changes a value, and stops
/// growing at its capacity.
@Suite struct StringInternerTests {
  private static func intern(_ text: String, _ interner: inout StringInterner) -> String {
    Array(text.utf8).withUnsafeBytes { interner.string($0) }
  }

  /// Where a string's UTF-8 lives (nil for small strings, which live in the value itself).
  private static func storage(_ text: String) -> UnsafePointer<UInt8>? {
    text.utf8.count > 15 ? text.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil : nil
  }

  @Test func repeatedLongValuesShareOneAllocation() throws {
    var interner = StringInterner()
    let first = Self.intern("user140@acme.example", &interner)
    let again = Self.intern("user140@acme.example", &interner)
    let other = Self.intern("user141@acme.example", &interner)
    #expect(first == "user140@acme.example")
    #expect(again == first)
    #expect(other == "user141@acme.example")
    let shared = try #require(Self.storage(first))
    #expect(Self.storage(again) == shared)
    #expect(Self.storage(other) != shared)
  }

  @Test func shortAndNonASCIIValuesComeBackUnchanged() {
    var interner = StringInterner()
    for text in ["", "a", "Guest", "fifteen bytes!!", "José O'Brien — Müller", "日本語のユーザー名です"] {
      #expect(Self.intern(text, &interner) == text)
      #expect(Self.intern(text, &interner) == text)
    }
  }

  @Test func tableStopsGrowingAtItsCapacityAndStaysCorrect() {
    var interner = StringInterner()
    let count = StringInterner.capacity + 500
    let values = (0..<count).map { "value-number-\($0)-of-many" }
    for value in values { #expect(Self.intern(value, &interner) == value) }
    // Kept values are shared; values past the capacity are made afresh each time, still equal.
    let kept = Self.intern(values[0], &interner)
    let keptAgain = Self.intern(values[0], &interner)
    #expect(Self.storage(kept) == Self.storage(keptAgain))
    let late = values[count - 1]
    let lateOnce = Self.intern(late, &interner)
    let lateTwice = Self.intern(late, &interner)
    #expect(lateOnce == late && lateTwice == late)
    #expect(Self.storage(lateOnce) != Self.storage(lateTwice))
  }
}
