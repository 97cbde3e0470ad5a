import Testing

@testable import IDTrailBench

/// The text table, from results built by hand: alignment, precision and the notes around it.
@Suite struct BenchTextRendererTests {
  @Test func generatedInputsRenderAsAnAlignedTable() {
    #expect(
      BenchTextRenderer().render(BenchFixture.generated) == """
        idtrail 9.9.9 bench: 8 logical cores, load average 0.50 1.25 2.00 at start
        inputs: 1000000 generated events, written in 3.100 s, removed afterwards
        times: the fastest of 3 rounds of each phase; MB = 10^6 bytes; peak RSS is each phase's own (VmHWM, reset through /proc/self/clear_refs)

        phase / format        files     MB  records   events  wall s   CPU s  cores   MB/s  events/s  peak RSS MB
        gitlab.audit.stream       1  450.1   600001   600000   0.813   1.500   1.85  554.0    738462        480.0
        okta.systemlog            1  200.0   250001   250000   0.500   0.500   1.00  400.0    500000        230.0
        windows.security.xml      1  141.9   150001   150000   0.250   0.750   3.00  567.5    600000        170.0
        inspect, all inputs       3  792.0  1000001  1000000   1.600   2.800   1.75  495.0    625000        500.0
        end to end (report)       3  792.0  1000001  1000000  12.000  13.500   1.13   66.0     83333       1300.0

        end to end / inspect: 7.50× wall time
        end to end peak RSS per event: 1300 bytes

        """)
  }

  @Test func scalingAddsSecondsPerMillionEventsAndTheDeviationFromLinear() {
    let text = BenchTextRenderer().render(BenchFixture.scaled)
    #expect(
      text.hasSuffix(
        """
        end to end / inspect: 7.50× wall time
        end to end peak RSS per event: 1300 bytes

        scaling   events  inspect s/M events  deviation  end to end s/M events  deviation
        1×       1000000               1.600          —                 12.000          —
        2×       2000000               1.600      +0.0%                 12.600      +5.0%
        4×       4000000               1.560      -2.5%                 13.200     +10.0%
        deviation from linear: time(kN) / (k × time(N)) − 1; positive is slower than linear

        """), "\(text)")
  }

  @Test func givenInputsAndAProcessWidePeakAreSaidSo() {
    #expect(
      BenchTextRenderer().render(BenchFixture.given) == """
        idtrail 9.9.9 bench: 2 logical cores
        inputs: logs/, extra.json
        times: one round of each phase; MB = 10^6 bytes; peak RSS is the process's peak so far (/proc/self/clear_refs could not be written)

        phase / format       files   MB  records  events  wall s  CPU s  cores  MB/s  events/s  peak RSS MB
        gitlab.audit.api         2  0.0       11      10   0.001  0.001   1.00   1.5     10000         20.0
        unrecognised             1  0.0        1       0   0.001  0.001   1.00   0.1         0         20.0
        inspect, all inputs      3  0.0       11      10   0.002  0.002   1.00   0.8      5000         21.0
        end to end (report)      3  0.0       11      10   0.050  0.040   0.80   0.0       200         30.0

        end to end / inspect: 25.00× wall time
        end to end peak RSS per event: 3000000 bytes

        """)
  }

  @Test func keptInputsAndControlCharactersInPaths() {
    var result = BenchFixture.generated
    result.inputs = .generated(
      events: 5_000, timing: Timing(wallSeconds: 0.0126, cpuSeconds: 0), keptIn: "out\u{1B}[2J")
    let lines = BenchTextRenderer().render(result).split(separator: "\n")
    #expect(lines[1] == "inputs: 5000 generated events, written in 0.013 s, kept in out\u{FFFD}[2J")
  }

  @Test(arguments: [
    (0.0, 3, "0.000"), (0.0006, 3, "0.001"), (2.5, 0, "3"), (-0.04, 1, "0.0"), (-1.25, 1, "-1.3"),
    (1234.5678, 2, "1234.57"), (Double.nan, 2, "-"), (Double.infinity, 1, "-"),
  ])
  func fixedDecimals(value: Double, digits: Int, text: String) {
    #expect(BenchTextRenderer.fixed(value, digits) == text)
  }
}
