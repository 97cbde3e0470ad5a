/// How far a run has got, for a progress line.
public enum RunProgress: Sendable, Equatable {
  /// Reading input `index` (from 1) of `total`.
  case reading(index: Int, total: Int, path: String)
  /// Every input is read; identities, episodes and controls are being worked out.
  case analysing(inputs: Int)
}
