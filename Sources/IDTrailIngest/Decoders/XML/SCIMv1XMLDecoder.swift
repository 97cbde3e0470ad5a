import IDTrailModel
import IDTrailXML

/// `scim.v1.xml`: SCIM 1.1 resources in XML (`urn:scim:schemas:core:1.0`): a `User` or `Group`
/// document, a list `Response` with `Resources/Resource` items, or an error `Response`.
///
/// Users become state facts (the account's state from `active`; the identity link tying
/// `externalId`, `userName` and the emails; the groups it lists); groups become membership facts for
/// their `members`. Each `errors/error` of an error response is rejected with its text. Element names
/// are matched ignoring case, as real emitters vary (`PhoneNumbers`).
public struct SCIMv1XMLDecoder: XMLRecordDecoding {
  public init() {}

  public let format = FormatID.scimV1XML
  public let summary = "SCIM 1.1 XML resources, list responses and errors (urn:scim:schemas:core:1.0)"

  static let coreNamespace = "urn:scim:schemas:core:1.0"

  public let reader = XMLRecordReader { tag in
    switch tag.name.lowercased() {
    case "user", "group", "resource": return true
    case "error": return tag.parent?.lowercased() == "errors"
    default: return false
    }
  }

  public func recognizes(_ sample: InputSample) -> Bool {
    guard let head = XMLSniffing.head(sample.bytes) else { return false }
    return head.contains(Self.coreNamespace)
  }

  public func decode(
    record: XMLRecord, at locator: Locator, options: DecodeOptions, into output: inout DecodedInput
  ) -> RecordDisposition {
    let resource = record.root
    switch resource.name.lowercased() {
    case "error":
      let description = resource.childText("description", ignoringCase: true) ?? "no description"
      let code = resource.childText("code", ignoringCase: true).map { " \($0)" } ?? ""
      return .rejected("SCIM 1.1 error\(code): \(description)")
    case "group":
      return decodeGroup(resource, at: locator, options: options, into: &output)
    case "user":
      return decodeUser(resource, at: locator, options: options, into: &output)
    default:
      // A list item: typed by xsi:type, or by what it holds.
      let type = resource.attribute("type")?.lowercased() ?? ""
      if type.hasSuffix("group")
        || (!type.hasSuffix("user") && resource.child("members", ignoringCase: true) != nil)
      {
        return decodeGroup(resource, at: locator, options: options, into: &output)
      }
      return decodeUser(resource, at: locator, options: options, into: &output)
    }
  }

  private func decodeUser(
    _ user: XMLElement, at locator: Locator, options: DecodeOptions, into output: inout DecodedInput
  ) -> RecordDisposition {
    // The resource `id` is the SCIM 1.1 service's own id. GitLab has no SCIM 1.1 API, so it is
    // never GitLab's `extern_uid`, and no identifier kind names another service's ids: it is left
    // out rather than joined under the wrong kind.
    var subject: [Identifier] = []
    subject.append(
      optional: user.childText("externalId", ignoringCase: true).flatMap { Identifier(.scimExternalID, $0) })
    if let userName = user.childText("userName", ignoringCase: true), userName.contains("@") {
      subject.append(optional: Identifier(.email, userName))
    }
    for email in user.child("emails", ignoringCase: true)?.children("email", ignoringCase: true) ?? [] {
      subject.append(
        optional: email.childText("value", ignoringCase: true).flatMap { Identifier(.email, $0) })
    }
    subject = Array(Set(subject)).sorted()
    let strong = subject
    subject.append(
      optional: user.childText("displayName", ignoringCase: true).flatMap { Identifier(.displayName, $0) })
    guard !strong.isEmpty else {
      return .skipped("the SCIM 1.1 User has no externalId, email-shaped userName or email")
    }
    let asOf = Self.lastModified(user) ?? options.snapshotTime
    var facts: [StateFact] = []
    if strong.count > 1 {
      facts.append(
        StateFact(
          asOf: asOf, source: format, locator: locator, subject: subject,
          claim: .identityLink(provider: "scim.v1")))
    }
    if let active = user.childText("active", ignoringCase: true)?.lowercased(),
      active == "true" || active == "false"
    {
      let claim = StateFact.Claim.accountState(
        state: active == "true" ? "active" : "inactive", canSignIn: active == "true")
      facts.append(StateFact(asOf: asOf, source: format, locator: locator, subject: subject, claim: claim))
    }
    for group in user.child("groups", ignoringCase: true)?.children("group", ignoringCase: true) ?? [] {
      guard
        let name = group.childText("display", ignoringCase: true)
          ?? group.childText("value", ignoringCase: true)
      else { continue }
      let claim = StateFact.Claim.membership(resource: Resource(kind: .idpGroup, name: name), role: "member")
      facts.append(StateFact(asOf: asOf, source: format, locator: locator, subject: subject, claim: claim))
    }
    guard !facts.isEmpty else {
      return .skipped("the SCIM 1.1 User states neither a link, an active flag nor groups")
    }
    for fact in facts { output.emit(fact) }
    return .decoded
  }

  private func decodeGroup(
    _ group: XMLElement, at locator: Locator, options: DecodeOptions, into output: inout DecodedInput
  ) -> RecordDisposition {
    guard
      let name = group.childText("displayName", ignoringCase: true)
        ?? group.childText("id", ignoringCase: true)
    else { return .rejected("the SCIM 1.1 Group has neither a displayName nor an id") }
    let asOf = Self.lastModified(group) ?? options.snapshotTime
    var emitted = 0
    for member in group.child("members", ignoringCase: true)?.children("member", ignoringCase: true) ?? [] {
      // A PATCH body marks removed members with <operation>delete</operation>: not a membership.
      if member.childText("operation", ignoringCase: true)?.lowercased() == "delete" { continue }
      guard let value = member.childText("value", ignoringCase: true),
        let id = Identifier(.gitlabExternUID, value)
      else { continue }
      var subject = [id]
      subject.append(
        optional: member.childText("display", ignoringCase: true).flatMap { Identifier(.displayName, $0) })
      let claim = StateFact.Claim.membership(resource: Resource(kind: .idpGroup, name: name), role: "member")
      output.emit(StateFact(asOf: asOf, source: format, locator: locator, subject: subject, claim: claim))
      emitted += 1
    }
    return emitted > 0 ? .decoded : .skipped("the SCIM 1.1 Group lists no members")
  }

  private static func lastModified(_ resource: XMLElement) -> Timestamp? {
    resource.child("meta", ignoringCase: true)?.childText("lastModified", ignoringCase: true)
      .flatMap(TimestampParser.parse)
  }
}

extension [Identifier] {
  fileprivate mutating func append(optional identifier: Identifier?) {
    if let identifier { append(identifier) }
  }
}
