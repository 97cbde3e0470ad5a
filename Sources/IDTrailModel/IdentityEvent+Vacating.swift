extension UnsafeMutableBufferPointer where Element == IdentityEvent {
  /// Fills every slot, whose event has been moved out (so it holds none), with an event that holds
  /// no storage: the array around it can then be let go without touching the moved events.
  ///
  /// Moving millions of events instead of copying them spares a retain of every string and list
  /// they hold, a release of each when the copies' source goes, and a second copy of every page.
  public func vacate() {
    baseAddress?.initialize(repeating: IdentityEvent.vacated, count: count)
  }
}

extension IdentityEvent {
  /// An event with empty strings and lists only.
  fileprivate static let vacated = IdentityEvent(
    time: Timestamp(nanosecondsSinceEpoch: 0), originalTime: "", source: FormatID(""), stage: .gitlab,
    nativeID: nil, locator: .line(0, in: ""), action: .other, rawAction: "", subject: [],
    actor: .unknown, channel: .unknown)
}
