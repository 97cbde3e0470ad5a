import ArgumentParser
import IDTrailIngest

/// The `idtrail` command: parses arguments, calls the library, prints, and sets the exit code.
@main
struct IDTrailCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "idtrail",
    abstract: "Turn GitLab audit events and IdP/SCIM logs into SOC 2 access evidence.",
    discussion: """
      Exit codes: 0 success; 1 a control failed at or above --fail-on; 2 a control is unknown \
      under --strict; 64 usage error; 65 no input could be read as any format; 74 an input \
      could not be opened.
      """,
    version: IDTrailVersion.current,
    subcommands: [
      ReportCommand.self, Check.self, Inspect.self, Timeline.self, PolicyCommand.self, Samples.self,
      Bench.self,
    ]
  )
}
