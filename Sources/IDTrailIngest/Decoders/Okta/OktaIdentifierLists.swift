import IDTrailModel

/// The identifier lists of an Okta event's actor and subject, taken from the part's
/// `PartTables.identifierListCache` by the bytes of the fields they are made from.
///
/// A log names the same people over and over; a hit spares building the event's lists afresh
/// (strings, arrays, then hashing and comparing them in `IdentifierListInterner`). On a miss the
/// list is built as `OktaEntity` builds it, shared through `PartTables.identifierLists` (when
/// events are kept) and cached. Each key starts with the recipe its list is made by, so actor and
/// subject keys never meet.
enum OktaIdentifierLists {
  private enum Recipe: UInt8 {
    /// A `User` actor: `OktaEntity.userIdentifiers`.
    case userActor
    /// Any other actor: its display name.
    case namedActor
    /// The targets' lists joined without repeats; each target's fields follow one of the two below.
    case targets
    case userTarget
    case appUserTarget
    /// An `AppUser` target of an application that is GitLab (its username counts).
    case gitLabAppUserTarget
  }

  /// The identifiers of a `User` actor (`OktaEntity.userIdentifiers`).
  static func user(_ actor: JSONObject, into output: inout DecodedInput) -> [Identifier] {
    output.tables.identifierListCache.beginKey()
    output.tables.identifierListCache.appendRecipe(Recipe.userActor.rawValue)
    appendUserKey(actor, to: &output.tables.identifierListCache)
    if let cached = output.tables.identifierListCache.cachedList() { return cached }
    return output.tables.cache(OktaEntity(actor).userIdentifiers, shared: output.retainsEvents)
  }

  /// The identifiers of an actor that is neither a user nor Okta itself: its display name.
  static func named(_ actor: JSONObject, into output: inout DecodedInput) -> [Identifier] {
    let displayName = actor["displayName"]
    output.tables.identifierListCache.beginKey()
    output.tables.identifierListCache.appendRecipe(Recipe.namedActor.rawValue)
    output.tables.identifierListCache.appendField(displayName)
    if let cached = output.tables.identifierListCache.cachedList() { return cached }
    let name = displayName?.string.flatMap { Identifier(.displayName, $0) }
    return output.tables.cache(name.map { [$0] } ?? [], shared: output.retainsEvents)
  }

  /// The identifiers of the `User` and `AppUser` targets, in order and without repeats; empty when
  /// there are none.
  ///
  /// - Parameter appIsGitLab: whether the event's application is GitLab; asked only when an
  ///   `AppUser` target is met.
  static func subject(
    of targets: JSONArray?, appIsGitLab: () -> Bool, into output: inout DecodedInput
  ) -> [Identifier] {
    guard let targets else { return [] }
    var gitLab: Bool?
    var named = false
    output.tables.identifierListCache.beginKey()
    output.tables.identifierListCache.appendRecipe(Recipe.targets.rawValue)
    for element in targets {
      guard let object = element.object else { continue }
      if OktaEntity.isType("User", object) {
        named = true
        output.tables.identifierListCache.appendRecipe(Recipe.userTarget.rawValue)
        appendUserKey(object, to: &output.tables.identifierListCache)
      } else if OktaEntity.isType("AppUser", object) {
        named = true
        let isGitLab = gitLab ?? appIsGitLab()
        gitLab = isGitLab
        let recipe: Recipe = isGitLab ? .gitLabAppUserTarget : .appUserTarget
        output.tables.identifierListCache.appendRecipe(recipe.rawValue)
        output.tables.identifierListCache.appendField(object["alternateId"])
      }
    }
    guard named else { return [] }
    if let cached = output.tables.identifierListCache.cachedList() { return cached }
    var subject: [Identifier] = []
    for element in targets {
      guard let object = element.object else { continue }
      if OktaEntity.isType("User", object) {
        subject += OktaEntity(object).userIdentifiers
      } else if OktaEntity.isType("AppUser", object) {
        subject += OktaEntity(object).appUserIdentifiers(appIsGitLab: gitLab ?? false)
      }
    }
    return output.tables.cache(IdentityProviderText.uniqued(subject), shared: output.retainsEvents)
  }

  /// The fields `OktaEntity.userIdentifiers` reads.
  private static func appendUserKey(_ object: JSONObject, to cache: inout IdentifierListCache) {
    cache.appendField(object["id"])
    cache.appendField(object["alternateId"])
    cache.appendField(object["displayName"])
  }
}
