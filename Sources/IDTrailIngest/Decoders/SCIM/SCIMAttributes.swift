/// The attributes of a SCIM request or resource, read the same way from a JSON body and from the
/// `params` array (`[{"key": …, "value": …}]`) that GitLab writes to `api_json.log`.
///
/// A view over parsed JSON: valid only inside the callback that produced the underlying values.
struct SCIMAttributes {
  /// Where the attributes are held.
  private enum Storage {
    case object(JSONObject)
    case params(JSONArray)
  }

  private let storage: Storage

  /// Attributes held as the members of a JSON object (a SCIM body).
  init(object: JSONObject) {
    storage = .object(object)
  }

  /// Attributes held as GitLab's logged `params` list.
  init(params: JSONArray) {
    storage = .params(params)
  }

  /// The value of attribute `key`, or nil when the body or params do not carry it.
  subscript(key: StaticString) -> JSONValue? {
    switch storage {
    case .object(let object):
      return object[key]
    case .params(let params):
      for element in params {
        guard let entry = element.object, entry["key"]?.stringEquals(key) == true else { continue }
        return entry["value"]
      }
      return nil
    }
  }

  /// The attribute as a string, or nil when absent or null.
  ///
  /// - Throws: a problem naming `key` when the value is present with another type.
  func string(_ key: StaticString) throws(RecordProblem) -> String? {
    guard let value = self[key], !value.isNull else { return nil }
    guard let text = value.string else {
      throw .wrongType(key.description, is: value, expected: "a string")
    }
    return text
  }

  /// The attribute as a string or the literal text of a number (`externalId`, `id`).
  func scalar(_ key: StaticString) throws(RecordProblem) -> String? {
    guard let value = self[key], !value.isNull else { return nil }
    guard value.kind == .string || value.kind == .number, let text = value.scalarText else {
      throw .wrongType(key.description, is: value, expected: "a string")
    }
    return text
  }

  /// `active` as a boolean; Entra's legacy `"True"`/`"False"` strings count.
  func active() throws(RecordProblem) -> Bool? {
    guard let value = self["active"], !value.isNull else { return nil }
    guard let flag = value.bool else {
      throw RecordProblem("active is \(RecordProblem.shortDescription(value)), not a boolean")
    }
    return flag
  }
}
