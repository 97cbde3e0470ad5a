/// The generated inputs at one multiple of `--events`, timed for `--scaling`.
public struct BenchScalingPoint: Sendable, Equatable {
  /// k in kN.
  public var multiple: Int
  /// All inputs decoded as `inspect` does.
  public var inspect: BenchRow
  /// The full report run.
  public var endToEnd: BenchRow

  public init(multiple: Int, inspect: BenchRow, endToEnd: BenchRow) {
    self.multiple = multiple
    self.inspect = inspect
    self.endToEnd = endToEnd
  }

  /// How far `row` (this point's inspect or end-to-end row) is from linear growth over `base`
  /// (the same phase at 1×): time(kN) / (k × time(N)) − 1, so 0.05 is 5% slower than linear.
  public func deviation(_ row: BenchRow, from base: BenchRow) -> Double {
    let linear = Double(multiple) * base.timing.wallSeconds
    return linear > 0 ? row.timing.wallSeconds / linear - 1 : 0
  }
}
