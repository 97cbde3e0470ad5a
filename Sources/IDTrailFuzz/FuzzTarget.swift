import IDTrailIngest
import IDTrailModel
import IDTrailXML

/// One thing `IDTrailFuzz` feeds arbitrary bytes to: a reader, the sniffer with every decoder
/// behind it, or one decoder forced on the input.
///
/// Each run checks more than "no crash": what a reader or decoder reports must add up
/// (`records = decoded + skipped + rejected`), every locator must point into the input, and NDJSON
/// read in two chunks (as the parallel path reads it) must give what reading it whole gives. A
/// broken rule traps, which libFuzzer reports as a crash, with the input that caused it.
enum FuzzTarget: Sendable {
  /// `JSONRecordReader` in every layout, with every value walked.
  case jsonReader
  /// `CSVReader`, with every row looked up through a `CSVHeader`.
  case csvReader
  /// `XMLRecordReader` with two record selections, whole and split into parts.
  case xmlReader
  /// `Ingest.decode`: the sniffer picks the decoder, as `idtrail` does.
  case ingest
  /// One decoder, forced on whatever the input is.
  case decoder(any FormatDecoder)

  /// The path every fuzz input is reported under.
  static let inputPath = "fuzz-input"

  /// Every target's name: the readers, `ingest`, then each decoder's format ID.
  static var names: [String] {
    ["json", "csv", "xml", "ingest"] + DecoderRegistry.all.map(\.format.rawValue)
  }

  init?(named name: String) {
    switch name {
    case "json": self = .jsonReader
    case "csv": self = .csvReader
    case "xml": self = .xmlReader
    case "ingest": self = .ingest
    default:
      guard let decoder = DecoderRegistry.all.first(where: { $0.format.rawValue == name }) else { return nil }
      self = .decoder(decoder)
    }
  }

  /// Runs the target on `bytes`, trapping when a rule is broken.
  func run(_ bytes: UnsafeRawBufferPointer) {
    switch self {
    case .jsonReader: JSONReaderCheck.run(bytes)
    case .csvReader: CSVReaderCheck.run(bytes)
    case .xmlReader: XMLReaderCheck.run(bytes)
    case .ingest: DecoderCheck.run(bytes, forced: nil)
    case .decoder(let decoder): DecoderCheck.run(bytes, forced: decoder)
    }
  }
}

/// The largest line number a locator in `bytes` can carry: one more than its `\n` bytes.
func lineBound(_ bytes: UnsafeRawBufferPointer) -> Int {
  bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
}

/// Traps unless `locator` names the fuzz input and a line or offset inside it.
func checkLocator(
  _ locator: Locator, in bytes: UnsafeRawBufferPointer, lines: Int, _ what: @autoclosure () -> String
) {
  precondition(locator.path == FuzzTarget.inputPath, "\(what()): locator names '\(locator.path)'")
  switch locator.position {
  case .line(let line):
    precondition((1...lines).contains(line), "\(what()): line \(line) outside 1...\(lines)")
  case .record(let index, let offset):
    precondition(index >= 1, "\(what()): record index \(index)")
    precondition((0...bytes.count).contains(offset), "\(what()): offset \(offset) outside 0...\(bytes.count)")
  }
}
