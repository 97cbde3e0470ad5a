import Foundation
import IDTrailIngest
import IDTrailModel
import Testing

@testable import IDTrailSamples

/// Every generated file is read by its own decoder, and the planted malformed record is the only
/// rejection. Formats whose decoder is not registered yet are left out until it is.
@Suite struct SampleDecodingTests {
  static let decoded: [String: DecodedInput] = {
    guard let folder = try? TemporaryFolder(),
      (try? SampleGenerator.generate(.standard, into: folder.path)) != nil
    else { return [:] }
    let paths = SampleFixture.rendered.manifest.files.map { folder.path + "/" + $0.path }
    let (inputs, _) = Ingest.decodeAll(paths)
    var byPath: [String: DecodedInput] = [:]
    for input in inputs { byPath[String(input.path.dropFirst(folder.path.count + 1))] = input }
    return byPath
  }()

  static var readable: [SampleFile] {
    let formats = Set(DecoderRegistry.all.map(\.format))
    return SampleFixture.rendered.manifest.files.filter { formats.contains($0.format) }
  }

  @Test func theGitLabFormatsAreAllRead() {
    let formats = Set(Self.readable.map(\.format))
    for format in [
      FormatID.gitlabAuditAPI, .gitlabAuditStream, .gitlabAuditCSV, .gitlabAuditJSONLog, .gitlabUsers,
      .gitlabMembers,
    ] {
      #expect(formats.contains(format), "no registered decoder reads \(format)")
    }
  }

  @Test(arguments: readable)
  func eachFileIsReadByItsDecoderWithOnlyThePlantedRejection(file: SampleFile) throws {
    let input = try #require(Self.decoded[file.path])
    #expect(input.format == file.format)
    #expect(input.records == file.records)
    #expect(input.rejectedCount == 1)
    let planted = try #require(file.rejection)
    let rejection = try #require(input.rejections.first)
    #expect(rejection.locator.description.hasSuffix(planted.locator), "decoder: \(rejection.locator)")
    #expect(rejection.reason.contains(planted.reason), "decoder: \(rejection.reason)")
    #expect(input.decoded + input.skippedCount + input.rejectedCount == input.records)
  }
}

extension SampleFile: CustomTestStringConvertible {
  public var testDescription: String { path }
}
