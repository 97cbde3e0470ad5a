import IDTrailModel
import Testing

@testable import IDTrailIngest

/// `GitLabAuditRecord` reads its fields in one pass per object; these pin the lookup rules that
/// pass must keep: top level before `details`, null falls through, first occurrence of a key.
@Suite struct GitLabAuditRecordLookupTests {
  private func record(_ text: String) throws -> GitLabAuditRecord {
    var result: GitLabAuditRecord?
    var reader = JSONRecordReader(path: "t.ndjson")
    Array(text.utf8).withUnsafeBytes { buffer in
      reader.forEachRecord(in: buffer, range: 0..<buffer.count, layout: .lines) { record in
        if case .value(let value, _) = record, let object = value.object {
          result = GitLabAuditRecord(object)
        }
        return false
      }
    }
    return try #require(result)
  }

  @Test func restShapeReadsDetails() throws {
    let line = #"""
      {"id":90211,"author_id":12,"entity_id":345,"entity_type":"Group","event_name":"member_updated","details":{"change":"access_level","from":"Developer","to":"Maintainer","as":"Maintainer","event_name":"ignored","author_name":"Jane Owner","author_class":"User","target_id":501,"target_type":"User","target_details":"Sam Dev","custom_message":"Membership updated","entity_path":"acme/platform","author_email":"jane@acme.example","with":"saml","failed_login":"OTP","add":"user_access","remove":"user_access","reason":"expired","impersonated_by":"Admin","system_event":true},"created_at":"2025-02-01T10:15:30.123Z"}
      """#
    let r = try record(line)
    #expect(r.id == "90211")
    #expect(r.eventName == "member_updated")
    #expect(r.createdAt == "2025-02-01T10:15:30.123Z")
    #expect(r.authorID == 12)
    #expect(r.authorName == "Jane Owner")
    #expect(r.authorClass == "User")
    #expect(r.authorEmail == "jane@acme.example")
    #expect(r.entityID == "345")
    #expect(r.entityType == "Group")
    #expect(r.entityPath == "acme/platform")
    #expect(r.targetID == "501")
    #expect(r.targetType == "User")
    #expect(r.targetDetails == "Sam Dev")
    #expect(r.customMessage == "Membership updated")
    #expect(r.change == "access_level")
    #expect(r.from == "Developer")
    #expect(r.to == "Maintainer")
    #expect(r.role == "Maintainer")
    #expect(r.signInMethod == "saml")
    #expect(r.failedLogin == "OTP")
    #expect(r.add == "user_access")
    #expect(r.remove == "user_access")
    #expect(r.reason == "expired")
    #expect(r.impersonatedBy == "Admin")
    #expect(r.systemEvent)
  }

  @Test func topLevelWinsAndNullFallsThrough() throws {
    let r = try record(
      #"{"author_name":"Top","target_id":null,"entity_path":{},"details":{"author_name":"Nested","target_id":"7","entity_path":"acme"}}"#
    )
    #expect(r.authorName == "Top")
    #expect(r.targetID == "7")
    // A present, non-null value is taken even when it is not text.
    #expect(r.entityPath == nil)
  }

  @Test func aRepeatedKeyCountsAtItsFirstOccurrence() throws {
    let r = try record(#"{"author_name":null,"author_name":"Second","reason":"first","reason":"second","details":{"author_name":"Nested"}}"#)
    #expect(r.authorName == "Nested")
    #expect(r.reason == "first")
  }

  @Test func eventNameFallsBackToEventTypeAndCreatedAtToTime() throws {
    let streaming = try record(#"{"event_type":"user_logged_in","details":{"event_name":"from_details"},"time":"x"}"#)
    #expect(streaming.eventName == "from_details")
    #expect(streaming.createdAt == "x")
    let typed = try record(#"{"event_type":"user_logged_in","created_at":"c","time":"t"}"#)
    #expect(typed.eventName == "user_logged_in")
    #expect(typed.createdAt == "c")
    let legacy = try record(#"{"details":{"time":"nested time is not read","with":"standard"}}"#)
    #expect(legacy.eventName == nil)
    #expect(legacy.createdAt == nil)
    #expect(legacy.signInMethod == "standard")
  }

  @Test func valuesOfOtherTypes() throws {
    let r = try record(
      #"{"author_id":"-1","system_event":"true","custom_message":{"protocol":"ssh","action":"git-upload-pack"},"target_id":42,"id":"a\u0062c","details":"not an object"}"#
    )
    #expect(r.authorID == -1)
    #expect(r.systemEvent)
    #expect(r.customMessage == #"{"protocol":"ssh","action":"git-upload-pack"}"#)
    #expect(r.targetID == "42")
    #expect(r.id == "abc")
    #expect(r.authorName == nil)
  }

  /// Records read one after another share a guess of the top-level member order
  /// (`JSONKeyOrder`); records that reorder, escape, repeat or leave out members, or add one that
  /// shares a prefix, read as they would alone.
  @Test func recordsReadInSequenceShareAnOrderGuessAndReadAlike() throws {
    let lines = [
      #"{"id":1,"author_id":5,"event_type":"a_type","created_at":"c1","details":{"event_name":"n1"}}"#,
      #"{"id":2,"author_id":6,"event_type":"b_type","created_at":"c2","details":{"event_name":"n2"}}"#,
      #"{"created_at":"c3","id":3,"event\u005fname":"n3","author\u005fid":7}"#,
      #"{"id":4,"id":40,"author_id_x":9,"author_id":8,"created_at":"c4"}"#,
      #"{"id":5,"author_id":9,"event_type":"c_type","created_at":"c5","details":{"event_name":"n5"}}"#,
      #"{"id":6,"created_at":"c6"}"#,
    ]
    var strings = StringInterner()
    var keyOrder = JSONKeyOrder()
    var inSequence: [GitLabAuditRecord] = []
    var reader = JSONRecordReader(path: "t.ndjson")
    Array(lines.joined(separator: "\n").utf8).withUnsafeBytes { buffer in
      reader.forEachRecord(in: buffer, range: 0..<buffer.count, layout: .lines) { record in
        if case .value(let value, _) = record, let object = value.object {
          inSequence.append(GitLabAuditRecord.read(object, strings: &strings, keyOrder: &keyOrder))
        }
        return true
      }
    }
    #expect(inSequence.map(\.id) == ["1", "2", "3", "4", "5", "6"])
    #expect(inSequence.map(\.authorID) == [5, 6, 7, 8, 9, nil])
    #expect(inSequence.map(\.eventName) == ["n1", "n2", "n3", nil, "n5", nil])
    #expect(inSequence.map(\.createdAt) == ["c1", "c2", "c3", "c4", "c5", "c6"])
    for (line, read) in zip(lines, inSequence) {
      let alone = try record(line)
      #expect(alone.id == read.id && alone.eventName == read.eventName, "\(line)")
      #expect(alone.createdAt == read.createdAt && alone.authorID == read.authorID, "\(line)")
    }
  }

  @Test func escapedKeysAreMatched() throws {
    let r = try record(#"{"author\u005fname":"Escaped","details":{"t\u0061rget_id":9}}"#)
    #expect(r.authorName == "Escaped")
    #expect(r.targetID == "9")
  }
}
