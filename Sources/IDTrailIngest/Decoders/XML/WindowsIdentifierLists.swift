import IDTrailModel

/// The identifier lists of Windows Security accounts, taken from the part's
/// `PartTables.identifierListCache` by the `EventData` values they are made from.
///
/// A log names the same accounts over and over; a hit spares building the event's lists afresh (the
/// `DOMAIN\name` string, case folding, arrays, then hashing and comparing them in
/// `IdentifierListInterner`). The values are keyed as the strings `WindowsEventData` holds (the XML
/// record hands out no bytes of element text), which the list is a function of. On a miss the list
/// is built, shared through `PartTables.identifierLists` (when events are kept) and cached.
enum WindowsIdentifierLists {
  /// `ad.sid` (unless the NULL SID), `ad.account` `DOMAIN\name` (or just the name), `upn` and
  /// `display_name`, each when present: every account list of a Security event is this with some
  /// values absent.
  static func account(
    sid: String?, domain: String?, name: String?, upn: String? = nil, displayName: String? = nil,
    into output: inout DecodedInput
  ) -> [Identifier] {
    output.tables.identifierListCache.beginKey()
    output.tables.identifierListCache.appendField(sid)
    output.tables.identifierListCache.appendField(domain)
    output.tables.identifierListCache.appendField(name)
    output.tables.identifierListCache.appendField(upn)
    output.tables.identifierListCache.appendField(displayName)
    if let cached = output.tables.identifierListCache.cachedList() { return cached }
    var identifiers: [Identifier] = []
    if let sid, sid != "S-1-0-0", let identifier = Identifier(.adSID, sid) { identifiers.append(identifier) }
    if let name, let identifier = Identifier(.adAccount, domain.map { "\($0)\\\(name)" } ?? name) {
      identifiers.append(identifier)
    }
    if let upn, let identifier = Identifier(.upn, upn) { identifiers.append(identifier) }
    if let displayName, let identifier = Identifier(.displayName, displayName) {
      identifiers.append(identifier)
    }
    return output.tables.cache(identifiers, shared: output.retainsEvents)
  }
}
