import IDTrailModel
import IDTrailXML

/// `spml.v2.xml`: SPML 2.0 provisioning messages (`urn:oasis:names:tc:SPML:2:0`): `addRequest`,
/// `modifyRequest`, `deleteRequest`, `suspendRequest`, `resumeRequest` and their responses, alone, as
/// a run of siblings, in a `batchRequest`/`batchResponse`, or inside SOAP envelopes.
///
/// Each request becomes a `provision.request` event (create, update, delete, deactivate, reactivate;
/// a `modifyRequest` that sets a disabled flag or `userAccountControl` is a deactivation or
/// reactivation); a response in the same input with the same `requestID` sets the event's outcome
/// (`status` success, failure with `errorMessage`, or pending). SPML itself carries no time: a
/// message in a SOAP envelope is dated by the envelope's WS-Security timestamp
/// (`wsse:Security/wsu:Timestamp/wsu:Created`); other messages by `--as-of`, and without it their
/// requests are rejected.
public struct SPMLv2XMLDecoder: FormatDecoder {
  public init() {}

  public let format = FormatID.spmlXML
  public let summary = "SPML 2.0 add/modify/delete/suspend/resume requests and responses"

  static let namespacePrefix = "urn:oasis:names:tc:SPML:2:0"

  /// SOAP 1.1 and 1.2 envelope namespaces.
  static let soapNamespaces: Set<String> = [
    "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope",
  ]

  /// A SOAP envelope is one record (its header holds the time); outside envelopes, each SPML
  /// request or response is.
  let reader = XMLRecordReader { tag in
    if tag.name == "Envelope", let namespace = tag.namespace,
      SPMLv2XMLDecoder.soapNamespaces.contains(namespace)
    {
      return true
    }
    guard tag.namespace?.hasPrefix(SPMLv2XMLDecoder.namespacePrefix) == true else { return false }
    guard tag.name != "batchRequest" && tag.name != "batchResponse" else { return false }
    return tag.name.hasSuffix("Request") || tag.name.hasSuffix("Response")
  }

  public func recognizes(_ sample: InputSample) -> Bool {
    guard let head = XMLSniffing.head(sample.bytes) else { return false }
    return head.contains(Self.namespacePrefix)
  }

  public func decode(_ input: InputBytes, options: DecodeOptions) -> DecodedInput {
    var output = DecodedInput(
      path: input.path, format: format, byteCount: input.count, keptRejections: options.keptRejections)
    /// Events of requests that a response may still answer, by requestID.
    var awaiting: [String: Int] = [:]
    input.withBytes { bytes in
      reader.read(bytes) { result in
        switch result {
        case .rejected(let error):
          output.account(.rejected(error.description), at: .line(error.line, in: input.path))
        case .record(let record):
          guard record.root.name != "Envelope" else {
            decodeEnvelope(
              record.root, path: input.path, options: options, awaiting: &awaiting, into: &output)
            return
          }
          let locator = Locator.line(record.line, in: input.path)
          let disposition = decodeMessage(
            record.root, time: options.snapshotTime.map { ($0, $0.rfc3339) }, at: locator,
            awaiting: &awaiting, into: &output)
          output.account(disposition, at: locator)
        }
      }
    }
    return output
  }

  /// When a message happened, and that time as written.
  typealias MessageTime = (instant: Timestamp, text: String)

  /// The SPML messages of a SOAP envelope's body (a batch's members one by one), each a record at
  /// its own line, dated by the envelope's WS-Security `Created` time, else by `--as-of`.
  private func decodeEnvelope(
    _ envelope: XMLElement, path: String, options: DecodeOptions, awaiting: inout [String: Int],
    into output: inout DecodedInput
  ) {
    var messages: [XMLElement] = []
    envelope.child("Body")?.forEachChild { element in
      guard element.namespace?.hasPrefix(Self.namespacePrefix) == true else { return }
      if element.name == "batchRequest" || element.name == "batchResponse" {
        messages += element.children.filter { $0.namespace?.hasPrefix(Self.namespacePrefix) == true }
      } else {
        messages.append(element)
      }
    }
    guard !messages.isEmpty else {
      output.account(
        .skipped("a SOAP envelope without an SPML 2.0 message"), at: .line(envelope.line, in: path))
      return
    }
    var time = options.snapshotTime.map { ($0, $0.rfc3339) }
    if let created = envelope.child("Header")?.child("Security")?.child("Timestamp")?.childText("Created") {
      guard let parsed = TimestampParser.parse(created) else {
        for message in messages {
          output.account(
            .rejected("the envelope's wsu:Created '\(created)' is not an RFC 3339 time"),
            at: .line(message.line, in: path))
        }
        return
      }
      time = (parsed, created)
    }
    for message in messages {
      let locator = Locator.line(message.line, in: path)
      let disposition = decodeMessage(message, time: time, at: locator, awaiting: &awaiting, into: &output)
      output.account(disposition, at: locator)
    }
  }

  private func decodeMessage(
    _ message: XMLElement, time: MessageTime?, at locator: Locator, awaiting: inout [String: Int],
    into output: inout DecodedInput
  ) -> RecordDisposition {
    message.name.hasSuffix("Request")
      ? decodeRequest(message, time: time, at: locator, awaiting: &awaiting, into: &output)
      : decodeResponse(message, time: time, at: locator, awaiting: &awaiting, into: &output)
  }

  private func decodeRequest(
    _ request: XMLElement, time: MessageTime?, at locator: Locator, awaiting: inout [String: Int],
    into output: inout DecodedInput
  ) -> RecordDisposition {
    guard var operation = Self.operation(request.name) else {
      return .skipped("SPML \(request.name) is not a provisioning change")
    }
    let details = SPMLMessageDetails(request)
    if operation == .update, let status = details.statusChange { operation = status }
    guard !details.subject.isEmpty else {
      return .rejected("SPML \(request.name) names no identifier idtrail can use (psoID or data attributes)")
    }
    guard let time else {
      return .rejected("SPML 2.0 carries no time; give --as-of to date its requests")
    }
    let requestID = request.attribute("requestID")
    if let requestID { awaiting[requestID] = output.events.count }
    output.emit(
      IdentityEvent(
        time: time.instant, originalTime: time.text, source: format, stage: .scim,
        nativeID: requestID.map { "spml:\($0)" }, locator: locator, action: .provisionRequest,
        rawAction: request.name, provisioning: operation, subject: details.subject,
        actor: Actor(kind: .provisioningClient), resource: details.target,
        outcome: Outcome(succeeded: true, reason: "no response in this input"), channel: .idpPush,
        evidence: .observed))
    return .decoded
  }

  private func decodeResponse(
    _ response: XMLElement, time: MessageTime?, at locator: Locator, awaiting: inout [String: Int],
    into output: inout DecodedInput
  ) -> RecordDisposition {
    let requestName = String(response.name.dropLast("Response".count)) + "Request"
    guard let operation = Self.operation(requestName) else {
      return .skipped("SPML \(response.name) answers no provisioning change")
    }
    let outcome = Self.outcome(response)
    if let requestID = response.attribute("requestID"), let index = awaiting.removeValue(forKey: requestID) {
      output.events[index].outcome = outcome
      return .decoded
    }
    let details = SPMLMessageDetails(response)
    guard !details.subject.isEmpty, let time else {
      return .skipped("SPML \(response.name) answers a request that is not in this input")
    }
    output.emit(
      IdentityEvent(
        time: time.instant, originalTime: time.text, source: format, stage: .scim,
        nativeID: response.attribute("requestID").map { "spml:\($0)" }, locator: locator,
        action: .provisionRequest, rawAction: response.name, provisioning: operation,
        subject: details.subject, actor: Actor(kind: .provisioningClient), resource: details.target,
        outcome: outcome, channel: .idpPush, evidence: .observed))
    return .decoded
  }

  private static func operation(_ requestName: String) -> ProvisioningOperation? {
    switch requestName {
    case "addRequest": return .create
    case "modifyRequest": return .update
    case "deleteRequest": return .delete
    case "suspendRequest": return .deactivate
    case "resumeRequest": return .reactivate
    default: return nil
    }
  }

  /// A response's `status`: success, failure (with `error` and `errorMessage`), or pending.
  private static func outcome(_ response: XMLElement) -> Outcome {
    switch response.attribute("status") {
    case "success":
      return .success
    case "pending":
      return Outcome(succeeded: true, reason: "pending: the target had not finished when it answered")
    default:
      let message = response.childText("errorMessage")
      let code = response.attribute("error")
      let reason = [code, message].compactMap { $0 }.joined(separator: ": ")
      return .failure(reason.isEmpty ? "status \(response.attribute("status") ?? "missing")" : reason)
    }
  }
}

/// What an SPML message says about its subject: identifiers from the `psoID` and the data's
/// attributes (DSML `attr` elements or XSD-profile elements), the target, and a status change.
struct SPMLMessageDetails {
  private(set) var subject: [Identifier] = []
  private(set) var target: Resource?
  /// `deactivate` or `reactivate` when the message sets a disabled flag or `userAccountControl`.
  private(set) var statusChange: ProvisioningOperation?

  init(_ message: XMLElement) {
    var found: [Identifier] = []
    if let pso = message.child("psoID") ?? message.child("pso")?.child("psoID") {
      if let id = pso.attribute("ID") { found.append(contentsOf: Self.identifiers(psoID: id)) }
      target = pso.attribute("targetID").map { Resource(kind: .idpApplication, name: $0) }
    }
    Self.forEachAttribute(in: message) { name, value in
      switch name.lowercased() {
      case "mail", "email", "emailaddress": found.append(optional: Identifier(.email, value))
      case "userprincipalname": found.append(optional: Identifier(.upn, value))
      case "objectsid": found.append(optional: Identifier(.adSID, value))
      case "externalid": found.append(optional: Identifier(.scimExternalID, value))
      case "displayname", "cn": found.append(optional: Identifier(.displayName, value))
      case "useraccountcontrol":
        if let flags = Int(value) { statusChange = flags & 0x2 != 0 ? .deactivate : .reactivate }
      case "accountdisabled", "disabled":
        statusChange = value.lowercased() == "true" ? .deactivate : .reactivate
      case "enabled", "active":
        statusChange = value.lowercased() == "true" ? .reactivate : .deactivate
      default: break
      }
    }
    subject = Array(Set(found)).sorted()
  }

  /// A psoID `ID` as identifiers: an email, a SID, `DOMAIN\name`, or the CN of a DN (weak).
  private static func identifiers(psoID id: String) -> [Identifier] {
    if id.hasPrefix("S-1-") { return [Identifier(.adSID, id)].compactMap { $0 } }
    if id.contains("\\") { return [Identifier(.adAccount, id)].compactMap { $0 } }
    if id.contains("@") && !id.contains("=") { return [Identifier(.email, id)].compactMap { $0 } }
    if let first = id.split(separator: ",").first, first.lowercased().hasPrefix("cn=") {
      return [Identifier(.displayName, String(first.dropFirst(3)))].compactMap { $0 }
    }
    return []
  }

  /// Calls `body` with each (name, value) the message's data holds: DSML `<attr name=…><value>`
  /// pairs, and leaf elements with text (the XSD profile).
  private static func forEachAttribute(in element: XMLElement, _ body: (String, String) -> Void) {
    element.forEachChild { child in
      if child.name == "attr", let name = child.attribute("name") {
        for value in child.children("value") where value.hasText { body(name, value.trimmedText) }
      } else if child.children.isEmpty {
        if child.hasText && child.name != "errorMessage" { body(child.name, child.trimmedText) }
      } else {
        forEachAttribute(in: child, body)
      }
    }
  }
}

extension [Identifier] {
  fileprivate mutating func append(optional identifier: Identifier?) {
    if let identifier { append(identifier) }
  }
}
