import Foundation
import Testing

/// Compares `actual` with `Golden/<name>` next to the calling test file.
///
/// A missing golden file, or `RECORD_GOLDEN=1` in the environment, writes the file and fails the
/// test ("recorded"), so a new baseline is always looked at before it is trusted. On a mismatch the
/// failure shows the first differing lines.
func assertGolden(
  _ actual: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  let file = folder.appendingPathComponent(name)
  let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"].map { !$0.isEmpty && $0 != "0" } ?? false
  guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try actual.write(to: file, atomically: true, encoding: .utf8)
      Issue.record(
        "Recorded the golden file \(file.path); check it, then run the test again",
        sourceLocation: sourceLocation)
    } catch {
      Issue.record("Could not write the golden file \(file.path): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  guard actual != expected else { return }
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
  var diff: [String] = []
  for index in 0..<max(actualLines.count, expectedLines.count) where diff.count < 12 {
    let want = index < expectedLines.count ? String(expectedLines[index]) : "<none>"
    let got = index < actualLines.count ? String(actualLines[index]) : "<none>"
    if want != got { diff.append("line \(index + 1):\n  golden: \(want)\n  actual: \(got)") }
  }
  let details = diff.joined(separator: "\n")
  Issue.record(
    "Output differs from \(file.path) (RECORD_GOLDEN=1 rewrites it):\n\(details)",
    sourceLocation: sourceLocation)
}
