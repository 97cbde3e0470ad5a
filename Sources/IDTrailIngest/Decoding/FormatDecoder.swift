import IDTrailModel

/// A decoder for one input format.
///
/// Each decoder lives in one file under `Decoders/`, is listed once in `DecoderRegistry.all`, and
/// comes with fixtures under `Tests/IDTrailIngestTests/Fixtures/<format>/`. It must account for
/// every record of its input as decoded, skipped or rejected (`DecodedInput.account`), must never
/// trap on any input, and must not keep secrets (tokens, passwords, `[FILTERED]` values) in what
/// it emits.
public protocol FormatDecoder: Sendable {
  /// The format's ID, as `inspect` prints it and `--format` takes it.
  var format: FormatID { get }
  /// One line on what the decoder reads, for `--help` and the README's table.
  var summary: String { get }
  /// Whether an input whose beginning is `sample` is in this format. Decoders are asked in
  /// registry order; the first to say yes reads the input.
  func recognizes(_ sample: InputSample) -> Bool
  /// Reads the whole input.
  func decode(_ input: InputBytes, options: DecodeOptions) -> DecodedInput
}
