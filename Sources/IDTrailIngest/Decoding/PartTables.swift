import IDTrailModel

/// The tables a decoder fills as it reads a part of an input: its repeated strings, its identifier
/// lists, the lists found by the bytes they are made from, and the member order of its records.
///
/// The parts of one input read side by side hand their tables on (`PartTablePool`), so that a part
/// starts with the people and values the parts before it met instead of empty tables: a part of a
/// 5 M-event input meets most of its people again.
struct PartTables: Sendable {
  /// Values repeated from record to record, for decoders to share.
  var strings = StringInterner()
  var identifierLists: IdentifierListInterner
  /// Lists from `identifierLists` by the bytes of the record fields they were made from, for
  /// decoders that meet the same author or target over and over.
  var identifierListCache = IdentifierListCache()
  /// The member order of the records read, for `JSONObject.forEachMember(in:order:_:)`.
  var keyOrder = JSONKeyOrder()

  init(identifierLists: IdentifierListInterner = IdentifierListInterner()) {
    self.identifierLists = identifierLists
  }

  /// Keeps `list`, made for the key `identifierListCache` last missed, under that key, and returns
  /// it: shared through `identifierLists` when `shared` (when events are kept; otherwise no event
  /// holds it long).
  mutating func cache(_ list: [Identifier], shared: Bool) -> [Identifier] {
    let list = shared ? identifierLists.shared(list) : list
    identifierListCache.store(list)
    return list
  }
}

extension DecodedInput {
  /// The tables this part filled, for the next part; this part keeps empty ones (its events hold
  /// what they need of them).
  mutating func takeTables() -> PartTables {
    defer { tables = PartTables() }
    return tables
  }
}
