import ArgumentParser
import IDTrailIngest
import IDTrailModel

extension IDTrailCommand {
  /// `idtrail inspect`: what each input is and how every record in it was accounted for.
  struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show each input's format and how every record was decoded, skipped or rejected.",
      discussion: """
        INPUT is a file, a folder (read recursively, in sorted order), or - for standard input; \
        gzip-compressed inputs are recognised by their content. The format is recognised from \
        the content too; --format forces one. For every input, records = decoded + skipped + \
        rejected.
        """
    )

    @Argument(help: "Files, folders, or - for standard input.")
    var inputs: [String] = []

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Option(help: "Read every input as this format (see --list-formats).")
    var format: String?

    @Flag(help: "List the formats idtrail reads, and exit.")
    var listFormats = false

    @Option(help: "Namespace path for a GitLab members export given as a plain array.")
    var namespace: String?

    @Option(help: "When snapshots without their own time were taken (RFC 3339).")
    var asOf: String?

    func validate() throws {
      if !listFormats && inputs.isEmpty {
        throw ValidationError("give at least one INPUT (a file, a folder, or - for standard input)")
      }
      if let asOf, TimestampParser.parse(asOf) == nil {
        throw ValidationError("--as-of '\(asOf)' is not an RFC 3339 time such as 2026-09-30T23:59:59Z")
      }
    }

    func run() throws {
      if listFormats {
        for decoder in DecoderRegistry.all.sorted(by: { $0.format < $1.format }) {
          let name = decoder.format.rawValue
          print(name + String(repeating: " ", count: max(1, 29 - name.count)) + decoder.summary)
        }
        return
      }
      var forced: (any FormatDecoder)?
      if let format {
        do {
          forced = try DecoderRegistry.decoder(for: FormatID(format))
        } catch {
          throw ValidationError(error.description)
        }
      }
      // The summary needs only counts and coverage: the events themselves are not kept.
      let options = DecodeOptions(
        namespace: namespace, snapshotTime: asOf.flatMap(TimestampParser.parse), retainsEvents: false)
      let collection = InputCollector.collect(inputs)
      let (decoded, openErrors) = Ingest.decodeAll(collection.paths, forced: forced, options: options)
      let summary = InspectSummary(decoded: decoded, errors: collection.problems + openErrors)
      print(json ? try summary.renderJSON() : summary.renderText(), terminator: "")
      switch summary.outcome {
      case .success: return
      case .inputUnreadable: throw ExitCode.cannotOpenInput
      case .noRecognisedInput: throw ExitCode.noReadableInput
      }
    }
  }
}
