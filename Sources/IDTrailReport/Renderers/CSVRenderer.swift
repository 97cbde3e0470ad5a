import IDTrailModel

/// The evidence pack for auditors: `findings.csv`, `episodes.csv`, `people.csv`, `inputs.csv` and
/// `access-review.csv` (columns as Vanta's access-file upload takes them). Every cell is quoted
/// where needed and guarded against spreadsheet formulas.
public struct CSVRenderer: ReportRenderer {
  public init() {}

  public let identifier = "csv"

  public func render(_ report: Report, context: RenderContext) throws -> [RenderedFile] {
    [
      file(
        "findings.csv",
        [
          "Finding ID", "Control", "Severity", "Person ID", "Email", "GitLab username", "Time (UTC)",
          "Summary", "Evidence",
        ],
        report.findings.map { finding in
          [
            finding.id, finding.control, finding.severity, finding.person?.id ?? "",
            finding.person?.email ?? "",
            finding.person?.gitlabUsername ?? "", finding.time?.rfc3339 ?? "", finding.summary,
            finding.evidence.map { $0.locator + ($0.kind == "inferred" ? " (inferred)" : "") }.joined(
              separator: "; "),
          ]
        }),
      file(
        "episodes.csv",
        [
          "Kind", "Person ID", "Person", "Status", "Started (UTC)", "IdP to SCIM (s)", "SCIM to GitLab (s)",
          "End to end (s)", "Steps",
        ],
        report.episodes.map { episode in
          [
            episode.kind, episode.person, report.personLabel(episode.person), episode.status,
            episode.steps.first?.time.rfc3339 ?? "", Self.seconds(episode.latencySeconds.idpToScim),
            Self.seconds(episode.latencySeconds.scimToGitlab), Self.seconds(episode.latencySeconds.endToEnd),
            episode.steps.map { "\($0.stage) \($0.action) \($0.time.rfc3339) \($0.locator)" }.joined(
              separator: "; "),
          ]
        }),
      file(
        "people.csv", ["Person ID", "Display name", "Emails", "Identifiers"],
        report.people.map { person in
          [
            person.id, person.displayName, person.emails.joined(separator: "; "),
            person.identifiers.map { "\($0.kind)=\($0.value)" }.joined(separator: "; "),
          ]
        }),
      file(
        "inputs.csv",
        [
          "Path", "Format", "SHA-256", "Records", "Decoded", "Skipped", "Rejected", "Coverage start (UTC)",
          "Coverage end (UTC)",
        ],
        report.inputs.map { input in
          [
            input.path, input.format ?? "unrecognised", input.sha256, String(input.records),
            String(input.decoded),
            String(input.skipped), String(input.rejected), input.coverage?.start.rfc3339 ?? "",
            input.coverage?.end.rfc3339 ?? "",
          ]
        }),
      file(
        "access-review.csv",
        ["Account name", "Account owner", "Role", "Status", "Date created (UTC)", "Date deactivated (UTC)"],
        report.accessReview.map { entry in
          [
            entry.account, entry.owner ?? "", "\(entry.resource): \(entry.role)", entry.status,
            entry.created?.rfc3339 ?? "", entry.deactivated?.rfc3339 ?? "",
          ]
        }),
    ]
  }

  private func file(_ name: String, _ header: [String], _ rows: [[String]]) -> RenderedFile {
    RenderedFile(name: name, contents: ([header] + rows).map(Escaping.csvLine).joined())
  }

  private static func seconds(_ value: Double?) -> String {
    guard let value else { return "" }
    return String(Int(value.rounded()))
  }
}
