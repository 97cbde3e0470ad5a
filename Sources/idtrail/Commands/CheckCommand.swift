import ArgumentParser
import Foundation
import IDTrailReport
import IDTrailRun

extension IDTrailCommand {
  /// `idtrail check`: the controls as a CI gate.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Judge the controls for CI: a short summary and an exit code.",
      discussion: """
        Exit codes: 0 no finding at or above --fail-on; 1 at least one (not in --baseline); \
        2 a control is unknown under --strict; 64 usage error; 65 no input could be read as any \
        format; 74 an input could not be opened, or --junit or --codequality could not be written.
        """
    )

    @OptionGroup var options: RunOptions

    @Option(
      help: ArgumentHelp(
        "Fail on findings of this severity or worse: critical, high, medium, low, info.",
        valueName: "severity"))
    var failOn = "high"

    @Flag(help: "Exit 2 when a control is unknown (its evidence does not cover the period).")
    var strict = false

    @Option(
      help: ArgumentHelp("A previous report.json: fail only on findings it does not have.", valueName: "file")
    )
    var baseline: String?

    @Option(help: ArgumentHelp("Also write JUnit XML here (GitLab's Tests tab).", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("Also write GitLab Code Quality JSON here.", valueName: "file"))
    var codequality: String?

    func validate() throws {
      guard Report.severities.contains(failOn) else {
        throw ValidationError(
          "--fail-on '\(failOn)' is not one of \(Report.severities.joined(separator: ", "))")
      }
    }

    func run() throws {
      do {
        try check()
      } catch let error as ValidationError {
        // Found while running (a policy or baseline file): show it with this command's usage.
        throw usageFailure(error, command: Self.self)
      }
    }

    private func check() throws {
      let baselineReport = try baseline.map(Self.loadBaseline)
      let run = try options.run()
      let verdict = CheckVerdict(report: run.report, failOn: failOn, strict: strict, baseline: baselineReport)
      for (renderer, path) in [
        (JUnitRenderer() as any ReportRenderer, junit), (CodeQualityRenderer(), codequality),
      ] {
        guard let path, let file = try renderer.render(run.report, context: RenderContext()).first else {
          continue
        }
        do {
          try ReportWriter.write(file, to: path)
        } catch {
          FileHandle.standardError.write(Data("idtrail: \(error)\n".utf8))
          throw ExitCode.cannotWriteOutput
        }
      }
      print(
        ConsoleSummary(colour: standardOutputWantsColour).render(run.report, verdict: verdict), terminator: ""
      )
      if verdict.exitCode != 0 { throw ExitCode(verdict.exitCode) }
    }

    private static func loadBaseline(_ path: String) throws -> Report {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("cannot read --baseline \(path); give the report.json of an earlier run")
      }
      do {
        return try JSONDecoder().decode(Report.self, from: data)
      } catch {
        throw ValidationError(
          "--baseline \(path) is not an idtrail report.json (\(error)); give the report.json of an earlier run"
        )
      }
    }
  }
}
