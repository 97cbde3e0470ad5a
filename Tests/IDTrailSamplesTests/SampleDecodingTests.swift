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

  /// Formats the samples write as an envelope object whose first line opens the records' array,
  /// one record per line after it.
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
    try checkOnlyPlantedRejection(file)
  }

  /// Every event-bearing log covers the whole period with no gap over 72 hours (the default
  /// `evidence-coverage` limit), counting only records its decoder turns into events.
  @Test(
    arguments: readable.filter {
      ![.gitlabAuditAPI, .gitlabUsers, .gitlabMembers, .scimV1XML, .spmlXML].contains($0.format)
    })
  func eachLogCoversThePeriod(file: SampleFile) throws {
    try checkCoverage(file)
  }

  private func checkCoverage(_ file: SampleFile) throws {
    let input = try #require(Self.decoded[file.path])
    let times = input.events.map(\.time).sorted()
    let bounds = [SampleConfiguration.standard.start] + times + [SampleConfiguration.standard.end]
    let widest = zip(bounds, bounds.dropFirst()).map { $1.seconds(since: $0) }.max() ?? 0
    #expect(widest < 72 * 3_600, "\(file.path): a gap of \(Int(widest / 3_600)) hours")
  }

  private func checkOnlyPlantedRejection(_ file: SampleFile) throws {
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
