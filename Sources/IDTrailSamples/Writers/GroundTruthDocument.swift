import IDTrailModel

/// `ground-truth.json`: what a correct run over the generated logs must find, and must not.
struct GroundTruthDocument {
  let world: SampleWorld
  let files: [SampleFile]
  /// Stream payloads delivered twice: their audit event `id` and lines.
  let duplicates: [(id: String, lines: [Int])]

  var incidents: [SampleIncident] {
    world.timeline.incidents.map {
      SampleIncident(
        incident: $0.incident, control: $0.control, person: $0.person, time: $0.time, finding: $0.finding,
        note: $0.note)
    }
  }

  /// The (control, person) pairs a correct run reports, sorted and unique.
  var expectedFindings: [(control: String, person: String)] {
    var seen: Set<String> = []
    var pairs: [(String, String)] = []
    for incident in world.timeline.incidents where incident.finding {
      let key = incident.control + "\u{0}" + incident.person
      if seen.insert(key).inserted { pairs.append((incident.control, incident.person)) }
    }
    return pairs.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
  }

  var json: JSONText {
    let configuration = world.configuration
    let lastDay = TimeText.date(configuration.end.plus(seconds: -1))
    return .object([
      ("schema", .string("idtrail.samples.ground-truth/v1")),
      (
        "generator",
        .object([
          (
            "command",
            .string(
              "idtrail samples --out DIR --seed \(configuration.seed) --people \(configuration.people) "
                + "--from \(TimeText.date(configuration.start)) --to \(lastDay)")
          ),
          ("seed", .string(String(configuration.seed))), ("people", .int(configuration.people)),
        ])
      ),
      (
        "period",
        .object([
          ("start", .string(TimeText.iso(configuration.start, digits: 0))),
          ("end", .string(TimeText.iso(configuration.end, digits: 0))),
        ])
      ),
      ("inputs", .string("logs")),
      ("assumptions", assumptions),
      (
        "expectedFindings",
        .array(
          expectedFindings.map {
            .object([("control", .string($0.control)), ("person", .string($0.person))])
          })
      ),
      (
        "incidents",
        .array(
          incidents.map {
            .object([
              ("incident", .string($0.incident)), ("control", .string($0.control)),
              ("person", .string($0.person)),
              ("time", .string(TimeText.milliseconds($0.time))), ("finding", .bool($0.finding)),
              ("note", .string($0.note)),
            ])
          })
      ),
      (
        "episodes",
        .array(
          world.timeline.episodes.sorted { ($0.start, $0.person) < ($1.start, $1.person) }.map {
            .object([
              ("kind", .string($0.kind)), ("person", .string($0.person)),
              ("start", .string(TimeText.milliseconds($0.start))),
              ("gitlabEffect", $0.effect.map { .string(TimeText.milliseconds($0)) } ?? .null),
              ("status", .string($0.status)), ("note", .string($0.note)),
            ])
          })
      ),
      (
        "rejections",
        .array(
          files.compactMap { file in
            file.rejection.map {
              .object([
                ("file", .string(file.path)), ("format", .string(file.format.rawValue)),
                ("locator", .string($0.locator)), ("line", .int($0.line)), ("record", .int($0.record)),
                ("byteOffset", .int($0.byteOffset)), ("reason", .string($0.reason)),
                ("problem", .string($0.problem)),
              ])
            }
          })
      ),
      (
        "streamDuplicates",
        .array(
          duplicates.map { duplicate in
            .object([
              ("file", .string("logs/gitlab/audit-events-stream.ndjson")), ("id", .string(duplicate.id)),
              ("lines", .array(duplicate.lines.map { .int($0) })),
            ])
          })
      ),
      (
        "files",
        .array(
          files.map {
            .object([
              ("path", .string($0.path)), ("format", .string($0.format.rawValue)), ("bytes", .int($0.bytes)),
              ("records", .int($0.records)),
            ])
          })
      ),
    ])
  }

  /// The policy a run must use to reproduce the expected findings.
  private var assumptions: JSONText {
    .object([
      ("leaverSLAHours", .int(24)), ("clockSkewToleranceMinutes", .int(5)),
      ("scimTokenRotationDays", .int(90)),
      ("coverageGapHours", .int(72)), ("privilegedRoles", .array([.string("Owner"), .string("admin")])),
      ("organisationNamespaces", .array([.string("acme"), .string("globex")])),
      (
        "gitlabSemantics",
        .string(
          "a self-managed instance with instance SCIM (routes /api/scim/v2/application): Okta and Entra both "
            + "provision it; deprovisioning blocks the account (user_blocked by (System)) and its memberships "
            + "stay, inert; an active account of someone deprovisioned upstream is an orphan")
      ),
      (
        "identifierMappings",
        .array([.object([("from", .string("ACME\\{name}")), ("to", .string("{name}@acme.example"))])])
      ),
      (
        "streamDuplicates",
        .string("the stream repeats some payloads with the same id; de-duplicate on the audit event id")
      ),
    ])
  }
}
