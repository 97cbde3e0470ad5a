@testable import IDTrailBench

/// A benchmark result built by hand, with figures chosen to exercise rounding.
enum BenchFixture {
  static func row(
    _ label: String, files: Int = 1, bytes: Int, events: Int, wall: Double, cpu: Double, peakMB: Int,
    scope: MemoryPeak.Scope = .phase
  ) -> BenchRow {
    BenchRow(
      label: label, files: files, bytes: bytes, records: events + 1, events: events,
      timing: Timing(wallSeconds: wall, cpuSeconds: cpu),
      peak: MemoryPeak(bytes: peakMB * 1_000_000, scope: scope))
  }

  static let machine = MachineInfo(logicalCores: 8, loadAverage: [0.5, 1.25, 2], toolVersion: "9.9.9")

  static let formats = [
    row("gitlab.audit.stream", bytes: 450_123_456, events: 600_000, wall: 0.8125, cpu: 1.5, peakMB: 480),
    row("okta.systemlog", bytes: 200_000_000, events: 250_000, wall: 0.5, cpu: 0.4996, peakMB: 230),
    row("windows.security.xml", bytes: 141_876_544, events: 150_000, wall: 0.25, cpu: 0.75, peakMB: 170),
  ]

  static let inspect = row(
    "inspect, all inputs", files: 3, bytes: 792_000_000, events: 1_000_000, wall: 1.6, cpu: 2.8, peakMB: 500)

  static let endToEnd = row(
    "end to end (report)", files: 3, bytes: 792_000_000, events: 1_000_000, wall: 12, cpu: 13.5, peakMB: 1_300
  )

  static let generated = BenchResult(
    machine: machine,
    inputs: .generated(events: 1_000_000, timing: Timing(wallSeconds: 3.1, cpuSeconds: 3), keptIn: nil),
    rounds: 3, formats: formats, inspect: inspect, endToEnd: endToEnd)

  static let scaled: BenchResult = {
    var result = generated
    result.scaling = [
      BenchScalingPoint(multiple: 1, inspect: inspect, endToEnd: endToEnd),
      BenchScalingPoint(
        multiple: 2,
        inspect: row(
          "inspect, all inputs", files: 3, bytes: 1, events: 2_000_000, wall: 3.2, cpu: 5, peakMB: 1),
        endToEnd: row(
          "end to end (report)", files: 3, bytes: 1, events: 2_000_000, wall: 25.2, cpu: 26, peakMB: 1)),
      BenchScalingPoint(
        multiple: 4,
        inspect: row(
          "inspect, all inputs", files: 3, bytes: 1, events: 4_000_000, wall: 6.24, cpu: 9, peakMB: 1),
        endToEnd: row(
          "end to end (report)", files: 3, bytes: 1, events: 4_000_000, wall: 52.8, cpu: 55, peakMB: 1)),
    ]
    return result
  }()

  /// Two given inputs, one peak measured process-wide, no load average.
  static let given = BenchResult(
    machine: MachineInfo(logicalCores: 2, loadAverage: nil, toolVersion: "9.9.9"),
    inputs: .given(["logs/", "extra.json"]), rounds: 1,
    formats: [
      row("gitlab.audit.api", files: 2, bytes: 1_500, events: 10, wall: 0.001, cpu: 0.001, peakMB: 20),
      row("unrecognised", bytes: 50, events: 0, wall: 0.0006, cpu: 0.0006, peakMB: 20, scope: .process),
    ],
    inspect: row(
      "inspect, all inputs", files: 3, bytes: 1_550, events: 10, wall: 0.002, cpu: 0.002, peakMB: 21),
    endToEnd: row(
      "end to end (report)", files: 3, bytes: 1_550, events: 10, wall: 0.05, cpu: 0.04, peakMB: 30))
}
