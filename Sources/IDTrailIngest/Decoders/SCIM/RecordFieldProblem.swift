/// Why one record cannot be used: the rejection reason a decoder reports for it.
///
/// Field readers throw it so that a decoder can turn any problem deep inside a record (a PatchOp
/// operation of the wrong type, a body that is not JSON) into one `.rejected(reason)`.
struct RecordFieldProblem: Error, Sendable, Equatable {
  var reason: String

  init(_ reason: String) {
    self.reason = reason
  }

  /// "`field` is a number, not a string": the wording every type mismatch uses.
  static func wrongType(_ field: String, is value: JSONValue, expected: String) -> RecordFieldProblem {
    RecordFieldProblem("\(field) is \(kindPhrase(value)), not \(expected)")
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
