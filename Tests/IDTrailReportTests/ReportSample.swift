import IDTrailModel
import IDTrailReport

/// One fixed report that every renderer's golden test renders: it holds each control status, a
/// late and a complete leaver, findings of several severities, and hostile names (markup, CSV
/// formulas, Markdown pipes) that must come out escaped.
enum ReportSample {
  static func time(_ text: String) -> Timestamp {
    guard let parsed = TimestampParser.parse(text) else { preconditionFailure("bad sample time \(text)") }
    return parsed
  }

  static let report = Report(
    tool: .init(name: "idtrail", version: "0.1.0"),
    period: .init(start: time("2026-07-01T00:00:00Z"), end: time("2026-09-30T23:59:59Z")),
    policy: [
      "leaverSLA": "24 hours", "clockSkewTolerance": "300 seconds", "privilegedRoles": "Owner, admin",
    ],
    leaverSLASeconds: 86_400,
    inputs: [
      .init(
        path: "logs/audit.ndjson", format: "gitlab.audit.api",
        sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", records: 120,
        decoded: 117, skipped: 2, rejected: 1,
        coverage: .init(start: time("2026-07-01T08:00:00Z"), end: time("2026-09-30T17:00:00Z"))),
      .init(
        path: "logs/okta.json", format: "okta.systemlog",
        sha256: "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", records: 40,
        decoded: 40, skipped: 0, rejected: 0,
        coverage: .init(start: time("2026-07-02T09:00:00Z"), end: time("2026-09-29T12:00:00Z"))),
    ],
    people: [
      .init(
        id: "p-1a2b3c4d5e6f", displayName: "Ana <script>alert(1)</script> Lopez",
        emails: ["ana.lopez@example.com"],
        identifiers: [
          .init(kind: "email", value: "ana.lopez@example.com", learnedFrom: "logs/okta.json:#3@512"),
          .init(kind: "gitlab.user_id", value: "42", learnedFrom: "logs/audit.ndjson:17"),
        ]),
      .init(
        id: "p-6f5e4d3c2b1a", displayName: "=HYPERLINK(\"http://evil\")",
        emails: ["sam|dev@example.com"],
        identifiers: [
          .init(kind: "gitlab.username", value: "sam.dev", learnedFrom: "logs/audit.ndjson:30")
        ]),
    ],
    episodes: [
      .init(
        kind: "leaver", person: "p-1a2b3c4d5e6f", status: "late",
        steps: [
          .init(
            stage: "idp", action: "account.disable", time: time("2026-08-03T09:00:00Z"), evidence: "observed",
            locator: "logs/okta.json:#12@4096"),
          .init(
            stage: "scim", action: "provision.request", time: time("2026-08-03T09:00:40Z"),
            evidence: "observed", locator: "logs/api_json.log:88"),
          .init(
            stage: "gitlab", action: "membership.remove", time: time("2026-08-05T10:00:40Z"),
            evidence: "observed", locator: "logs/audit.ndjson:61"),
        ],
        latencySeconds: .init(idpToScim: 40, scimToGitlab: 176_400, endToEnd: 176_440)),
      .init(
        kind: "leaver", person: "p-6f5e4d3c2b1a", status: "complete",
        steps: [
          .init(
            stage: "idp", action: "account.disable", time: time("2026-09-01T12:00:00Z"), evidence: "observed",
            locator: "logs/okta.json:#30@9001"),
          .init(
            stage: "gitlab", action: "account.disable", time: time("2026-09-01T12:10:00Z"),
            evidence: "inferred", locator: "logs/users-end.json:#2@300"),
        ],
        latencySeconds: .init(idpToScim: nil, scimToGitlab: nil, endToEnd: 600)),
    ],
    controls: [
      .init(
        id: "leaver-sla", title: "Access removed within the leaver SLA", criteria: ["CC6.2", "CC6.3"],
        status: "fail", findingCount: 1, statusReason: nil),
      .init(
        id: "mfa-weakened", title: "Two-factor authentication was not weakened", criteria: ["CC6.1"],
        status: "pass", findingCount: 0, statusReason: nil),
      .init(
        id: "evidence-coverage", title: "Every source covers the whole period", criteria: ["CC7.2"],
        status: "unknown", findingCount: 0, statusReason: "no IdP log covers 2026-07-01 to 2026-07-02"),
      .init(
        id: "impersonation", title: "Admin impersonation sessions are reviewed",
        criteria: ["CC6.3", "CC7.2"], status: "not-applicable", findingCount: 0,
        statusReason: "no impersonation in the period"),
    ],
    findings: [
      .init(
        id: "f-0c1d2e3f4a5b", control: "leaver-sla", severity: "high",
        person: .init(id: "p-1a2b3c4d5e6f", email: "ana.lopez@example.com", gitlabUsername: "ana"),
        summary: "GitLab access removed 49h 0m 40s after the IdP deactivated <b>Ana</b> (SLA 24h)",
        time: time("2026-08-03T09:00:00Z"),
        evidence: [
          .init(locator: "logs/okta.json:#12@4096", nativeID: "okta:abc", kind: "observed"),
          .init(locator: "logs/audit.ndjson:61", nativeID: "gitlab-audit:991", kind: "observed"),
        ])
    ],
    rejections: [
      .init(locator: "logs/audit.ndjson:99", reason: "malformed JSON: unexpected 'x' at byte 5012")
    ],
    rejectionCount: 1,
    accessReview: [
      .init(
        account: "ana", owner: "ana.lopez@example.com", resource: "acme/platform", role: "Developer",
        status: "deactivated", created: time("2025-01-10T10:00:00Z"),
        deactivated: time("2026-08-05T10:00:40Z"), evidence: "observed"),
      .init(
        account: "sam.dev", owner: nil, resource: "acme", role: "Owner", status: "active", created: nil,
        deactivated: nil, evidence: "inferred"),
    ],
    eventsPerDay: [
      .init(day: "2026-08-03", stage: "idp", count: 3),
      .init(day: "2026-08-03", stage: "scim", count: 1),
      .init(day: "2026-08-05", stage: "gitlab", count: 7),
    ])
}
