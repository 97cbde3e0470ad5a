import IDTrailRun
import Testing

/// The progress line on standard error: quiet for short runs and off a terminal, redrawn in place,
/// throttled, cut to the terminal's width, erased at the end.
@Suite struct ProgressLineTests {
  /// A clock the test moves and a terminal that records what is written.
  private final class Terminal {
    var now = 100.0
    var written: [String] = []
  }

  private func line(_ terminal: Terminal, enabled: Bool = true, width: Int = 80) -> ProgressLine {
    ProgressLine(
      enabled: enabled, width: width, delay: 0.5, interval: 0.1, clock: { terminal.now },
      write: { terminal.written.append($0) })
  }

  @Test func shortRunsPrintNothing() {
    let terminal = Terminal()
    let progress = line(terminal)
    terminal.now += 0.4
    progress.report(.reading(index: 1, total: 2, path: "a.json"))
    progress.report(.analysing(inputs: 2))
    progress.finish()
    #expect(terminal.written == [])
  }

  @Test func notATerminalPrintsNothing() {
    let terminal = Terminal()
    let progress = line(terminal, enabled: false)
    terminal.now += 5
    progress.report(.reading(index: 1, total: 2, path: "a.json"))
    progress.finish()
    #expect(terminal.written == [])
  }

  @Test func longRunsRedrawInPlaceThrottledAndErase() {
    let terminal = Terminal()
    let progress = line(terminal)
    terminal.now += 0.6
    progress.report(.reading(index: 1, total: 3, path: "logs/a.json"))
    terminal.now += 0.05
    progress.report(.reading(index: 2, total: 3, path: "logs/b.json"))
    terminal.now += 0.1
    progress.report(.reading(index: 3, total: 3, path: "logs/c\u{1B}[2J.json"))
    terminal.now += 0.2
    progress.report(.analysing(inputs: 3))
    progress.finish()
    #expect(
      terminal.written == [
        "\r\u{1B}[Kidtrail: reading input 1 of 3: logs/a.json",
        "\r\u{1B}[Kidtrail: reading input 3 of 3: logs/c\u{FFFD}[2J.json",
        "\r\u{1B}[Kidtrail: analysing 3 inputs",
        "\r\u{1B}[K",
      ])
  }

  @Test func longPathsKeepTheirEnd() {
    let terminal = Terminal()
    let progress = line(terminal, width: 50)
    terminal.now += 1
    progress.report(
      .reading(index: 12, total: 279, path: "/work/shared/corpus/okta/sekoia-intake-formats/test_login.json"))
    #expect(terminal.written == ["\r\u{1B}[Kidtrail: reading input 12 of 279: …est_login.json"])
    #expect(terminal.written[0].count == "\r\u{1B}[K".count + 49)
  }
}
