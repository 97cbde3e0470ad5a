import IDTrailIngest
import IDTrailModel

/// The `ingest` and per-format targets: decodes the input (sniffed, or with one decoder forced) and
/// checks the accounting, the locators, and that every time can be written as RFC 3339.
enum DecoderCheck {
  /// Kept rejections, small so that the cap's bookkeeping is exercised too.
  private static let keptRejections = 3

  static func run(_ bytes: UnsafeRawBufferPointer, forced: (any FormatDecoder)?) {
    let input = InputBytes(path: FuzzTarget.inputPath, bytes: Array(bytes))
    let output = Ingest.decode(input, forced: forced, options: DecodeOptions(keptRejections: keptRejections))
    let lines = lineBound(bytes)
    precondition(
      output.records == output.decoded + output.skippedCount + output.rejectedCount,
      "records \(output.records) ≠ \(output.decoded) decoded + \(output.skippedCount) skipped + "
        + "\(output.rejectedCount) rejected")
    precondition(
      output.rejections.count == min(output.rejectedCount, keptRejections),
      "\(output.rejections.count) rejections kept of \(output.rejectedCount)")
    precondition(output.skipped.values.allSatisfy { $0 > 0 }, "a skip reason counted zero times")
    precondition(output.events.isEmpty || output.decoded > 0, "events from no decoded record")
    precondition(output.facts.isEmpty || output.decoded > 0, "facts from no decoded record")
    if let forced {
      precondition(output.format == forced.format, "decoded as \(String(describing: output.format))")
    }
    for rejection in output.rejections {
      checkLocator(rejection.locator, in: bytes, lines: lines, "rejection '\(rejection.reason)'")
    }
    for event in output.events {
      checkLocator(event.locator, in: bytes, lines: lines, "event \(event.rawAction)")
      precondition(output.coverage?.contains(event.time) == true, "event time outside the coverage")
      _ = event.time.rfc3339
    }
    for fact in output.facts {
      checkLocator(fact.locator, in: bytes, lines: lines, "state fact")
      _ = fact.asOf?.rfc3339
    }
  }
}
