import IDTrailModel

/// Field readers for the spellings Entra ID's exports disagree on: Graph writes `id`, `displayName`
/// and `type`; the Azure Monitor export writes `Id`, `Name` and `Type` inside `properties`; one
/// Microsoft sample capitalises `Type` in `targetResources`. Values that Graph encodes as JSON
/// inside strings (`modifiedProperties`) are unpacked here too.
enum EntraFields {
  /// The first of `keys` that is present and not null.
  static func first(_ object: JSONObject?, _ keys: StaticString...) -> JSONValue? {
    guard let object else { return nil }
    for key in keys {
      if let value = object[key], !value.isNull { return value }
    }
    return nil
  }

  /// The first of `keys` that holds a non-empty string.
  static func text(_ object: JSONObject?, _ keys: StaticString...) -> String? {
    guard let object else { return nil }
    for key in keys {
      if let text = object[key]?.string, !text.isEmpty { return text }
    }
    return nil
  }

  /// An object that the docs describe as an object and some samples write as a one-element array
  /// (`servicePrincipal`).
  static func objectOrFirst(_ value: JSONValue?) -> JSONObject? {
    if let object = value?.object { return object }
    return value?.array?.first { $0.object != nil }?.object
  }

  /// The values a `modifiedProperties` `oldValue`/`newValue` holds, unpacked.
  ///
  /// Graph writes them as JSON inside strings (`"[true]"`, `"[\"False\"]"`, `"\"Sales\""`); some
  /// pipelines write real arrays; older records write plain text (`"False"`). Empty values are
  /// dropped.
  static func propertyValues(_ value: JSONValue?) -> [String] {
    guard let value, !value.isNull else { return [] }
    if let array = value.array {
      return array.compactMap { $0.scalarText ?? $0.object?.rawText }.filter { !$0.isEmpty }
    }
    guard let text = value.string else { return value.scalarText.map { [$0] } ?? [] }
    return (embeddedValues(text) ?? [text]).filter { !$0.isEmpty }
  }

  /// The scalar values of `text` read as JSON, or nil when it is not JSON.
  private static func embeddedValues(_ text: String) -> [String]? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes { raw -> [String]? in
      var parser = JSONParser(maximumDepth: 32)
      guard var end = try? parser.parseValue(in: raw, from: 0, limit: raw.count) else { return nil }
      JSONRecordReader.skipWhitespace(raw, &end, limit: raw.count)
      guard end == raw.count else { return nil }
      return parser.tokens.withUnsafeBufferPointer { tokens in
        let value = JSONValue(bytes: raw, tokens: tokens, index: 0)
        if let array = value.array {
          return array.compactMap { $0.scalarText ?? $0.object?.rawText }
        }
        if value.isNull { return [] }
        return [value.scalarText ?? value.rawText]
      }
    }
  }

  /// The first new value (or, for removals, old value) of the modified property named `name`
  /// (compared without regard to case) among `properties`.
  static func modifiedValue(
    _ properties: JSONArray?, named name: String, preferOld: Bool = false
  ) -> String? {
    guard let properties else { return nil }
    let wanted = name.lowercased()
    for element in properties {
      guard let property = element.object,
        text(property, "displayName", "DisplayName", "name")?.lowercased() == wanted
      else { continue }
      let new = propertyValues(first(property, "newValue", "NewValue")).first
      let old = propertyValues(first(property, "oldValue", "OldValue")).first
      if let value = preferOld ? (old ?? new) : (new ?? old) { return value }
    }
    return nil
  }

  /// Whether an object id is usable as an identifier: not empty and not the all-zero GUID.
  static func objectID(_ text: String?) -> Identifier? {
    guard let text, !IdentityProviderText.isNilGUID(text) else { return nil }
    return Identifier(.entraObjectID, text)
  }

  /// A UPN as `upn`, plus `email` when it is an address.
  static func upnIdentifiers(_ upn: String?) -> [Identifier] {
    guard let upn, let identifier = Identifier(.upn, upn) else { return [] }
    return [identifier] + IdentityProviderText.emailIdentifiers(upn)
  }
}
