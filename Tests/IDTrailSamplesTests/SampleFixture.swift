@testable import IDTrailSamples

/// The default sample, rendered once for all the tests that only read it.
enum SampleFixture {
  static let rendered = SampleGenerator.render(.standard)

  static let world: SampleWorld = {
    var builder = TimelineBuilder(configuration: .standard)
    return builder.build()
  }()

  /// The bytes of the generated file at `path`, or nil.
  static func bytes(_ path: String) -> [UInt8]? {
    rendered.files.first { $0.0 == path }?.1
  }
}
