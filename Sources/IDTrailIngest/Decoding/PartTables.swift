/// The tables a decoder fills as it reads a part of an input: its repeated strings, its identifier
/// lists, the lists found by the bytes they are made from, and the member order of its records.
///
/// The parts of one input read side by side hand their tables on (`PartTablePool`), so that a part
/// starts with the people and values the parts before it met instead of empty tables: a part of a
/// 5 M-event input meets most of its people again.
struct PartTables: Sendable {
  var strings = StringInterner()
  var identifierLists: IdentifierListInterner
  var identifierListCache = IdentifierListCache()
  var keyOrder = JSONKeyOrder()

  init(identifierLists: IdentifierListInterner) {
    self.identifierLists = identifierLists
  }
}

extension DecodedInput {
  /// Starts reading a part with `tables`.
  mutating func use(_ tables: PartTables) {
    strings = tables.strings
    identifierLists = tables.identifierLists
    identifierListCache = tables.identifierListCache
    keyOrder = tables.keyOrder
  }

  /// The tables this part filled, for the next part; this part keeps empty ones (its events hold
  /// what they need of them).
  mutating func takeTables() -> PartTables {
    var tables = PartTables(identifierLists: identifierLists)
    tables.strings = strings
    tables.identifierListCache = identifierListCache
    tables.keyOrder = keyOrder
    strings = StringInterner()
    identifierLists = IdentifierListInterner()
    identifierListCache = IdentifierListCache()
    keyOrder = JSONKeyOrder()
    return tables
  }
}
