import Synchronization

/// The `PartTables` of the parts of one input read side by side: a part takes a set when it
/// starts and gives it back when it ends, so there are as many sets as parts read at once.
///
/// What a part decodes does not depend on which set it gets: the tables only spare work (a value
/// found in them is the value the part would have made), and every set's identifier lists go
/// through one registry, so all parts share one array per list.
final class PartTablePool: Sendable {
  private let registry = IdentifierListRegistry()
  private let idle = Mutex<[PartTables]>([])

  /// A set of tables for a part to fill: one a finished part gave back, or a new one.
  func take() -> PartTables {
    idle.withLock { $0.popLast() } ?? PartTables(identifierLists: IdentifierListInterner(registry: registry))
  }

  /// Gives back the tables a part filled.
  func giveBack(_ tables: PartTables) {
    idle.withLock { $0.append(tables) }
  }
}
