import ArgumentParser
import Foundation
import IDTrailAnalysis
import IDTrailIngest
import IDTrailModel
import IDTrailRun

/// The inputs, period and policy that `report` and `check` share.
struct RunOptions: ParsableArguments {
  @Argument(help: "Files, folders (read recursively), or - for standard input.")
  var inputs: [String] = []

  @Option(help: ArgumentHelp("The reporting period: 2026-Q3, 2026-09 or 2026 (UTC).", valueName: "period"))
  var period: String?

  @Option(help: ArgumentHelp("Period start: a date (2026-07-01) or an RFC 3339 time.", valueName: "date"))
  var from: String?

  @Option(help: ArgumentHelp("Period end: a date (the whole day) or an RFC 3339 time.", valueName: "date"))
  var to: String?

  @Option(
    help: ArgumentHelp(
      "A policy file (YAML); without it the defaults apply ('idtrail policy --print-default').",
      valueName: "file"))
  var policy: String?

  @Option(
    help: ArgumentHelp(
      "The time the run is judged at (RFC 3339); fix it to make reports reproducible.", valueName: "time"))
  var now: String?

  @Option(help: "Namespace path for a GitLab members export given as a plain array.")
  var namespace: String?

  @Option(
    help: ArgumentHelp("When snapshots without their own time were taken (RFC 3339).", valueName: "time"))
  var asOf: String?

  @Option(
    help: ArgumentHelp("Read every input as this format ('idtrail inspect --list-formats').", valueName: "id")
  )
  var inputFormat: String?

  /// Checks the flags that need no file: inputs given, one way of naming the period, and every
  /// time readable.
  func validate() throws {
    if inputs.isEmpty {
      throw ValidationError("give at least one INPUT (a file, a folder, or - for standard input)")
    }
    if period != nil && (from != nil || to != nil) {
      throw ValidationError("give either --period or --from/--to, not both")
    }
    if (from == nil) != (to == nil) {
      throw ValidationError("--from and --to go together")
    }
    _ = try span()
    _ = try nowTime()
    _ = try snapshotTime()
  }

  /// The run these options ask for.
  ///
  /// - Throws: `ValidationError` for a flag that does not parse or a policy file that cannot be
  ///   used.
  func request() throws -> RunRequest {
    let loadedPolicy: Policy
    do {
      loadedPolicy = try policy.map { path throws(PolicyError) in try Policy.load(path: path) } ?? .default
    } catch {
      throw ValidationError("\(error)")
    }
    return RunRequest(
      inputs: inputs, period: try span(), policy: loadedPolicy, now: try nowTime(),
      decodeOptions: DecodeOptions(namespace: namespace, snapshotTime: try snapshotTime()),
      forcedFormat: inputFormat.map { FormatID($0) })
  }

  /// The period from `--period` or `--from`/`--to`, or nil for the inputs' coverage.
  private func span() throws -> (start: Timestamp, end: Timestamp)? {
    let span: (start: Timestamp, end: Timestamp)?
    do {
      if let period {
        span = try ReportPeriod.parse(period)
      } else if let from, let to {
        span = (
          try ReportPeriod.bound(from, option: "--from", endOfDay: false),
          try ReportPeriod.bound(to, option: "--to", endOfDay: true)
        )
      } else {
        span = nil
      }
    } catch {
      throw ValidationError(error.description)
    }
    if let span, span.start > span.end {
      throw ValidationError(
        "the period ends before it starts (--from \(from ?? "") is after --to \(to ?? ""))")
    }
    return span
  }

  private func nowTime() throws -> Timestamp {
    guard let now else { return RunRequest.currentTime }
    guard let parsed = TimestampParser.parse(now) else {
      throw ValidationError("--now '\(now)' is not an RFC 3339 time such as 2026-10-01T00:00:00Z")
    }
    return parsed
  }

  private func snapshotTime() throws -> Timestamp? {
    guard let asOf else { return nil }
    guard let parsed = TimestampParser.parse(asOf) else {
      throw ValidationError("--as-of '\(asOf)' is not an RFC 3339 time such as 2026-09-30T23:59:59Z")
    }
    return parsed
  }

  /// Runs the request, turning input problems into the documented exit codes.
  ///
  /// The run is kept until the process exits, which gives its memory back at once: letting go of
  /// millions of events one by one took over a second at 5 million.
  func run() throws -> Run {
    let run: Run
    let progress = ProgressLine()
    do {
      defer { progress.finish() }
      run = try Run(try request(), toolVersion: IDTrailVersion.current, progress: progress.report)
    } catch let error as UnknownFormatError {
      throw ValidationError(error.description)
    }
    for problem in run.unreadable {
      FileHandle.standardError.write(Data("idtrail: \(problem)\n".utf8))
    }
    _ = Unmanaged.passRetained(HeldUntilExit(run))
    switch run.inputStatus {
    case .readable: return run
    case .inputUnreadable: throw ExitCode.cannotOpenInput
    case .noRecognisedInput:
      FileHandle.standardError.write(Data("idtrail: no input was recognised as any format\n".utf8))
      throw ExitCode.noReadableInput
    }
  }
}

/// Whether standard output is a terminal that wants colour: never when `NO_COLOR` is set to
/// anything but the empty string (no-color.org), nor on a `dumb` terminal.
var standardOutputWantsColour: Bool {
  let environment = ProcessInfo.processInfo.environment
  return isatty(STDOUT_FILENO) != 0 && (environment["NO_COLOR"] ?? "").isEmpty
    && environment["TERM"] != "dumb"
}

/// Prints a usage error found while a subcommand runs (in a policy or baseline file) as
/// ArgumentParser prints one found while parsing, with the subcommand's usage, and returns exit 64.
func usageFailure(_ error: ValidationError, command: any ParsableCommand.Type) -> ExitCode {
  let usage = IDTrailCommand.usageString(for: command)
  FileHandle.standardError.write(
    Data(
      "Error: \(error)\nUsage: \(usage)\n  See 'idtrail \(command._commandName) --help' for more information.\n"
        .utf8))
  return ExitCode.validationFailure
}

extension ExitCode {
  /// A report file could not be written (EX_IOERR, as for an input that cannot be read); never 1,
  /// which says that a control failed.
  static let cannotWriteOutput = ExitCode(74)
}

/// A value no one lets go of: the process's exit reclaims its memory.
private final class HeldUntilExit<Value: Sendable>: Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
