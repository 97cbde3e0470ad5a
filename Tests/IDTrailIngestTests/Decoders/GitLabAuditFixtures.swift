import IDTrailIngest
import IDTrailModel
import Testing

/// Finds and decodes the hand-written GitLab audit fixtures under `Fixtures/<format>/`.
enum GitLabAuditFixtures {
  /// `Tests/IDTrailIngestTests/Fixtures`, found from this file's path.
  static let directory: String = {
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(2)  // Decoders/GitLabAuditFixtures.swift
    return components.joined(separator: "/") + "/Fixtures"
  }()

  /// The path of `name` in the fixture folder of `format`.
  static func path(_ format: FormatID, _ name: String) -> String {
    "\(directory)/\(format.rawValue)/\(name)"
  }

  /// Opens the fixture and decodes it with the decoder the sniffer picks.
  static func decode(_ format: FormatID, _ name: String) throws -> DecodedInput {
    Ingest.decode(try InputBytes.open(path(format, name)))
  }

  /// Decodes `text` as an input named `name`, with the sniffer or with `decoder`.
  static func decode(
    text: String, name: String = "inline.json", with decoder: (any FormatDecoder)? = nil
  ) -> DecodedInput {
    decode(bytes: Array(text.utf8), name: name, with: decoder)
  }

  /// Decodes raw `bytes` as an input named `name`, with the sniffer or with `decoder`.
  static func decode(
    bytes: [UInt8], name: String = "inline.json", with decoder: (any FormatDecoder)? = nil
  ) -> DecodedInput {
    Ingest.decode(InputBytes(path: name, bytes: bytes), forced: decoder)
  }
}

extension IdentityEvent {
  /// Everything a GitLab audit test checks about the event, one aspect per line, so that an
  /// expectation reads like the event and a mismatch shows which field differs. The locator's
  /// path is left out (tests check it once per input).
  var auditText: String {
    let position: String
    switch locator.position {
    case .line(let line): position = "line \(line)"
    case .record(let index, let offset): position = "#\(index)@\(offset)"
    }
    let resourceText = resource.map { "\($0.kind.rawValue):\($0.name)" } ?? "-"
    let roleText = role.map { "\($0.before ?? "-") -> \($0.after ?? "-")" } ?? "-"
    let subjectText = subject.isEmpty ? "-" : subject.map(\.description).joined(separator: ", ")
    let actorText =
      actor.identifiers.isEmpty
      ? actor.kind.rawValue
      : actor.kind.rawValue + " " + actor.identifiers.map(\.description).joined(separator: ", ")
    let outcomeText = outcome.succeeded ? "success" : "failure: \(outcome.reason ?? "-")"
    return """
      \(position) \(nativeID ?? "-") \(time.rfc3339)
      \(action.rawValue) \(rawAction)
      subject: \(subjectText)
      actor: \(actorText)
      resource: \(resourceText); role: \(roleText); channel: \(channel.rawValue)
      \(outcomeText)
      """
  }
}
