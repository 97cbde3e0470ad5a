import Glibc

/// Measures wall time (the monotonic clock) and the process's CPU time (`getrusage`, user plus
/// system) from the moment it is started.
///
/// CPU time is the whole process's, so work on other threads of the process counts too: that is
/// what makes `Timing.coresUsed` show the parallel decoding.
public struct Stopwatch: Sendable {
  private let wallStart: Double
  private let cpuStart: Double

  /// Starts measuring now.
  public init() {
    wallStart = Self.wallNow()
    cpuStart = Self.cpuNow()
  }

  /// The time since `init`.
  public func elapsed() -> Timing {
    Timing(wallSeconds: max(0, Self.wallNow() - wallStart), cpuSeconds: max(0, Self.cpuNow() - cpuStart))
  }

  /// Runs `body` and returns its result with the time it took.
  public static func measure<Result>(_ body: () throws -> Result) rethrows -> (Result, Timing) {
    let stopwatch = Stopwatch()
    let result = try body()
    return (result, stopwatch.elapsed())
  }

  /// Seconds on the monotonic clock.
  private static func wallNow() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }

  /// The process's user plus system seconds so far.
  private static func cpuNow() -> Double {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }

  private static func seconds(_ value: timeval) -> Double {
    Double(value.tv_sec) + Double(value.tv_usec) / 1e6
  }
}
