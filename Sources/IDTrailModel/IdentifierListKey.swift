/// The storage of one identifier array, as a cheap key for caches over many events that share
/// their lists (the decoders give the events of an input one array per distinct list).
///
/// Two keys are equal when the arrays share storage, which implies equal contents; equal contents
/// in separate storage give different keys, so a cache keyed by this only misses more, it never
/// answers wrongly. Valid only while the arrays are alive: build such caches over events that
/// outlive them.
public struct IdentifierListKey: Hashable, Sendable {
  private let address: UInt

  /// Nil for an empty list, which has no storage of its own.
  public init?(_ list: [Identifier]) {
    guard let base = list.withUnsafeBufferPointer({ $0.baseAddress }) else { return nil }
    address = UInt(bitPattern: base)
  }
}
