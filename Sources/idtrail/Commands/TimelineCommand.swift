import ArgumentParser
import IDTrailAnalysis
import IDTrailIngest
import IDTrailModel

extension TimelineFormat: ExpressibleByArgument {}

extension IDTrailCommand {
  /// `idtrail timeline`: one person's events from every source on one time line.
  struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show one person's events from every source on one time line.",
      discussion: """
        PERSON is any of the person's identifiers: an email, GitLab username or user id, Okta id, \
        Entra object id, SID, AD account (CORP\\name), or a person id (p-…); write kind:value \
        (gitlab.username:alee) to say which kind. The header lists every identifier joined to the \
        person and the record that joined it; then come the person's joiner, mover and leaver \
        episodes with their hop latencies, and every event with its stage, source, action, \
        resource, actor, outcome and locator. Times are UTC unless --tz names another zone; --tz \
        changes only what is shown. The CSV is Timesketch-compatible (datetime, timestamp_desc, \
        message first).
        """
    )

    @Argument(help: "The person: any of their identifiers, or a person id.")
    var person: String

    @Argument(help: "Files, folders, or - for standard input.")
    var inputs: [String] = []

    @Option(
      help: ArgumentHelp(
        "Show events from this time on (RFC 3339, or a YYYY-MM-DD date in UTC).", valueName: "time"))
    var from: String?

    @Option(
      help: ArgumentHelp(
        "Show events up to this time (RFC 3339, or a YYYY-MM-DD date: the whole day).", valueName: "time"))
    var to: String?

    @Option(help: "Output format.")
    var format: TimelineFormat = .text

    @Option(
      name: .customLong("tz"),
      help: ArgumentHelp(
        "Show times in this zone: UTC, an IANA name (Europe/Berlin) or an offset (+05:30).", valueName: "zone"
      ))
    var timeZone: String = "UTC"

    @Option(
      help: ArgumentHelp(
        "A policy file (YAML); without it the defaults apply ('idtrail policy --print-default').",
        valueName: "file"))
    var policy: String?

    @Option(help: "Namespace path for a GitLab members export given as a plain array.")
    var namespace: String?

    @Option(help: "When snapshots without their own time were taken (RFC 3339).")
    var asOf: String?

    func validate() throws {
      if inputs.isEmpty {
        throw ValidationError(
          "give at least one INPUT after PERSON (a file, a folder, or - for standard input)")
      }
      if let from, TimeBound.parse(from) == nil {
        throw ValidationError("--from '\(from)' is not an RFC 3339 time or a YYYY-MM-DD date")
      }
      if let to, TimeBound.parse(to, endOfDay: true) == nil {
        throw ValidationError("--to '\(to)' is not an RFC 3339 time or a YYYY-MM-DD date")
      }
      if let from, let to, let start = TimeBound.parse(from), let end = TimeBound.parse(to, endOfDay: true),
        start > end
      {
        throw ValidationError("--from \(from) is after --to \(to)")
      }
      if DisplayTimeZone(timeZone) == nil {
        throw ValidationError(
          "--tz '\(timeZone)' is not a time zone; give UTC, an IANA name such as Europe/Berlin, or an offset such as +05:30"
        )
      }
      if let asOf, TimestampParser.parse(asOf) == nil {
        throw ValidationError("--as-of '\(asOf)' is not an RFC 3339 time such as 2026-09-30T23:59:59Z")
      }
    }

    func run() throws {
      let appliedPolicy = try PolicyOption.load(policy)
      let options = DecodeOptions(namespace: namespace, snapshotTime: asOf.flatMap(TimestampParser.parse))
      let collection = InputCollector.collect(inputs)
      var (decoded, openErrors) = Ingest.decodeAll(collection.paths, options: options)
      let problems = collection.problems + openErrors
      for problem in problems {
        printError("idtrail: \(problem)")
      }
      if decoded.isEmpty && !problems.isEmpty { throw ExitCode.cannotOpenInput }
      if !decoded.contains(where: { $0.format != nil }) {
        printError("idtrail: no input could be read as any format ('idtrail inspect' says why)")
        throw ExitCode.noReadableInput
      }
      var eventRuns = decoded.indices.flatMap { decoded[$0].takeEventRuns() }
      let analysis = Analysis(eventGroups: &eventRuns, facts: decoded.flatMap(\.facts), policy: appliedPolicy)
      let found: Person
      do {
        found = try IDTrailAnalysis.Timeline.findPerson(person, in: analysis.graph)
      } catch {
        printError("idtrail: \(error)")
        throw ExitCode.validationFailure
      }
      let timeline = IDTrailAnalysis.Timeline(
        person: found, in: analysis, from: from.flatMap { TimeBound.parse($0) },
        to: to.flatMap { TimeBound.parse($0, endOfDay: true) })
      let zone = DisplayTimeZone(timeZone) ?? .utc
      print(try format.render(timeline, timeZone: zone), terminator: "")
    }
  }
}
