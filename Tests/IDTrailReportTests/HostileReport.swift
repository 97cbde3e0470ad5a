import IDTrailModel
import IDTrailReport

/// A report in which every text that can come from an input is hostile: markup, a spreadsheet
/// formula, an XML section end, Markdown table breakers and mentions, line breaks, NUL, an ANSI
/// escape, a C1 control and a bidirectional override.
enum HostileReport {
  static let script = "<script>alert(1)</script>"
  static let formula = "=HYPERLINK(\"http://x\")"
  static let xmlEnd = "]]></failure>"
  static let markdown = "a|b `c` **d** [e](http://x) ![f](http://x/p.png) @all #1 !2 ~3"
  static let controls = "one\ntwo\r\nthree\u{0}nul\u{1B}[31mred\u{9B}c1\u{202E}rlo\tend"

  /// Every hostile text.
  static let texts = [script, formula, xmlEnd, markdown, controls]

  /// All hostile texts in one string, joined by `sep`.
  static func all(_ separator: String = " ") -> String { texts.joined(separator: separator) }

  /// A text longer than `LongText.limit`, with hostile texts both in its lead and its rest.
  static let long = script + " " + String(repeating: "x", count: 100) + "; " + all("; ")

  /// The control characters that must not reach any format but JSON.
  static let forbiddenScalars: [Unicode.Scalar] = ["\u{0}", "\u{1B}", "\u{9B}", "\u{202E}"]

  static func time(_ text: String) -> Timestamp {
    guard let parsed = TimestampParser.parse(text) else { preconditionFailure("bad time \(text)") }
    return parsed
  }

  static let controlID = "ctl " + formula + " " + script

  static let report = Report(
    tool: .init(name: "idtrail", version: "0.1.0"),
    period: .init(start: time("2026-07-01T00:00:00Z"), end: time("2026-09-30T23:59:59Z")),
    policy: [script: formula, "leaverSLA": all()],
    leaverSLASeconds: 86_400,
    inputs: [
      .init(
        path: "logs/" + all(), format: markdown, sha256: script, records: 3, decoded: 1, skipped: 1,
        rejected: 1, coverage: .init(start: time("2026-07-01T00:00:00Z"), end: time("2026-09-30T00:00:00Z")))
    ],
    people: texts.enumerated().map { index, text in
      .init(
        id: "p-\(index) " + text, displayName: text, emails: [text + "@example.com"],
        identifiers: [.init(kind: "email", value: text, learnedFrom: "logs/" + text + ":\(index + 1)")])
    },
    episodes: [
      .init(
        kind: "leaver", person: "p-0 " + script, status: "late",
        steps: [
          .init(
            stage: "idp", action: formula, time: time("2026-08-01T09:00:00Z"), evidence: "observed",
            locator: xmlEnd + ":1"),
          .init(
            stage: script, action: markdown, time: time("2026-08-03T09:00:00Z"), evidence: "inferred",
            locator: controls + ":2"),
        ],
        latencySeconds: .init(idpToScim: nil, scimToGitlab: nil, endToEnd: 172_800))
    ],
    controls: [
      .init(
        id: controlID, title: all(), criteria: [script, formula], status: "fail", findingCount: 2,
        statusReason: long),
      .init(
        id: "quiet", title: xmlEnd, criteria: [""], status: "unknown", findingCount: 0, statusReason: all()),
    ],
    findings: texts.enumerated().map { index, text in
      .init(
        id: "f-\(index) " + text, control: controlID, severity: index == 0 ? "critical" : "high",
        person: .init(id: "p-\(index) " + text, email: text, gitlabUsername: text),
        summary: index == 0 ? long : text, time: time("2026-08-0\(index + 1)T10:00:00Z"),
        evidence: [
          .init(locator: text + ":\(index + 1)", nativeID: text, kind: "observed"),
          .init(locator: "logs/x.json:#2@10", nativeID: nil, kind: "inferred"),
          .init(locator: formula + ":3", nativeID: nil, kind: "observed"),
          .init(locator: script + ":4", nativeID: nil, kind: "observed"),
        ])
    },
    rejections: texts.map { .init(locator: $0 + ":9", reason: $0) },
    rejectionCount: 7,
    accessReview: texts.map {
      .init(
        account: $0, owner: $0, resource: $0, role: $0, status: "active", created: nil, deactivated: nil,
        evidence: "observed")
    },
    eventsPerDay: [
      .init(day: script, stage: formula, count: 2), .init(day: "2026-08-01", stage: "idp", count: 1),
    ])
}
