import Foundation
import IDTrailAnalysis
import IDTrailReport

/// Writes rendered report files into the output folder.
public enum ReportWriter {
  /// Why the report could not be written.
  public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
  }

  /// Renders `report` with each renderer and writes the files under `folder` (created if needed).
  ///
  /// - Returns: the paths written, in order.
  public static func write(
    _ report: Report, renderers: [any ReportRenderer], context: RenderContext, to folder: String
  ) throws -> [String] {
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw WriteError(path: folder, reason: "cannot create the folder (\(error.localizedDescription))")
    }
    var written: [String] = []
    for renderer in renderers {
      for file in try renderer.render(report, context: context) {
        let path = (folder as NSString).appendingPathComponent(file.name)
        do {
          try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
          throw WriteError(path: path, reason: error.localizedDescription)
        }
        written.append(path)
      }
    }
    return written
  }
}

extension ReportWriter {
  /// Writes an auditor's termination sample as `termination-sample.json` under `folder`.
  public static func writeSample(_ sample: TerminationSample, to folder: String) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let path = (folder as NSString).appendingPathComponent("termination-sample.json")
    do {
      try (try encoder.encode(sample) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw WriteError(path: path, reason: error.localizedDescription)
    }
    return path
  }
}
