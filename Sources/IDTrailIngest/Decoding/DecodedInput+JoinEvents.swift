import IDTrailModel

extension DecodedInput {
  /// The events of all `parts`, in order, moved out of them (`EventJoin`).
  static func joinEvents(_ parts: inout [DecodedInput]) -> [IdentityEvent] {
    var groups: [[IdentityEvent]] = []
    groups.reserveCapacity(parts.count)
    for index in parts.indices {
      var taken: [IdentityEvent] = []
      swap(&taken, &parts[index].events)
      groups.append(taken)
    }
    return EventJoin.joined(&groups)
  }
}
