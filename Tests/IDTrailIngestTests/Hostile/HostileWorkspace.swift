import Foundation
import Glibc
import IDTrailIngest
import IDTrailModel

/// A temporary folder holding one hostile test's inputs, generated at run time and removed with it.
final class HostileWorkspace {
  /// The folder's absolute path.
  let path: String

  init() throws {
    let template = FileManager.default.temporaryDirectory.appendingPathComponent("idtrail-hostile-XXXXXX")
      .path
    var bytes = Array(template.utf8CString)
    guard let made = mkdtemp(&bytes) else { throw HostileWorkspaceError(reason: "mkdtemp: \(errno)") }
    path = String(cString: made)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes `bytes` to `name` in the folder (creating subfolders) and returns the file's path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let file = path + "/" + name
    try FileManager.default.createDirectory(
      atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return file
  }

  /// Writes `text` as UTF-8.
  @discardableResult
  func write(_ name: String, text: String) throws -> String {
    try write(name, Array(text.utf8))
  }

  /// Writes `prefix`, then `count` copies of `byte`, then `suffix`, a mebibyte at a time, so that
  /// a file of hundreds of megabytes never sits in memory whole.
  @discardableResult
  func write(_ name: String, prefix: String, repeating byte: UInt8, count: Int, suffix: String) throws
    -> String
  {
    let file = path + "/" + name
    guard FileManager.default.createFile(atPath: file, contents: nil) else {
      throw HostileWorkspaceError(reason: "cannot create \(file)")
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    defer { try? handle.close() }
    try handle.write(contentsOf: Data(prefix.utf8))
    let chunk = Data(repeating: byte, count: 1 << 20)
    var left = count
    while left > 0 {
      let part = min(left, chunk.count)
      try handle.write(contentsOf: part == chunk.count ? chunk : chunk.prefix(part))
      left -= part
    }
    try handle.write(contentsOf: Data(suffix.utf8))
    return file
  }

  /// Opens and decodes `file` as `idtrail` does (sniffing, unless `forced`).
  func decode(_ file: String, forced: (any FormatDecoder)? = nil) throws -> DecodedInput {
    Ingest.decode(try InputBytes.open(file), forced: forced)
  }
}

/// A workspace could not be set up.
struct HostileWorkspaceError: Error, CustomStringConvertible {
  var reason: String
  var description: String { "hostile workspace: \(reason)" }
}
