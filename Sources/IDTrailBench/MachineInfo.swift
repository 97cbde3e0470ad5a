import Foundation

/// The machine a benchmark ran on, so that its figures are read in context.
public struct MachineInfo: Sendable, Equatable {
  /// Logical cores the process may use.
  public var logicalCores: Int
  /// The 1, 5 and 15 minute load averages when the benchmark started; nil where
  /// `/proc/loadavg` cannot be read.
  public var loadAverage: [Double]?
  /// The idtrail version measured.
  public var toolVersion: String

  public init(logicalCores: Int, loadAverage: [Double]?, toolVersion: String) {
    self.logicalCores = logicalCores
    self.loadAverage = loadAverage
    self.toolVersion = toolVersion
  }

  /// This machine, now.
  public static func current(toolVersion: String) -> MachineInfo {
    MachineInfo(
      logicalCores: ProcessInfo.processInfo.activeProcessorCount, loadAverage: loadAverageNow(),
      toolVersion: toolVersion)
  }

  /// The first three fields of `/proc/loadavg` ("0.52 0.61 0.70 1/123 4567").
  private static func loadAverageNow() -> [Double]? {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
    let values = text.split(whereSeparator: \.isWhitespace).prefix(3).compactMap { Double($0) }
    return values.count == 3 ? values : nil
  }
}
