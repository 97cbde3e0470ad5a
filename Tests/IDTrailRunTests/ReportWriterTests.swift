import Foundation
import IDTrailReport
import Testing

@testable import IDTrailRun

/// `ReportWriter.write(_:to:)`: a file's pieces land in order, atomically, with nothing left
/// beside it, and a failure names the folder that is wrong.
@Suite struct ReportWriterTests {
  private static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("idtrail-writer-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func piecesAreWrittenInOrderAndReplaceTheFile() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("report.json").path
    let older = "an older report that is longer than the new one\n"
    try older.write(toFile: path, atomically: false, encoding: .utf8)
    let bytes = Array("{\n  \"people\" : [\n    1,\n    2\n  ]\n}\n".utf8)
    let file = RenderedFile(
      name: "report.json", pieces: [bytes[0..<5], bytes[5..<5], bytes[5..<20], bytes[20...]])
    try ReportWriter.write(file, to: path)
    #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
  }

  @Test func aFileWithoutBytesIsWrittenEmpty() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("empty.txt").path
    try ReportWriter.write(RenderedFile(name: "empty.txt", pieces: []), to: path)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
  }

  @Test func aMissingFolderIsNamed() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = folder.appendingPathComponent("missing").path
    let error = #expect(throws: ReportWriter.WriteError.self) {
      try ReportWriter.write(RenderedFile(name: "a.json", contents: "{}\n"), to: missing + "/a.json")
    }
    #expect(
      error?.description
        == "cannot write \(missing)/a.json: the folder \(missing) does not exist; "
        + "create it or choose another path")
  }
}
