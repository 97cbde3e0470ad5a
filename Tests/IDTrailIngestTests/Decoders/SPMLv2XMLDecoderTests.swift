import IDTrailIngest
import IDTrailModel
import Testing

@Suite struct SPMLv2XMLDecoderTests {
  private let decoder = SPMLv2XMLDecoder()
  private let asOf = Timestamp(secondsSinceEpoch: 1_719_792_000)
  private var options: DecodeOptions { DecodeOptions(snapshotTime: asOf) }

  @Test func requestsBecomeProvisioningEventsWithTheirResponsesOutcome() throws {
    let input = try XMLDecoderTestSupport.decode(decoder, "requests-and-responses.xml", options: options)
    #expect((input.records, input.decoded, input.skippedCount, input.rejectedCount) == (11, 9, 2, 0))
    #expect(
      input.skipped == [
        "SPML lookupRequest is not a provisioning change": 1,
        "SPML deleteResponse answers a request that is not in this input": 1,
      ])
    #expect(
      input.events.map(\.provisioning) == [.create, .deactivate, .update, .delete, .deactivate, .reactivate])
    #expect(
      input.events.map(\.rawAction) == [
        "addRequest", "modifyRequest", "modifyRequest", "deleteRequest", "suspendRequest", "resumeRequest",
      ])
    #expect(
      input.events.map(\.nativeID) == [
        "spml:req-1", "spml:req-2", "spml:req-3", "spml:req-4", "spml:req-5", "spml:req-6",
      ])
    #expect(
      input.events.map(\.outcome) == [
        .success, .failure("noSuchIdentifier: No such object: CORP\\jdoe"),
        Outcome(succeeded: true, reason: "no response in this input"),
        Outcome(succeeded: true, reason: "pending: the target had not finished when it answered"),
        Outcome(succeeded: true, reason: "no response in this input"),
        Outcome(succeeded: true, reason: "no response in this input"),
      ])
    #expect(
      input.events.map(\.subject) == [
        [
          Identifier(.displayName, "Jane Doe"), Identifier(.email, "jdoe@example.com"),
          Identifier(.upn, "jdoe@corp.example.com"),
        ]
        .compactMap { $0 },
        [Identifier(.adAccount, "corp\\jdoe")].compactMap { $0 },
        [Identifier(.email, "jdoe@example.com")].compactMap { $0 },
        [Identifier(.adSID, "S-1-5-21-1111111111-2222222222-3333333333-4201")].compactMap { $0 },
        [Identifier(.adAccount, "corp\\kim")].compactMap { $0 },
        [Identifier(.adAccount, "corp\\kim")].compactMap { $0 },
      ])
    // A start tag spread over lines is located at the line where it ends.
    #expect(input.events.map { $0.locator.xmlLineNumber } == [2, 15, 26, 32, 36, 39])
    #expect(input.events[1].resource == Resource(kind: .idpApplication, name: "ad-example"))
    #expect(
      input.events.allSatisfy {
        $0.action == .provisionRequest && $0.stage == .scim && $0.channel == .idpPush && $0.time == asOf
          && $0.actor == Actor(kind: .provisioningClient)
      })
    #expect(input.events.allSatisfy { !"\($0)".contains("Secret-123") })
  }

  @Test func readsABatchInsideASOAPEnvelope() throws {
    let input = try XMLDecoderTestSupport.decode(decoder, "soap-batch.xml", options: options)
    #expect((input.records, input.decoded) == (2, 2))
    #expect(input.events.map(\.provisioning) == [.delete, .reactivate])
    #expect(
      input.events.map(\.subject) == [
        [Identifier(.adAccount, "CORP\\old.user")].compactMap { $0 },
        [Identifier(.adAccount, "CORP\\kim")].compactMap { $0 },
      ])
    #expect(input.events.map { $0.locator.xmlLineNumber } == [6, 7])
  }

  @Test func withoutAsOfRequestsAreRejectedForWantOfATime() throws {
    let input = try XMLDecoderTestSupport.decode(decoder, "soap-batch.xml")
    #expect(
      input.xmlRejectionLines == [
        "6: SPML 2.0 carries no time; give --as-of to date its requests",
        "7: SPML 2.0 carries no time; give --as-of to date its requests",
      ])
  }

  @Test func aSOAPEnvelopeDatesItsMessagesByTheWSSecurityTimestamp() throws {
    func envelope(created: String?, body: String) -> String {
      let header = created.map {
        "<soap:Header><wsse:Security xmlns:wsse=\"urn:wsse\"><wsu:Timestamp xmlns:wsu=\"urn:wsu\">"
          + "<wsu:Created>\($0)</wsu:Created></wsu:Timestamp></wsse:Security></soap:Header>"
      } ?? ""
      return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">" + header
        + "<soap:Body>" + body + "</soap:Body></soap:Envelope>"
    }
    let suspend =
      "<spml:suspendRequest xmlns:spml=\"urn:oasis:names:tc:SPML:2:0\" requestID=\"s-1\">"
      + "<spml:psoID ID=\"CORP\\kim\"/></spml:suspendRequest>"
    let answer =
      "<spml:suspendResponse xmlns:spml=\"urn:oasis:names:tc:SPML:2:0\" requestID=\"s-1\" status=\"success\"/>"
    let text = [
      envelope(created: "2026-07-03T08:05:07.847Z", body: suspend),
      envelope(created: "2026-07-03T08:05:08.708Z", body: answer),
      envelope(created: "yesterday", body: suspend),
      envelope(created: nil, body: "<ping xmlns=\"urn:example\"/>"),
    ].joined(separator: "\n")
    let input = XMLDecoderTestSupport.decode(decoder, text: text)
    #expect((input.records, input.decoded, input.rejectedCount) == (4, 2, 1))
    #expect(input.skipped == ["a SOAP envelope without an SPML 2.0 message": 1])
    let event = try #require(input.events.first)
    #expect(input.events.count == 1)
    #expect(event.time == TimestampParser.parse("2026-07-03T08:05:07.847Z"))
    #expect(event.originalTime == "2026-07-03T08:05:07.847Z")
    #expect(event.provisioning == .deactivate)
    #expect(event.outcome == .success)
    #expect(
      input.xmlRejectionLines == ["3: the envelope's wsu:Created 'yesterday' is not an RFC 3339 time"])
  }

  @Test func aRequestWithoutAnyIdentifierIsRejected() {
    let text = "<addRequest xmlns=\"urn:oasis:names:tc:SPML:2:0\" requestID=\"x\"><data/></addRequest>"
    let input = XMLDecoderTestSupport.decode(decoder, text: text, options: options)
    #expect(
      input.xmlRejectionLines == [
        "1: SPML addRequest names no identifier idtrail can use (psoID or data attributes)"
      ])
  }
}
