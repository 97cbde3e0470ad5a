import Foundation
import Glibc

/// Measures a phase's peak resident memory.
///
/// On Linux, writing `5` to `/proc/self/clear_refs` resets the kernel's high-water mark (`VmHWM`
/// in `/proc/self/status`) to the current resident size, so reading `VmHWM` after the phase gives
/// that phase's peak. Where the file cannot be written (an older kernel, a locked-down container),
/// the process-wide peak from `getrusage` (`ru_maxrss`) is returned instead, marked as such.
public struct PeakMemory: Sendable {
  /// Whether the high-water mark was reset when tracking started.
  public let isReset: Bool

  /// Resets the high-water mark, where the system lets it, and starts tracking.
  public init() {
    isReset = Self.resetHighWaterMark()
  }

  /// The peak since `init` (or of the whole process, when the reset did not work).
  public func peak() -> MemoryPeak {
    if isReset, let bytes = Self.highWaterMark() {
      return MemoryPeak(bytes: bytes, scope: .phase)
    }
    return MemoryPeak(bytes: Self.processMaximum(), scope: .process)
  }

  /// Runs `body` and returns its result with the peak it reached.
  public static func track<Result>(_ body: () throws -> Result) rethrows -> (Result, MemoryPeak) {
    let tracker = PeakMemory()
    let result = try body()
    return (result, tracker.peak())
  }

  private static func resetHighWaterMark() -> Bool {
    let descriptor = open("/proc/self/clear_refs", O_WRONLY)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    let command: [UInt8] = [0x35]  // "5": reset the peak resident set size
    return command.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == 1
  }

  /// `VmHWM` from `/proc/self/status`, in bytes.
  private static func highWaterMark() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      // "VmHWM:\t    1996 kB"
      let fields = line.dropFirst("VmHWM:".count).split(whereSeparator: \.isWhitespace)
      guard fields.count == 2, fields[1] == "kB", let kilobytes = Int(fields[0]) else { return nil }
      return kilobytes * 1024
    }
    return nil
  }

  /// The process's peak resident size from `getrusage` (Linux reports it in kilobytes).
  private static func processMaximum() -> Int {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) * 1024
  }
}
