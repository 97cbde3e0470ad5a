import Foundation
import Testing

@testable import IDTrailBench

/// Peak memory and the stopwatch, on this machine.
@Suite struct PeakMemoryTests {
  @Test func peakIsPositive() {
    let peak = PeakMemory().peak()
    #expect(peak.bytes > 0)
  }

  @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/proc/self/clear_refs")))
  func peakIsThePhasesOwnWhereTheHighWaterMarkCanBeReset() {
    #expect(PeakMemory().isReset)
    #expect(PeakMemory().peak().scope == .phase)
  }

  @Test func peakCoversMemoryTouchedDuringThePhase() {
    let size = 64 << 20
    // The buffer outlives the reading of the peak: other suites running at the same time may reset
    // the process's high-water mark, which then starts again from what is resident.
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 4096)
    defer { buffer.deallocate() }
    let (sum, peak) = PeakMemory.track { () -> Int in
      // Touches every page, so that it is resident.
      for offset in stride(from: 0, to: size, by: 4096) { buffer[offset] = 1 }
      return stride(from: 0, to: size, by: 4096).reduce(0) { $0 + Int(buffer[$1]) }
    }
    #expect(sum == size / 4096)
    #expect(peak.bytes >= size)
  }

  @Test func mergedPeakKeepsTheLargerAndTheWiderScope() {
    let phase = MemoryPeak(bytes: 10, scope: .phase)
    let process = MemoryPeak(bytes: 5, scope: .process)
    #expect(phase.merged(with: process) == MemoryPeak(bytes: 10, scope: .process))
    #expect(phase.merged(with: MemoryPeak(bytes: 20, scope: .phase)) == MemoryPeak(bytes: 20, scope: .phase))
  }

  @Test func stopwatchCountsWallAndProcessorTime() {
    let (sum, timing) = Stopwatch.measure { () -> UInt64 in
      var state: UInt64 = 1
      for index in 0..<5_000_000 { state = state &* 6_364_136_223_846_793_005 &+ UInt64(index) }
      return state
    }
    #expect(sum != 0)
    #expect(timing.wallSeconds > 0)
    #expect(timing.cpuSeconds > 0)
  }
}
