import Foundation
import Testing

/// Compares `actual` with `Golden/<name>` next to the calling test file.
///
/// A missing golden file, or `RECORD_GOLDEN` in the environment, writes the file and records a
/// failure, so a new or changed golden is always reviewed in the diff before it passes.
func assertGolden(
  _ actual: String, named name: String, filePath: StaticString = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let directory = URL(fileURLWithPath: "\(filePath)").deletingLastPathComponent()
    .appendingPathComponent("Golden")
  let url = directory.appendingPathComponent(name)
  let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil
  guard !recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    Issue.record(
      "recorded golden file \(name); review it and run the tests again", sourceLocation: sourceLocation)
    return
  }
  guard expected != actual else { return }
  let expectedLines = expected.components(separatedBy: "\n")
  let actualLines = actual.components(separatedBy: "\n")
  let firstDifference =
    zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
    ?? min(expectedLines.count, actualLines.count)
  let expectedLine = firstDifference < expectedLines.count ? expectedLines[firstDifference] : "<end of file>"
  let actualLine = firstDifference < actualLines.count ? actualLines[firstDifference] : "<end of file>"
  Issue.record(
    """
    \(name) differs from its golden file at line \(firstDifference + 1):
      expected: \(expectedLine)
      actual:   \(actualLine)
    (set RECORD_GOLDEN=1 to accept the new output)
    """, sourceLocation: sourceLocation)
}
