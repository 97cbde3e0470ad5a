import IDTrailModel
import Testing

@testable import IDTrailIngest

/// `GitLabAuditRecord.read(_:as:into:)` leaves the fields a person's event does not use unread
/// (`GitLabAuditNormalizer.deferrableFieldsUsed`). Every event name, on every kind of entity and
/// target, must build the event that reading every field builds.
@Suite struct GitLabDeferredFieldsTests {
  /// Every mapped name, a name with no mapping (activity) and the legacy untyped name.
  private static let eventNames =
    GitLabAuditEventMapping.byEventName.keys.sorted()
    + ["merge_request_create", GitLabAuditRecord.untypedEventName]

  /// Entities and targets the normaliser treats differently: a group with and without a path, a
  /// project named only by its target, a user, the instance.
  private static let entitiesAndTargets = [
    #""entity_id":42,"entity_type":"Group","entity_path":"acme","#
      + #""target_id":77,"target_type":"User","target_details":"Sam Dev""#,
    #""entity_id":42,"entity_type":"Group","#
      + #""target_id":"acme/platform","target_type":"Group","target_details":"acme/platform""#,
    #""entity_id":312,"entity_type":"Project","#
      + #""target_id":312,"target_type":"Project","target_details":"infra""#,
    #""entity_id":77,"entity_type":"User","target_id":77,"target_type":"User","target_details":"sam""#,
    #""entity_id":1,"entity_type":"Gitlab::Audit::InstanceScope","target_details":"Sam Dev""#,
  ]

  /// The details every record carries: each deferrable field with a value some rule reads.
  private static let details =
    #""author_class":"User","custom_message":"Created personal access token with id 42 "#
    + #"(by Instance administrator started impersonation of sam)","#
    + #""from":"false","to":"true","as":"Developer","with":"saml","add":"user_access","#
    + #""change":"access_level","failed_login":"OTP","reason":"expired","impersonated_by":"Admin","#
    + #""updated_ref":"main""#

  private func line(_ name: String, _ entityAndTarget: String, id: Int) -> String {
    #"{"id":\#(id),"event_type":"\#(name)","author_id":7,"author_name":"Ann Owner","#
      + #""author_email":"ann@acme.example",\#(entityAndTarget),"created_at":"2026-03-02T10:00:00.123Z","#
      + #""details":{"event_name":"\#(name)",\#(Self.details)}}"#
  }

  /// The events of `text`'s lines read every field (`GitLabAuditRecord.init`), then normalised.
  private func eventsReadWhole(_ text: String) -> [IdentityEvent] {
    var output = DecodedInput(path: "t.ndjson", format: .gitlabAuditStream, byteCount: text.utf8.count)
    var reader = JSONRecordReader(path: output.path)
    Array(text.utf8).withUnsafeBytes { bytes in
      reader.forEachRecord(in: bytes, range: 0..<bytes.count, layout: .lines) { record in
        if case .value(let value, let locator) = record, let object = value.object {
          let disposition = GitLabAuditNormalizer.normalize(
            GitLabAuditRecord(object), source: .gitlabAuditStream, at: locator, into: &output)
          output.account(disposition, at: locator)
        }
        return true
      }
    }
    return output.events
  }

  @Test func aPersonsEventIsTheSameWithItsUnusedFieldsLeftUnread() {
    var lines: [String] = []
    for name in Self.eventNames {
      for entityAndTarget in Self.entitiesAndTargets {
        lines.append(line(name, entityAndTarget, id: lines.count + 1))
      }
    }
    let text = lines.joined(separator: "\n")
    var output = DecodedInput(path: "t.ndjson", format: .gitlabAuditStream, byteCount: text.utf8.count)
    decodeLines(text, with: GitLabAuditStreamDecoder(), into: &output)
    let whole = eventsReadWhole(text)
    #expect(output.events.count == lines.count)
    #expect(whole.count == lines.count)
    for (read, expected) in zip(output.events, whole) where read != expected {
      Issue.record("\(read.rawAction) at \(read.locator): \(read) differs from \(expected)")
    }
    // The records do use the fields that may be left unread: roles, targets, messages.
    #expect(output.events.contains { $0.role != nil })
    #expect(output.events.contains { $0.resource?.kind == .credential })
    #expect(output.events.contains { $0.subject.contains { $0.kind == .gitlabUserID && $0.value == "77" } })
  }
}
