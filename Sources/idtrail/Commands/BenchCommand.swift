import ArgumentParser
import Foundation
import IDTrailBench
import IDTrailReport

extension IDTrailCommand {
  /// `idtrail bench`: how fast idtrail decodes, inspects and reports on this machine.
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure how fast idtrail decodes inputs and writes a report on this machine.",
      discussion: """
        Without INPUT, generates --events events (as 'idtrail samples --scale' does: GitLab audit \
        NDJSON 60%, an Okta System Log array 25%, Windows Security XML 15%) into a temporary \
        folder, removed afterwards unless --keep names a folder to write and keep them in (with \
        --scaling, DIR/1x, DIR/2x and DIR/4x). With INPUT (files or folders, as for 'inspect'), \
        measures those instead.

        Phases, each the fastest (lowest wall time) of --rounds rounds: every input file decoded \
        on its own exactly as 'inspect' decodes it (one row per format); all inputs decoded \
        together as 'inspect' does; end to end, a full 'report' run over all inputs (default \
        policy, --now at the end of the generated period or of what the given inputs cover) \
        with report.json and report.html written to a temporary folder.

        Figures: records are the records read and events the identity events decoded from \
        them; wall s is elapsed time; CPU s is user plus system time of the whole process \
        (getrusage), so cores = CPU s / wall s shows how many cores the work kept busy; MB is \
        10^6 bytes (of input, and of memory); MB/s and events/s are per wall second; peak RSS MB \
        is the peak \
        resident memory of the phase (the kernel's high-water mark, reset through \
        /proc/self/clear_refs before each phase; where that file cannot be written, the process's \
        peak so far, as the output says). "end to end / inspect" is what correlation, controls \
        and rendering cost on top of decoding; "end to end peak RSS per event" is that phase's \
        peak divided by its events (a report keeps every event, inspect none). --scaling also \
        measures 2N and 4N events and shows wall seconds per million events with the deviation \
        from linear, time(kN) / (k × time(N)) − 1.

        The machine's logical cores and its load average at the start are printed with the \
        figures: absolute times move with the hardware and with whatever else runs. Compare \
        figures as ratios against reference loops run in the same session on the same files \
        (for example 'wc -l', a jq or Python JSON loop, a libxml2 reader; --keep keeps the \
        generated files for them). Progress goes to standard error, results to standard output.

        Exit codes: 0 measured; 64 usage error; 65 no input was recognised as any format; 74 an \
        input could not be opened or a file could not be written.
        """
    )

    @Argument(help: "Files or folders to measure instead of generated events.")
    var inputs: [String] = []

    @Option(help: ArgumentHelp("Events to generate when no INPUT is given.", valueName: "n"))
    var events = BenchRequest.defaultEvents

    @Option(help: ArgumentHelp("Rounds per measurement; the fastest counts.", valueName: "r"))
    var rounds = BenchRequest.defaultRounds

    @Option(
      help: ArgumentHelp("Write the generated inputs into this folder and keep them.", valueName: "dir"))
    var keep: String?

    @Flag(help: "Also measure 2 and 4 times --events and show how time grows (generated inputs only).")
    var scaling = false

    @Flag(help: "Print the figures as JSON (schema idtrail.bench/v1).")
    var json = false

    private var request: BenchRequest {
      BenchRequest(
        events: events, rounds: rounds, inputs: inputs, keep: keep, scaling: scaling,
        toolVersion: IDTrailVersion.current)
    }

    func validate() throws {
      do {
        try request.validate()
      } catch {
        throw ValidationError(error.description)
      }
    }

    func run() throws {
      let result: BenchResult
      do {
        result = try BenchRunner(request) { step in
          FileHandle.standardError.write(Data("bench: \(Escaping.terminalLine(step))\n".utf8))
        }.run()
      } catch let error as BenchError {
        for line in error.description.split(separator: "\n") {
          FileHandle.standardError.write(Data("idtrail: \(line)\n".utf8))
        }
        switch error {
        case .noRecognisedInput: throw ExitCode.noReadableInput
        case .unreadable, .cannotWrite: throw ExitCode.cannotOpenInput
        }
      }
      print(
        json ? try BenchJSONRenderer().render(result) : BenchTextRenderer().render(result), terminator: "")
    }
  }
}
