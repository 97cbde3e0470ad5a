import Foundation

/// The process's peak resident memory, read from `/proc/self/status` (`VmHWM`), which `measure`
/// first sets back to the current resident size (`/proc/self/clear_refs`).
///
/// Tests of other suites run in the same process at the same time, so a measured growth is an
/// upper bound of what the measured code needed: thresholds are generous, and each says what it
/// allows for. Where the platform does not report it, nothing is measured.
enum PeakMemory {
  /// How much the peak resident size grew above the resident size at the start, in bytes, while
  /// `body` ran; nil where the platform does not tell.
  static func measure<Result>(_ body: () throws -> Result) rethrows -> (result: Result, growth: Int?) {
    let before = resetPeak()
    let result = try body()
    guard let before, let peak = field("VmHWM") else { return (result, nil) }
    return (result, max(0, peak - before))
  }

  /// Sets the peak back to the resident size and returns that size, or nil when either cannot be done.
  private static func resetPeak() -> Int? {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return nil }
    defer { try? handle.close() }
    do {
      try handle.write(contentsOf: Data("5".utf8))
    } catch {
      return nil
    }
    return field("VmRSS")
  }

  /// A `kB` field of `/proc/self/status`, in bytes.
  private static func field(_ name: String) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
      let digits = line.dropFirst(name.count + 1).filter(\.isNumber)
      return Int(digits).map { $0 * 1024 }
    }
    return nil
  }
}

extension PeakMemory {
  /// A bound for a growth `measure` reports: the `mebibytes` the measured code may need, plus
  /// 256 MiB for what other suites running at the same time allocate.
  static func limit(needing mebibytes: Int) -> Int { (mebibytes + 256) << 20 }
}
