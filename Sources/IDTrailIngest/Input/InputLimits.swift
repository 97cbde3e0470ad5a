/// Size limits that keep a hostile input from exhausting memory.
public struct InputLimits: Sendable, Hashable {
  /// The largest inflated size accepted for a gzip input, in bytes.
  public var maximumInflatedBytes: Int
  /// The largest ratio of inflated to compressed size; a larger one is taken for a gzip bomb.
  public var maximumInflationRatio: Int

  public init(maximumInflatedBytes: Int, maximumInflationRatio: Int) {
    self.maximumInflatedBytes = maximumInflatedBytes
    self.maximumInflationRatio = maximumInflationRatio
  }

  /// 16 GiB inflated at most, and no more than 1,000 times the compressed size (text logs compress
  /// 5–50 times; a bomb compresses about 1,000 times).
  public static let `default` = InputLimits(
    maximumInflatedBytes: 16 << 30, maximumInflationRatio: 1000)
}
