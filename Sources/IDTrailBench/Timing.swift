/// How long one measured piece of work took, on the wall clock and on the processors.
public struct Timing: Sendable, Equatable {
  /// Elapsed real time, in seconds.
  public var wallSeconds: Double
  /// User plus system time of the whole process over the same stretch, in seconds; above
  /// `wallSeconds` when several cores worked at once.
  public var cpuSeconds: Double

  public init(wallSeconds: Double, cpuSeconds: Double) {
    self.wallSeconds = wallSeconds
    self.cpuSeconds = cpuSeconds
  }

  /// How many cores were busy on average (CPU seconds per wall second); 0 when no time passed.
  public var coresUsed: Double {
    wallSeconds > 0 ? cpuSeconds / wallSeconds : 0
  }

  /// The two timings added, for work measured in parts.
  public static func + (lhs: Timing, rhs: Timing) -> Timing {
    Timing(wallSeconds: lhs.wallSeconds + rhs.wallSeconds, cpuSeconds: lhs.cpuSeconds + rhs.cpuSeconds)
  }

  public static let zero = Timing(wallSeconds: 0, cpuSeconds: 0)
}
