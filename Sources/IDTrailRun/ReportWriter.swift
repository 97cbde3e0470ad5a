import Dispatch
import Foundation
import Glibc
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
        try write(file, to: path)
        written.append(path)
      }
    }
    return written
  }

  /// Writes `file`'s bytes to `path` atomically (a reader never sees half a file): into a new
  /// file beside it, piece after piece, then renamed over it.
  public static func write(_ file: RenderedFile, to path: String) throws(WriteError) {
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    var attempt = 0
    var descriptor: Int32 = -1
    var temporary = ""
    // A name no other writer uses: this process's id and a counter, and O_EXCL to be sure.
    repeat {
      attempt += 1
      temporary = (folder as NSString).appendingPathComponent(".\(name).\(getpid()).\(attempt).tmp")
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    } while descriptor < 0 && errno == EEXIST && attempt < 100
    guard descriptor >= 0 else { throw WriteError(path: path, reason: reason(errno: errno, path: path)) }
    var failure: Int32 = 0
    file.forEachPiece { piece in
      if failure == 0 { failure = writeAll(piece, to: descriptor) }
    }
    if close(descriptor) != 0, failure == 0 { failure = errno }
    if failure == 0, rename(temporary, path) != 0 { failure = errno }
    if failure != 0 {
      unlink(temporary)
      throw WriteError(path: path, reason: reason(errno: failure, path: path))
    }
  }

  /// Writes all of `bytes` to `descriptor`; the `errno` of the failure, or 0.
  private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
    var offset = 0
    while offset < bytes.count {
      let count = Glibc.write(descriptor, bytes.baseAddress.unsafelyUnwrapped + offset, bytes.count - offset)
      if count < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += count
    }
    return 0
  }

  /// Why writing `path` failed with `code`, naming a missing or read-only folder.
  private static func reason(errno code: Int32, path: String) -> String {
    folderProblem(path: path) ?? String(cString: strerror(code))
  }

  /// What is wrong with the folder `path` goes into, when it is missing or not writable.
  private static func folderProblem(path: String) -> String? {
    let parent = (path as NSString).deletingLastPathComponent
    if !parent.isEmpty && !FileManager.default.fileExists(atPath: parent) {
      return "the folder \(parent) does not exist; create it or choose another path"
    }
    if !parent.isEmpty && !FileManager.default.isWritableFile(atPath: parent) {
      return "the folder \(parent) is not writable; choose another path"
    }
    return nil
  }

  /// Why Foundation could not create `path`, in the system's words where Foundation's are vague.
  private static func reason(_ error: any Error, path: String) -> String {
    if let problem = folderProblem(path: path) { return problem }
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
    let name = "termination-sample.json"
    let path = (folder as NSString).appendingPathComponent(name)
    let text: Data
    do {
      text = try encoder.encode(sample)
    } catch {
      throw WriteError(path: path, reason: "the sample could not be encoded (\(error))")
    }
    try write(RenderedFile(name: name, pieces: [ArraySlice(text), ArraySlice("\n".utf8)]), to: path)
    return path
  }
}
