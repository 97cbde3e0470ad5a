import ArgumentParser
import Foundation
import IDTrailAnalysis
import IDTrailReport
import IDTrailRun

extension IDTrailCommand {
  /// `idtrail report`: the SOC 2 evidence for a period, in the chosen formats.
  struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Write the access report for a period: controls, findings, leaver chains, evidence.",
      discussion: """
        Reads every INPUT, joins people across sources, times each joiner, mover and leaver from \
        the directory or IdP through SCIM to GitLab, judges the SOC 2 controls and writes the \
        report files into --out. Without --period or --from/--to, the period is what the inputs \
        cover. The same inputs, policy and --now give byte-identical files.
        """
    )

    @OptionGroup var options: RunOptions

    @Option(
      help: ArgumentHelp(
        "Output formats, comma-separated: \(RendererRegistry.all.map(\.identifier).joined(separator: ", ")).",
        valueName: "list"))
    var format = "html,json,csv"

    @Option(help: ArgumentHelp("The folder to write the report files into.", valueName: "dir"))
    var out = "reports"

    @Option(
      name: .customLong("tz"),
      help: ArgumentHelp(
        "Show times in this zone (an IANA name such as Europe/Berlin); data stays UTC.", valueName: "zone"))
    var timeZone = "UTC"

    @Option(
      help: ArgumentHelp(
        "Also write an auditor's sample of N leavers (termination-sample.json).", valueName: "n"))
    var sample: Int?

    @Option(help: ArgumentHelp("Seed for --sample, so the same leavers are drawn again.", valueName: "seed"))
    var seed: UInt64 = 1

    func validate() throws {
      _ = try renderers()
      guard TimeZone(identifier: timeZone) != nil else {
        throw ValidationError("--tz '\(timeZone)' is not a time zone name such as UTC or Europe/Berlin")
      }
      if let sample, sample < 1 { throw ValidationError("--sample takes a positive number of leavers") }
    }

    func run() throws {
      do {
        try report()
      } catch let error as ValidationError {
        // Found while running (a policy file, a forced format): show it with this command's usage.
        throw usageFailure(error, command: Self.self)
      }
    }

    private func report() throws {
      let run = try options.run()
      let context = RenderContext(
        displayTimeZone: TimeZone(identifier: timeZone) ?? RenderContext().displayTimeZone)
      var written: [String]
      do {
        written = try ReportWriter.write(run.report, renderers: try renderers(), context: context, to: out)
        if let sample {
          written.append(
            try ReportWriter.writeSample(run.evaluation.terminationSample(size: sample, seed: seed), to: out))
        }
      } catch let error as ReportWriter.WriteError {
        FileHandle.standardError.write(Data("idtrail: \(error)\n".utf8))
        throw ExitCode.cannotWriteOutput
      }
      print(
        ConsoleSummary(colour: standardOutputWantsColour).render(run.report, verdict: nil), terminator: "")
      for path in written { print("wrote \(path)") }
    }

    private func renderers() throws -> [any ReportRenderer] {
      do {
        return try RendererRegistry.renderers(for: format)
      } catch {
        throw ValidationError(error.description)
      }
    }
  }
}
