import IDTrailModel

/// Shares one copy of each distinct identifier list among the events of an input.
///
/// A person's records name them with the same identifiers over and over; keeping one array per
/// distinct list saves its storage per event, and lets the analysis recognise a list it has seen
/// by the array's storage alone (`IdentifierListKey`).
struct IdentifierListInterner: Sendable {
  /// Lists kept at most; past that, new lists are used as they come.
  static let capacity = 1 << 16

  private var lists: [[Identifier]: [Identifier]] = [:]

  mutating func shared(_ list: [Identifier]) -> [Identifier] {
    guard !list.isEmpty else { return list }
    if let known = lists[list] { return known }
    if lists.count < Self.capacity { lists[list] = list }
    return list
  }
}
