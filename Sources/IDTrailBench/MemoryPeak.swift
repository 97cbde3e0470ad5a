/// The most resident memory seen while something ran.
public struct MemoryPeak: Sendable, Equatable {
  /// What the figure covers.
  public enum Scope: String, Sendable, Equatable {
    /// The peak since the phase started: the kernel's high-water mark was reset before it.
    case phase
    /// The peak of the whole process so far: the high-water mark could not be reset, so an
    /// earlier, bigger phase may show through.
    case process
  }

  /// Peak resident set size, in bytes (it includes what the process already held when the phase
  /// started).
  public var bytes: Int
  public var scope: Scope

  public init(bytes: Int, scope: Scope) {
    self.bytes = bytes
    self.scope = scope
  }

  /// The larger of two peaks; a process-wide figure wins the scope, since it covers more.
  public func merged(with other: MemoryPeak) -> MemoryPeak {
    MemoryPeak(
      bytes: max(bytes, other.bytes), scope: scope == .process || other.scope == .process ? .process : .phase)
  }
}
