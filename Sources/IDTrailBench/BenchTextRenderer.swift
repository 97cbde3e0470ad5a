import IDTrailReport

/// `idtrail bench` as text: the machine and inputs, then an aligned table with one row per format,
/// the inspect total and the end-to-end run, the end-to-end / inspect ratio, and the scaling table
/// when there is one.
///
/// Seconds have 3 decimals, megabytes (10^6 bytes) and rates 1, core counts 2; counts are whole
/// numbers without separators, so that they can be pasted into a spreadsheet.
public struct BenchTextRenderer: Sendable {
  public init() {}

  public func render(_ result: BenchResult) -> String {
    var lines = header(result)
    lines.append("")
    let columns = [
      "phase / format", "files", "MB", "records", "events", "wall s", "CPU s", "cores", "MB/s", "events/s",
      "peak RSS MB",
    ]
    let rows = (result.formats + [result.inspect, result.endToEnd]).map(Self.cells)
    lines += Self.table([columns] + rows)
    lines.append("")
    lines.append("end to end / inspect: \(Self.fixed(result.endToEndRatio, 2))× wall time")
    lines.append("end to end peak RSS per event: \(Self.fixed(result.endToEndBytesPerEvent, 0)) bytes")
    if let base = result.scaling.first {
      lines.append("")
      lines += Self.table(
        [["scaling", "events", "inspect s/M events", "deviation", "end to end s/M events", "deviation"]]
          + result.scaling.map { point in
            [
              "\(point.multiple)×", String(point.inspect.events),
              Self.fixed(point.inspect.secondsPerMillionEvents, 3),
              Self.deviation(point, point.inspect, from: base.inspect),
              Self.fixed(point.endToEnd.secondsPerMillionEvents, 3),
              Self.deviation(point, point.endToEnd, from: base.endToEnd),
            ]
          })
      lines.append("deviation from linear: time(kN) / (k × time(N)) − 1; positive is slower than linear")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func header(_ result: BenchResult) -> [String] {
    let machine = result.machine
    var first = "idtrail \(machine.toolVersion) bench: \(machine.logicalCores) logical cores"
    if let load = machine.loadAverage {
      first += ", load average " + load.map { Self.fixed($0, 2) }.joined(separator: " ") + " at start"
    }
    let inputs: String
    switch result.inputs {
    case .generated(let events, let timing, let keptIn):
      inputs =
        "inputs: \(events) generated events, written in \(Self.fixed(timing.wallSeconds, 3)) s, "
        + (keptIn.map { "kept in " + Escaping.terminalLine($0) } ?? "removed afterwards")
    case .given(let paths):
      inputs = "inputs: " + paths.map(Escaping.terminalLine).joined(separator: ", ")
    }
    let rounds = result.rounds == 1 ? "one round" : "the fastest of \(result.rounds) rounds"
    let peaks =
      result.peaksArePerPhase
      ? "peak RSS is each phase's own (VmHWM, reset through /proc/self/clear_refs)"
      : "peak RSS is the process's peak so far (/proc/self/clear_refs could not be written)"
    return [first, inputs, "times: \(rounds) of each phase; MB = 10^6 bytes; " + peaks]
  }

  private static func cells(_ row: BenchRow) -> [String] {
    [
      Escaping.terminalLine(row.label), String(row.files), fixed(Double(row.bytes) / 1e6, 1),
      String(row.records), String(row.events), fixed(row.timing.wallSeconds, 3),
      fixed(row.timing.cpuSeconds, 3), fixed(row.timing.coresUsed, 2), fixed(row.megabytesPerSecond, 1),
      fixed(row.eventsPerSecond, 0), fixed(Double(row.peak.bytes) / 1e6, 1),
    ]
  }

  private static func deviation(_ point: BenchScalingPoint, _ row: BenchRow, from base: BenchRow) -> String {
    guard point.multiple > 1 else { return "—" }
    let percent = point.deviation(row, from: base) * 100
    return (percent >= 0 ? "+" : "") + fixed(percent, 1) + "%"
  }

  /// Rows of cells as lines: the first column left-aligned, the others right-aligned, two spaces
  /// between columns.
  private static func table(_ rows: [[String]]) -> [String] {
    var widths: [Int] = []
    for row in rows {
      for (index, cell) in row.enumerated() {
        if index == widths.count { widths.append(0) }
        widths[index] = max(widths[index], cell.count)
      }
    }
    return rows.map { row in
      row.enumerated().map { index, cell in
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        return index == 0 ? cell + padding : padding + cell
      }
      .joined(separator: "  ")
    }
  }

  /// `value` with `digits` decimals, rounded half away from zero, without Foundation's formatters.
  static func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "-" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((abs(value) * scale).rounded())
    let whole = String(scaled / Int(scale))
    let sign = value < 0 && scaled != 0 ? "-" : ""
    guard digits > 0 else { return sign + whole }
    let fraction = String(scaled % Int(scale))
    return sign + whole + "." + String(repeating: "0", count: digits - fraction.count) + fraction
  }
}
