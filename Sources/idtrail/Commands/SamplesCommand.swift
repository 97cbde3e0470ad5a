import ArgumentParser
import IDTrailModel
import IDTrailSamples

extension IDTrailCommand {
  /// `idtrail samples`: writes the sample organisation's logs in every format, or, with `--scale`,
  /// a large benchmark corpus.
  struct Samples: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Generate a sample organisation's logs in every supported format, with their ground truth.",
      discussion: """
        Writes DIR/logs/... (one file per format: GitLab audit events, request logs and state \
        snapshots, Okta, Entra ID, Google Workspace, SCIM 2.0 HAR, SCIM 1.1 XML, SPML, Windows \
        Security XML), DIR/ground-truth.json (the planted incidents, the findings a correct run \
        reports, the expected rejections) and DIR/README.md. The same options give byte-identical \
        files. With --scale N, writes N events instead (GitLab audit NDJSON, an Okta array and \
        Windows XML in realistic proportions) in constant memory, and reports the write speed.
        """
    )

    @Option(help: "The folder to write into (created if missing).")
    var out: String

    @Option(help: "The seed of every random choice.")
    var seed: UInt64 = SampleConfiguration.defaultSeed

    @Option(
      help: ArgumentHelp("People in the organisation, joiners included (\(Self.peopleRange)).")
    )
    var people: Int = SampleConfiguration.defaultPeople

    @Option(help: "The period's first day (YYYY-MM-DD, UTC).")
    var from: String = SampleConfiguration.defaultFrom

    @Option(help: "The period's last day (YYYY-MM-DD, UTC).")
    var to: String = SampleConfiguration.defaultTo

    @Option(help: "Write this many events for benchmarks instead of the sample organisation.")
    var scale: Int?

    private static let peopleRange =
      "\(SampleConfiguration.minimumPeople)-\(SampleConfiguration.maximumPeople)"

    func validate() throws {
      do {
        _ = try SampleConfiguration(seed: seed, people: people, from: from, to: to)
      } catch {
        throw ValidationError(error.description)
      }
      if let scale, scale < 1 {
        throw ValidationError("--scale \(scale) must be a positive number of events")
      }
    }

    func run() throws {
      let configuration = try SampleConfiguration(seed: seed, people: people, from: from, to: to)
      if let scale {
        let clock = ContinuousClock()
        var report: ScaleReport?
        let elapsed = try clock.measure {
          report = try ScaleGenerator.generate(configuration, events: scale, into: out)
        }
        guard let report else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        for file in report.files {
          print(
            Self.row([file.path, file.format, String(file.events) + " events", Self.megabytes(file.bytes)]))
        }
        let rate = seconds > 0 ? Double(report.bytes) / 1_048_576 / seconds : 0
        print(
          "\(report.events) events, \(Self.megabytes(report.bytes)) in \(Self.fixed(seconds, 2)) s: "
            + "\(Self.fixed(rate, 1)) MB/s")
        return
      }
      let manifest = try SampleGenerator.generate(configuration, into: out)
      for file in manifest.files {
        print(
          Self.row([
            file.path, file.format.rawValue, String(file.bytes) + " B", String(file.records) + " records",
          ]))
      }
      let total = manifest.files.reduce(0) { $0 + $1.bytes }
      let findings = manifest.incidents.filter(\.finding).count
      print(
        "\(manifest.files.count) files, \(total) bytes; \(manifest.incidents.count) planted situations "
          + "(\(findings) expected findings) in \(out)/ground-truth.json")
    }

    private static func row(_ cells: [String]) -> String {
      let widths = [58, 28, 12, 0]
      var line = ""
      for (cell, width) in zip(cells, widths) {
        line += cell + String(repeating: " ", count: max(1, width - cell.count))
      }
      return line.trimmingTrailingSpaces()
    }

    private static func megabytes(_ bytes: Int) -> String { fixed(Double(bytes) / 1_048_576, 1) + " MB" }

    /// `value` with `digits` decimals, without Foundation's formatters.
    private static func fixed(_ value: Double, _ digits: Int) -> String {
      var scale = 1.0
      for _ in 0..<digits { scale *= 10 }
      let scaled = Int((value * scale).rounded())
      let whole = scaled / Int(scale)
      let fraction = String(scaled % Int(scale))
      return digits == 0
        ? String(whole) : "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var text = self
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }
}
