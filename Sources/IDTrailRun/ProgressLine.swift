import Foundation
import IDTrailReport

/// One line of progress on standard error while a long run reads its inputs.
///
/// Shown only on a terminal, and only once the run has taken longer than `delay`, so that quick
/// runs print nothing; redrawn in place at most every `interval`, cut to the terminal's width,
/// and erased when the run is done, so that it never mixes with the summary. Paths are shown
/// through `Escaping.terminalLine`.
///
/// Not Sendable: one run drives it from one thread.
public final class ProgressLine {
  private let enabled: Bool
  private let width: Int
  private let delay: Double
  private let interval: Double
  private let clock: () -> Double
  private let write: (String) -> Void
  private let start: Double
  private var lastDrawn: Double?

  /// A progress line on standard error when it is a terminal.
  public convenience init() {
    self.init(
      enabled: isatty(STDERR_FILENO) != 0, width: Self.terminalWidth(), delay: 0.5, interval: 0.1,
      clock: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
      write: { FileHandle.standardError.write(Data($0.utf8)) })
  }

  /// A progress line with its parts given, for tests.
  public init(
    enabled: Bool, width: Int, delay: Double, interval: Double, clock: @escaping () -> Double,
    write: @escaping (String) -> Void
  ) {
    self.enabled = enabled
    self.width = max(width, 20)
    self.delay = delay
    self.interval = interval
    self.clock = clock
    self.write = write
    start = clock()
  }

  /// Shows `progress` when the run has been going for `delay` and the line was not redrawn in the
  /// last `interval`.
  public func report(_ progress: RunProgress) {
    guard enabled else { return }
    let now = clock()
    guard now - start >= delay else { return }
    if let lastDrawn, now - lastDrawn < interval { return }
    lastDrawn = now
    let text: String
    switch progress {
    case .reading(let index, let total, let path):
      let lead = "idtrail: reading input \(index) of \(total): "
      text = lead + Self.cut(Escaping.terminalLine(path), to: width - 1 - lead.count)
    case .analysing(let inputs):
      text = "idtrail: analysing \(inputs) inputs"
    }
    write("\r\u{1B}[K" + String(text.prefix(width - 1)))
  }

  /// Erases the line, if it was shown.
  public func finish() {
    guard lastDrawn != nil else { return }
    write("\r\u{1B}[K")
    lastDrawn = nil
  }

  /// `path` cut to `width` characters, keeping its end (where the file name is).
  private static func cut(_ path: String, to width: Int) -> String {
    guard path.count > width else { return path }
    return width < 2 ? "" : "…" + path.suffix(width - 1)
  }

  private static func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }
}
