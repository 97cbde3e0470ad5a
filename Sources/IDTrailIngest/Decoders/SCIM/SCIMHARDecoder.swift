import Foundation
import IDTrailModel

/// `scim.v2.har`: SCIM 2.0 traffic captured as HAR 1.2 (a proxy's or browser's export), for any
/// SCIM service provider.
///
/// Each entry's request (method, URL, body) and response (status, body) → `provision.request` at
/// the `scim` stage, read by `SCIMProvisioningCall` (PatchOp variants: `SCIMPatchRequest`); the
/// status is the outcome and a SCIM error's `detail` its reason. Entries that are not SCIM calls are
/// skipped. Headers are never read, so `Authorization`, `Cookie` and `Set-Cookie` cannot reach an
/// event; URLs are kept without user info and query (see `HARRequestURL`).
///
/// A capture cut off in the middle (a partial copy) still yields the entries before the cut; the
/// rest is one rejection at the entry where the cut is.
public struct SCIMHARDecoder: JSONRecordDecoder {
  public init() {}

  public let format = FormatID.scimHAR
  public let summary = "SCIM 2.0 traffic captured as HAR 1.2, for any SCIM service provider"

  public func recognizes(_ sample: InputSample) -> Bool {
    if let object = sample.firstJSONObject { return records(inEnvelope: object) != nil }
    return Self.startsLikeHAR(sample.bytes)
  }

  public func recognizes(firstRecord: JSONObject) -> Bool {
    firstRecord.contains("startedDateTime") && firstRecord["request"]?.object != nil
  }

  public func records(inEnvelope object: JSONObject) -> JSONArray? {
    object[path: "log", "entries"]?.array
  }

  public func decode(_ input: InputBytes, options: DecodeOptions) -> DecodedInput {
    input.withBytes { bytes in
      var output = DecodedInput(
        path: input.path, format: format, byteCount: bytes.count, keptRejections: options.keptRejections)
      var parser = JSONParser()
      let start = JSONRecordReader.bomLength(bytes)
      do throws(JSONSyntaxError) {
        var end = try parser.parseValue(in: bytes, from: start, limit: bytes.count)
        JSONRecordReader.skipWhitespace(bytes, &end, limit: bytes.count)
        guard end == bytes.count else { throw JSONSyntaxError(.trailingBytes, at: end) }
      } catch {
        salvage(bytes, after: error, path: input.path, options: options, into: &output)
        return output
      }
      parser.tokens.withUnsafeBufferPointer { tokens in
        let root = JSONValue(bytes: bytes, tokens: tokens, index: 0)
        guard let object = root.object, let entries = records(inEnvelope: object) else {
          output.account(
            .rejected("not a HAR capture: the document has no log.entries array"),
            at: .line(1, in: input.path))
          return
        }
        var index = 0
        for element in entries {
          index += 1
          let locator = Locator(
            path: input.path, position: .record(index: index, byteOffset: element.byteOffset))
          decodeElement(element, envelope: object, at: locator, options: options, into: &output)
        }
      }
      return output
    }
  }

  public func decode(
    record: JSONObject, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) -> RecordDisposition {
    return RecordProblem.disposition { () throws(RecordProblem) in
      try decodeEntry(record, at: locator, into: &output)
    }
  }

  private func decodeElement(
    _ element: JSONValue, envelope: JSONObject?, at locator: Locator, options: DecodeOptions,
    into output: inout DecodedInput
  ) {
    guard let entry = element.object else {
      output.account(.rejected("the entry is \(RecordProblem.kindPhrase(element)), not an object"), at: locator)
      return
    }
    let disposition = decode(record: entry, envelope: envelope, at: locator, options: options, into: &output)
    output.account(disposition, at: locator)
  }

  /// Reads the entries of a capture that is not valid JSON as a whole, one at a time, up to the
  /// first that cannot be read.
  private func salvage(
    _ bytes: UnsafeRawBufferPointer, after error: JSONSyntaxError, path: String, options: DecodeOptions,
    into output: inout DecodedInput
  ) {
    guard let arrayStart = Self.entriesArrayStart(bytes) else {
      output.account(.rejected("malformed JSON: \(error)"), at: .line(1, in: path))
      return
    }
    var parser = JSONParser()
    var position = arrayStart + 1
    var index = 0
    JSONRecordReader.skipWhitespace(bytes, &position, limit: bytes.count)
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
      output.account(.rejected("malformed JSON after the entries: \(error)"), at: .line(1, in: path))
      return
    }
    while true {
      JSONRecordReader.skipWhitespace(bytes, &position, limit: bytes.count)
      index += 1
      let locator = Locator(path: path, position: .record(index: index, byteOffset: position))
      do throws(JSONSyntaxError) {
        position = try parser.parseValue(in: bytes, from: position, limit: bytes.count)
        parser.tokens.withUnsafeBufferPointer { tokens in
          let element = JSONValue(bytes: bytes, tokens: tokens, index: 0)
          decodeElement(element, envelope: nil, at: locator, options: options, into: &output)
        }
        JSONRecordReader.skipWhitespace(bytes, &position, limit: bytes.count)
        guard position < bytes.count else { throw JSONSyntaxError(.unexpectedEnd, at: position) }
        let separator = bytes[position]
        position += 1
        if separator == UInt8(ascii: "]") { break }
        guard separator == UInt8(ascii: ",") else {
          throw JSONSyntaxError(.unexpectedByte(separator), at: position - 1)
        }
      } catch {
        output.account(.rejected("the capture is cut off or malformed from here on: \(error)"), at: locator)
        return
      }
    }
    let after = Locator(path: path, position: .record(index: index + 1, byteOffset: error.offset))
    output.account(.rejected("malformed JSON after the entries: \(error)"), at: after)
  }

  private func decodeEntry(
    _ entry: JSONObject, at locator: Locator, into output: inout DecodedInput
  ) throws(RecordProblem) -> RecordDisposition {
    let started = try Self.string(entry, "startedDateTime", label: "startedDateTime")
    guard let time = TimestampParser.parse(started) else {
      throw RecordProblem("startedDateTime is not a valid time: \"\(started.prefix(40))\"")
    }
    let request = try Self.object(entry, "request", label: "request")
    let response = try Self.object(entry, "response", label: "response")
    let method = try Self.string(request, "method", label: "request.method").uppercased()
    let urlText = try Self.string(request, "url", label: "request.url")
    guard let statusValue = response["status"], !statusValue.isNull else {
      throw RecordProblem("the entry has no response.status")
    }
    guard statusValue.kind == .number, let status = statusValue.int else {
      throw .wrongType("response.status", is: statusValue, expected: "an integer")
    }
    guard let url = HARRequestURL(urlText) else {
      throw RecordProblem("request.url is not an absolute http(s) URL")
    }
    let requestBody = request[path: "postData", "text"]?.string
    let responseBody = Self.responseText(response)
    let mimeTypes = [
      request[path: "postData", "mimeType"]?.string, response[path: "content", "mimeType"]?.string,
    ]
    let knownSCIM = mimeTypes.contains { $0?.lowercased().contains("scim+json") == true }
    guard let endpoint = SCIMEndpoint(path: url.path, knownSCIM: knownSCIM) else {
      return .skipped("not a SCIM request (no Users or Groups endpoint in the URL)")
    }

    let interpretation = Self.withAttributes(of: requestBody, label: "request.postData.text", strict: true) {
      request in
      Self.withAttributes(of: responseBody, label: "response.content.text", strict: false) { response in
        do throws(RecordProblem) {
          let reading = try SCIMProvisioningCall.interpret(
            method: method, endpoint: endpoint, status: status, request: request, response: response,
            filter: url.queryValue("filter"),
            fallbackResource: Resource(kind: .idpApplication, name: url.host))
          return .success((reading, response?["detail"]?.string))
        } catch {
          return .failure(error)
        }
      }
    }
    let (reading, detail) = try interpretation.get()
    switch reading {
    case .skipped(let reason):
      return .skipped(reason)
    case .calls(let calls):
      let nativeID = "har:\(started):\(method):\(url.withoutCredentials)"
      for call in calls {
        output.emit(
          IdentityEvent(
            time: time, originalTime: started, source: format, stage: .scim,
            nativeID: call.part.map { "\(nativeID)#\($0)" } ?? nativeID, locator: locator,
            action: .provisionRequest, rawAction: "\(method) \(endpoint.routePattern)",
            provisioning: call.operation, subject: call.subject, actor: Actor(kind: .provisioningClient),
            resource: call.resource, role: call.role,
            outcome: SCIMCallOutcome.outcome(status: status, detail: detail),
            channel: .scim))
      }
      return .decoded
    }
  }

  /// Calls `body` with the attributes of a JSON body; nil when there is no body, or when a
  /// response body (`strict` false) is not a JSON object (an HTML error page from a proxy).
  private static func withAttributes<Success>(
    of text: String?, label: String, strict: Bool,
    _ body: (SCIMAttributes?) -> Result<Success, RecordProblem>
  ) -> Result<Success, RecordProblem> {
    guard let text, text.contains(where: { !$0.isWhitespace }) else { return body(nil) }
    return SCIMBodyParser.withValue(text) { parsed in
      switch parsed {
      case .success(let value):
        if let object = value.object { return body(SCIMAttributes(object: object)) }
        return strict ? .failure(.wrongType(label, is: value, expected: "a JSON object")) : body(nil)
      case .failure(let error):
        return strict ? .failure(RecordProblem("\(label) is not JSON (\(error))")) : body(nil)
      }
    }
  }

  /// The response body as text; HAR writes binary or compressed bodies base64-encoded.
  private static func responseText(_ response: JSONObject) -> String? {
    guard let content = response["content"]?.object, let text = content["text"]?.string else { return nil }
    guard content["encoding"]?.string?.lowercased() == "base64" else { return text }
    return Data(base64Encoded: text, options: .ignoreUnknownCharacters).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  private static func string(
    _ object: JSONObject, _ key: StaticString, label: String
  ) throws(RecordProblem) -> String {
    guard let value = object[key], !value.isNull else {
      throw RecordProblem("the entry has no \(label)")
    }
    guard let text = value.string else { throw .wrongType(label, is: value, expected: "a string") }
    return text
  }

  private static func object(
    _ object: JSONObject, _ key: StaticString, label: String
  ) throws(RecordProblem) -> JSONObject {
    guard let value = object[key], !value.isNull else {
      throw RecordProblem("the entry has no \(label)")
    }
    guard let member = value.object else { throw .wrongType(label, is: value, expected: "an object") }
    return member
  }

  /// Whether the bytes open a HAR document: `{"log": {` after a byte order mark and whitespace.
  private static func startsLikeHAR(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var position = JSONRecordReader.bomLength(bytes)
    for expected in ["{", "\"log\"", ":", "{"] {
      JSONRecordReader.skipWhitespace(bytes, &position, limit: bytes.count)
      for byte in expected.utf8 {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
      }
    }
    return true
  }

  /// The offset of the `[` that opens the `"entries"` array, found by scanning the bytes.
  private static func entriesArrayStart(_ bytes: UnsafeRawBufferPointer) -> Int? {
    let key = Array("\"entries\"".utf8)
    var position = 0
    while position + key.count <= bytes.count {
      if bytes[position] == key[0], (0..<key.count).allSatisfy({ bytes[position + $0] == key[$0] }) {
        var cursor = position + key.count
        JSONRecordReader.skipWhitespace(bytes, &cursor, limit: bytes.count)
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") {
          cursor += 1
          JSONRecordReader.skipWhitespace(bytes, &cursor, limit: bytes.count)
          if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "[") { return cursor }
        }
      }
      position += 1
    }
    return nil
  }
}
