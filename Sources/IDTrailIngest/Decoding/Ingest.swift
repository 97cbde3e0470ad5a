import IDTrailModel

/// Reads inputs: opens each, finds its format, decodes it.
public enum Ingest {
  /// Decodes one opened input with `forced` or the decoder the sniffer picks.
  ///
  /// An input no decoder recognises comes back with `format == nil` and one rejection saying so.
  public static func decode(
    _ input: InputBytes, forced: (any FormatDecoder)? = nil,
    decoders: [any FormatDecoder] = DecoderRegistry.all, options: DecodeOptions = DecodeOptions()
  ) -> DecodedInput {
    let chosen = forced ?? input.withBytes { FormatSniffer.decoder(for: $0, among: decoders) }
    guard let chosen else {
      var unknown = DecodedInput(path: input.path, format: nil, byteCount: input.count)
      unknown.account(.rejected(unrecognisedReason(input)), at: .line(1, in: input.path))
      return unknown
    }
    var output = chosen.decode(input, options: options)
    // Decoders that build their events anyway (they may need to look back at them) drop them here.
    if !options.retainsEvents && output.retainsEvents { output.releaseEvents() }
    return output
  }

  /// Opens and decodes every path, in order. Paths that cannot be opened are returned as errors.
  public static func decodeAll(
    _ paths: [String], forced: (any FormatDecoder)? = nil, options: DecodeOptions = DecodeOptions(),
    limits: InputLimits = .default
  ) -> (inputs: [DecodedInput], errors: [InputError]) {
    var inputs: [DecodedInput] = []
    var errors: [InputError] = []
    for path in paths {
      do {
        let input = try InputBytes.open(path, limits: limits)
        inputs.append(decode(input, forced: forced, options: options))
      } catch {
        errors.append(error)
      }
    }
    return (inputs, errors)
  }

  private static func unrecognisedReason(_ input: InputBytes) -> String {
    input.withBytes { bytes in
      if bytes.isEmpty { return "the input is empty" }
      let sample = UnsafeRawBufferPointer(rebasing: bytes.prefix(4096))
      if sample.starts(with: [0xFF, 0xFE]) || sample.starts(with: [0xFE, 0xFF]) {
        return "the input is UTF-16 text (it starts with a UTF-16 byte order mark); only XML formats read "
          + "UTF-16: convert it to UTF-8 first, e.g. with 'iconv -f UTF-16 -t UTF-8'"
      }
      if sample.contains(0) { return "the input looks binary (it holds NUL bytes); no format reads it" }
      // The last three bytes may cut a character in two; they prove nothing.
      if isRawHTTPMessage(sample) {
        return "raw HTTP message text (one request or response, as copied from documentation or a proxy), "
          + "not a log: it carries no time and no paired request and response; capture SCIM traffic as HAR "
          + "(scim.v2.har) instead"
      }
      if let layout = JSONRecordReader.detectLayout(bytes),
        let problem = firstMalformedRecord(bytes, layout: layout, path: input.path)
      {
        return "starts like JSON, but \(problem)"
      }
      if !UTF8Validation.isValid(UnsafeRawBufferPointer(rebasing: sample.dropLast(3))) {
        return "the input is not UTF-8 text; no format reads it"
      }
      return "no format recognises this content; 'idtrail inspect --list-formats' lists them, and --format forces one"
    }
  }

  /// Whether the input starts with an HTTP request line (`POST /x HTTP/1.1`) or status line
  /// (`HTTP/1.1 201 Created`).
  private static func isRawHTTPMessage(_ sample: UnsafeRawBufferPointer) -> Bool {
    let firstLine = String(decoding: sample.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
    let words = firstLine.split(separator: " ", omittingEmptySubsequences: false)
    let methods: Set<Substring> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
    if words.count == 3, methods.contains(words[0]), words[2].hasPrefix("HTTP/") { return true }
    return words.count >= 2 && words[0].hasPrefix("HTTP/") && words[1].count == 3
      && words[1].allSatisfy(\.isNumber)
  }

  /// The first record's syntax error, when the first record is not valid JSON.
  private static func firstMalformedRecord(
    _ bytes: UnsafeRawBufferPointer, layout: JSONLayout, path: String
  ) -> String? {
    var reader = JSONRecordReader(path: path)
    var problem: String?
    reader.forEachRecord(in: bytes, range: 0..<bytes.count, layout: layout) { record in
      if case .malformed(let locator, let error) = record {
        problem = "the record at \(locator) is not valid JSON: \(error)"
      }
      return false
    }
    return problem
  }
}
