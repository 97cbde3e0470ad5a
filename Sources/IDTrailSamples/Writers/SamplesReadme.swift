import IDTrailModel

/// `README.md` of a generated sample folder: what each file is, its format, and what is planted.
struct SamplesReadme {
  let world: SampleWorld
  let files: [SampleFile]
  let document: GroundTruthDocument

  var text: String {
    let configuration = world.configuration
    let first = TimeText.date(configuration.start)
    let last = TimeText.date(configuration.end.plus(seconds: -1))
    var lines: [String] = [
      "# Sample organisation (generated)",
      "",
      "Made by `idtrail samples --out DIR --seed \(configuration.seed) --people \(configuration.people) "
        + "--from \(first) --to \(last)`; the same command gives byte-identical files. Everything here is "
        + "fictitious: people, companies, domains (`*.example`), addresses (documentation ranges) and tokens.",
      "",
      "**Acme** runs Active Directory, Okta and a self-managed GitLab instance (`gitlab.acme.example`) with "
        + "instance SAML and instance SCIM: Okta creates accounts over SCIM, SAML group sync gives them their "
        + "groups at sign-in, and a SCIM deprovision blocks the account. **Globex** (a subsidiary, groups "
        + "`globex/…`) provisions the same SCIM API from Entra ID. **Initech** (a legacy subsidiary) masters "
        + "its people in an on-premises IGA that speaks SPML to its directory, which Okta imports. Acme's "
        + "design team also has Google Workspace accounts. "
        + "\(configuration.people) people over \(configuration.dayCount) days, with joiners, movers, leavers and "
        + "background noise (sign-ins, web and API use, git and merge request events, profile updates, directory "
        + "chatter).",
      "",
      "## Running idtrail on it",
      "",
      "The logs are under `logs/`; this README, `ground-truth.json` and `policy.yaml` are not inputs. Point "
        + "idtrail at the logs folder, with the sample's policy:",
      "",
      "```",
      "swift run idtrail inspect samples/logs",
      "swift run idtrail report samples/logs --policy samples/policy.yaml --from \(first) --to \(last) "
        + "--out reports",
      "```",
      "",
      "The expected results assume `policy.yaml`: 24-hour leaver SLA, 5-minute clock-skew tolerance, 90-day "
        + "SCIM token rotation, 72-hour coverage gaps, the organisation's namespaces `acme` and `globex`, and "
        + "`ACME\\{name}` → `{name}@acme.example` (Acme's Active Directory account names are the local part "
        + "of the work email).",
      "",
      "## Files",
      "",
      "| file | format | what it is | bytes | records |",
      "|---|---|---|---:|---:|",
    ]
    for file in files {
      lines.append(
        "| `\(file.path)` | `\(file.format.rawValue)` | \(file.description.replacingPipes()) "
          + "| \(file.bytes) | \(file.records) |"
      )
    }
    let total = files.reduce(0) { $0 + $1.bytes }
    lines += [
      "",
      "\(files.count) files, \(total) bytes. Each file holds exactly one malformed record (a February 30th "
        + "time, a cut-off line, a record without its identifier); `ground-truth.json` → `rejections` gives "
        + "each one's locator, and a correct `idtrail inspect` rejects those and nothing else.",
      "",
      "## Planted incidents",
      "",
      "`ground-truth.json` → `expectedFindings` is the exact set of (control, person) pairs a correct run "
        + "reports; `incidents` explains each, including the situations that must **not** become findings.",
      "",
      "| incident | control | person | time (UTC) | finding |",
      "|---|---|---|---|---|",
    ]
    for incident in document.incidents {
      lines.append(
        "| \(incident.incident) | `\(incident.control)` | \(incident.person) "
          + "| \(TimeText.iso(incident.time, digits: 0)) | \(incident.finding ? "yes" : "no") |")
    }
    lines += [
      "",
      "Notes:",
      "",
    ]
    var seen: Set<String> = []
    for incident in document.incidents where seen.insert(incident.incident + incident.control).inserted {
      lines.append("- **\(incident.incident)** (`\(incident.control)`): \(incident.note)")
    }
    lines.append("")
    return lines.joined(separator: "\n")
  }
}

extension String {
  /// The text with `|` escaped for a Markdown table cell.
  func replacingPipes() -> String {
    var result = ""
    for character in self { result += character == "|" ? "\\|" : String(character) }
    return result
  }
}
