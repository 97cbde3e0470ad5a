import IDTrailIngest
import IDTrailModel
import Testing

/// `DecoderRegistry.all` lists every decoder once, and `decoder(for:)` explains a wrong ID.
@Suite struct DecoderRegistryTests {
  /// `Sources/IDTrailIngest/Decoders`, found from this file's path.
  private static let decodersFolder: String = {
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(4)  // Tests/IDTrailIngestTests/Decoding/DecoderRegistryTests.swift
    return components.joined(separator: "/") + "/Sources/IDTrailIngest/Decoders"
  }()

  private static var registeredTypeNames: [String] {
    DecoderRegistry.all.map { String(describing: type(of: $0)) }
  }

  @Test func formatIDsAreUnique() {
    let ids = DecoderRegistry.all.map(\.format.rawValue)
    let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    #expect(repeated == [], "format IDs registered more than once")
  }

  @Test func eachDecoderTypeIsRegisteredOnce() {
    let names = Self.registeredTypeNames
    #expect(Set(names).count == names.count, "a decoder type is listed twice: \(names)")
  }

  /// Each `<Name>Decoder.swift` under `Sources/IDTrailIngest/Decoders` declares the decoder
  /// `<Name>Decoder`, which must be in the registry. Files whose main type is a protocol (shared
  /// behaviour of several decoders) are not decoders themselves.
  @Test func everyDecoderFileIsRegistered() throws {
    let collected = InputCollector.collect([Self.decodersFolder])
    #expect(collected.problems.isEmpty)
    var decoderFiles: [String] = []
    for path in collected.paths where path.hasSuffix("Decoder.swift") {
      let typeName = String(path.split(separator: "/").last?.dropLast(".swift".count) ?? "")
      let source = try InputBytes.open(path).withBytes { String(decoding: $0, as: UTF8.self) }
      if source.contains("protocol \(typeName)") { continue }
      #expect(source.contains("struct \(typeName)"), "\(path) does not declare the struct \(typeName)")
      decoderFiles.append(typeName)
    }
    #expect(decoderFiles.count >= 3, "no decoder files found under \(Self.decodersFolder)")
    let unregistered = Set(decoderFiles).subtracting(Self.registeredTypeNames).sorted()
    #expect(unregistered == [], "decoder files whose type is not in DecoderRegistry.all")
    let withoutFile = Set(Self.registeredTypeNames).subtracting(decoderFiles).sorted()
    #expect(withoutFile == [], "registered decoders without a <Type>.swift file under Decoders/")
  }

  @Test func everyRegisteredFormatResolvesToItsDecoder() throws {
    for decoder in DecoderRegistry.all {
      #expect(try DecoderRegistry.decoder(for: decoder.format).format == decoder.format)
    }
  }

  @Test func unknownFormatErrorListsTheValidIDs() {
    let known = DecoderRegistry.all.map(\.format.rawValue).sorted()
    #expect(known.contains("gitlab.audit.api"))
    let error = #expect(throws: UnknownFormatError.self) {
      try DecoderRegistry.decoder(for: FormatID("gitlab.audit.xml"))
    }
    #expect(error?.requested == "gitlab.audit.xml")
    #expect(error?.known == known)
    #expect(
      error?.description == "unknown format 'gitlab.audit.xml'; the formats are: "
        + known.joined(separator: ", "))
  }
}
