import Dispatch
import Foundation
import IDTrailAnalysis
import IDTrailReport
import Synchronization

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
      throw WriteError(path: folder, reason: "cannot create the folder (\(reason(error, path: folder)))")
    }
    // Rendered side by side (a large report's JSON and HTML take a second each), written in order.
    // Each renderer is its own task rather than an iteration of `concurrentPerform`: a renderer
    // that spreads its own work over the cores (the JSON's slices) would run it on one core when
    // started from inside another `concurrentPerform`, which Dispatch narrows to the cores left.
    let rendered = Mutex([Result<[RenderedFile], any Error>?](repeating: nil, count: renderers.count))
    let rendering = DispatchGroup()
    for index in renderers.indices {
      DispatchQueue.global().async(group: rendering) {
        let files = Result { try renderers[index].render(report, context: context) }
        rendered.withLock { $0[index] = files }
      }
    }
    rendering.wait()
    var written: [String] = []
    for files in rendered.withLock({ $0 }) {
      for file in try files?.get() ?? [] {
        let path = (folder as NSString).appendingPathComponent(file.name)
        try write(file.contents, to: path)
        written.append(path)
      }
    }
    return written
  }

  /// Writes `contents` to `path` atomically (a reader never sees half a file).
  public static func write(_ contents: String, to path: String) throws(WriteError) {
    do {
      // Written from the string's own storage: a report of tens of megabytes is not copied first.
      var contents = contents
      try contents.withUTF8 { bytes in
        let data =
          bytes.baseAddress.map {
            Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: bytes.count, deallocator: .none)
          } ?? Data()
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
      }
    } catch {
      throw WriteError(path: path, reason: reason(error, path: path))
    }
  }

  /// Why writing `path` failed, in the system's words where Foundation's are vague.
  private static func reason(_ error: any Error, path: String) -> String {
    let parent = (path as NSString).deletingLastPathComponent
    if !parent.isEmpty && !FileManager.default.fileExists(atPath: parent) {
      return "the folder \(parent) does not exist; create it or choose another path"
    }
    if !parent.isEmpty && !FileManager.default.isWritableFile(atPath: parent) {
      return "the folder \(parent) is not writable; choose another path"
    }
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let underlying, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return error.localizedDescription
  }
}

extension ReportWriter {
  /// Writes an auditor's termination sample as `termination-sample.json` under `folder`.
  public static func writeSample(_ sample: TerminationSample, to folder: String) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let path = (folder as NSString).appendingPathComponent("termination-sample.json")
    do {
      try (try encoder.encode(sample) + Data("\n".utf8)).write(
        to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw WriteError(path: path, reason: reason(error, path: path))
    }
    return path
  }
}
