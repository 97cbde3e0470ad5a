import IDTrailModel

/// Why one record cannot be used; it becomes the rejection's reason.
///
/// Decoders throw it from their field readers, so that a record's checks read top to bottom and any
/// problem deep inside it (a field of the wrong type, a PatchOp operation that is not an object, a
/// body that is not JSON) becomes one `.rejected(reason)` in `disposition(of:)`.
struct RecordProblem: Error, Sendable, Equatable {
  var reason: String

  init(_ reason: String) {
    self.reason = reason
  }

  /// What `decode` returns, or `.rejected` with the reason it threw.
  static func disposition(
    of decode: () throws(RecordProblem) -> RecordDisposition
  ) -> RecordDisposition {
    do {
      return try decode()
    } catch {
      return .rejected(error.reason)
    }
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

  /// "`field` is a number, not a string": the wording every type mismatch uses.
  static func wrongType(_ field: String, is value: JSONValue, expected: String) -> RecordProblem {
    RecordProblem("\(field) is \(kindPhrase(value)), not \(expected)")
  }

  /// The value's kind with its article, for messages: "a string", "an object", "null".
  static func kindPhrase(_ value: JSONValue) -> String {
    switch value.kind {
    case .object: return "an object"
    case .array: return "an array"
    case .string: return "a string"
    case .number: return "a number"
    case .true, .false: return "a boolean"
    case .null: return "null"
    }
  }

  /// A short rendering for messages: a string quoted (cut at 40 characters), a number or boolean as
  /// written, anything else by its kind.
  static func shortDescription(_ value: JSONValue) -> String {
    switch value.kind {
    case .string:
      let text = value.string ?? ""
      return text.count > 40 ? "\"\(text.prefix(40))…\"" : "\"\(text)\""
    case .number, .true, .false:
      return value.rawText
    case .object, .array, .null:
      return kindPhrase(value)
    }
  }
}
