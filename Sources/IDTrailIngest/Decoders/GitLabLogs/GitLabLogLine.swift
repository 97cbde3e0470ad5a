import IDTrailModel

/// Field readers shared by the `api_json.log`, `production_json.log` and `application_json.log`
/// decoders: every GitLab JSON log line carries `time` and usually `correlation_id`, and request
/// lines name the signed-in user in `user_id`/`username` (or the `meta.*` context keys).
enum GitLabLogLine {
  /// The line's `time`, parsed, and as written.
  ///
  /// - Throws: a problem when `time` is missing, not a string, or not a valid time.
  static func time(_ line: JSONObject) throws(RecordProblem) -> (Timestamp, String) {
    guard let value = line["time"], !value.isNull else {
      throw RecordProblem("no time field")
    }
    guard let text = value.string else {
      throw .wrongType("time", is: value, expected: "a string")
    }
    guard let time = TimestampParser.parse(text) else {
      throw RecordProblem("time is not a valid time: \(RecordProblem.shortDescription(value))")
    }
    return (time, text)
  }

  /// The HTTP status, or nil when the line has none.
  ///
  /// - Throws: a problem when `status` is present but not an integer.
  static func status(_ line: JSONObject) throws(RecordProblem) -> Int? {
    guard let value = line["status"], !value.isNull else { return nil }
    guard value.kind == .number, let status = value.int else {
      throw .wrongType("status", is: value, expected: "an integer")
    }
    return status
  }

  /// A string field that must be present.
  static func requiredString(_ line: JSONObject, _ key: StaticString) throws(RecordProblem) -> String {
    guard let value = line[key], !value.isNull else {
      throw RecordProblem("no \(key) field")
    }
    guard let text = value.string else {
      throw .wrongType(key.description, is: value, expected: "a string")
    }
    return text
  }

  /// The correlation id, which ties the lines of one request together across GitLab's logs.
  static func correlationID(_ line: JSONObject) -> String? {
    line["correlation_id"]?.string
  }

  /// The signed-in user of a request line: `user_id`/`username`, else `meta.user_id`/`meta.user`.
  static func user(_ line: JSONObject) -> [Identifier] {
    let id = line["user_id"]?.scalarText ?? line["meta.user_id"]?.scalarText
    let name = line["username"]?.string ?? line["meta.user"]?.string
    return [id.flatMap { Identifier(.gitlabUserID, $0) }, name.flatMap { Identifier(.gitlabUsername, $0) }]
      .compactMap { $0 }
  }

  /// The project a request worked on (`meta.project`), as a GitLab namespace.
  static func project(_ line: JSONObject) -> Resource? {
    line["meta.project"]?.string.map { Resource(kind: .gitlabNamespace, name: $0) }
  }

  /// Success for statuses below 400, else a failure carrying the status.
  static func outcome(status: Int?) -> Outcome {
    guard let status else { return .success }
    return status < 400
      ? Outcome(succeeded: true, httpStatus: status)
      : .failure("HTTP \(status)", httpStatus: status)
  }
}
