import IDTrailModel

/// Why one record of an identity-provider log cannot be used; it becomes the rejection's reason.
///
/// The Okta, Entra ID and Google decoders throw it from their field readers so that a record's
/// checks read top to bottom, and turn it into `.rejected(reason)` in one place.
struct RecordProblem: Error, Sendable, Equatable {
  var reason: String

  init(_ reason: String) {
    self.reason = reason
  }

  /// The string at `name`; throws when it is absent, null, empty or not a string.
  static func requireString(_ value: JSONValue?, _ name: String) throws(RecordProblem) -> String {
    guard let value, !value.isNull else { throw RecordProblem("no \(name)") }
    guard let text = value.string else {
      throw RecordProblem("\(name) is \(value.kind) JSON, not a string")
    }
    guard !text.isEmpty else { throw RecordProblem("\(name) is empty") }
    return text
  }

  /// The RFC 3339 time at `name` and its text; throws when it is missing or not a valid time.
  static func requireTime(_ value: JSONValue?, _ name: String) throws(RecordProblem) -> (Timestamp, String) {
    let text = try requireString(value, name)
    guard let time = TimestampParser.parse(text) else {
      throw RecordProblem("\(name) is not a valid RFC 3339 time: '\(text)'")
    }
    return (time, text)
  }

  /// The object at `name`, or nil when it is absent or null; throws when it is another type.
  static func optionalObject(_ value: JSONValue?, _ name: String) throws(RecordProblem) -> JSONObject? {
    guard let value, !value.isNull else { return nil }
    guard let object = value.object else {
      throw RecordProblem("\(name) is \(value.kind) JSON, not an object")
    }
    return object
  }

  /// The array at `name`, or nil when it is absent or null; throws when it is another type.
  static func optionalArray(_ value: JSONValue?, _ name: String) throws(RecordProblem) -> JSONArray? {
    guard let value, !value.isNull else { return nil }
    guard let array = value.array else {
      throw RecordProblem("\(name) is \(value.kind) JSON, not an array")
    }
    return array
  }
}
