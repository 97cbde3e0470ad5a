import Foundation
import IDTrailModel

/// `idtrail samples`: generates the sample organisation's logs in every format, with their ground
/// truth and a README.
public enum SampleGenerator {
  /// Renders every file in memory: the logs, `ground-truth.json`, `policy.yaml` and `README.md`, with paths
  /// relative to the output folder, in a fixed order.
  public static func render(_ configuration: SampleConfiguration) -> (
    manifest: SampleManifest, files: [(String, [UInt8])]
  ) {
    var builder = TimelineBuilder(configuration: configuration)
    let world = builder.build()
    var writer = SampleWriter(world: world)
    writer.renderAll()
    let files = writer.rendered.map(\.file)
    let document = GroundTruthDocument(world: world, files: files, duplicates: writer.streamDuplicates)
    let readme = SamplesReadme(world: world, files: files, document: document)
    var output = writer.rendered.map { ($0.file.path, $0.bytes) }
    output.append(("ground-truth.json", Array(document.json.pretty.utf8)))
    output.append(("policy.yaml", Array(SamplePolicy.yaml.utf8)))
    output.append(("README.md", Array(readme.text.utf8)))
    return (SampleManifest(files: files, incidents: document.incidents), output)
  }

  /// Generates the sample organisation into `folder` (created if missing).
  ///
  /// A folder that already holds a generated sample (it has `ground-truth.json`) has its `logs/`
  /// replaced, so files from another seed or period do not linger.
  ///
  /// - Throws: `SampleWriteError` when the folder holds other files under `logs/`, or a file
  ///   cannot be written.
  public static func generate(_ configuration: SampleConfiguration, into folder: String) throws
    -> SampleManifest
  {
    let manager = FileManager.default
    let logs = folder + "/logs"
    if manager.fileExists(atPath: logs) {
      guard manager.fileExists(atPath: folder + "/ground-truth.json") else {
        throw SampleWriteError(
          path: logs, reason: "the folder exists and is not a generated sample; choose an empty --out folder")
      }
      try manager.removeItem(atPath: logs)
    }
    let (manifest, files) = render(configuration)
    for (path, bytes) in files {
      let full = folder + "/" + path
      let directory = (full as NSString).deletingLastPathComponent
      try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
      let sink = try ByteSink(path: full)
      sink.append(bytes: bytes)
      try sink.close()
    }
    return manifest
  }
}
