/// Parses JSON that arrives inside a string: HAR request and response bodies, and `api_json.log`
/// params whose value was logged as JSON text.
///
/// The byte-level `JSONParser` reads the string's UTF-8 in place; the view handed to `body` is valid
/// only during that call.
enum SCIMBodyParser {
  /// Calls `body` with the single JSON value `text` holds, or with the syntax error that stops it.
  static func withValue<Result>(
    _ text: String, _ body: (Swift.Result<JSONValue, JSONSyntaxError>) -> Result
  ) -> Result {
    var copy = text
    return copy.withUTF8 { utf8 in
      let bytes = UnsafeRawBufferPointer(utf8)
      var parser = JSONParser()
      do throws(JSONSyntaxError) {
        var end = try parser.parseValue(in: bytes, from: 0, limit: bytes.count)
        JSONRecordReader.skipWhitespace(bytes, &end, limit: bytes.count)
        guard end == bytes.count else { throw JSONSyntaxError(.trailingBytes, at: end) }
      } catch {
        return body(.failure(error))
      }
      return parser.tokens.withUnsafeBufferPointer { tokens in
        body(.success(JSONValue(bytes: bytes, tokens: tokens, index: 0)))
      }
    }
  }
}
