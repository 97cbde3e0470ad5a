import Dispatch
import IDTrailModel
import Synchronization

extension DecodedInput {
  /// The events of all `parts`, in order, taken out of them: each part's are copied into place
  /// and let go on the thread that copied them, so that neither the copies nor the releases of
  /// half a million events wait on one thread.
  static func joinEvents(_ parts: inout [DecodedInput]) -> [IdentityEvent] {
    var offsets: [Int] = []
    var total = 0
    var sources: [[IdentityEvent]] = []
    for index in parts.indices {
      offsets.append(total)
      total += parts[index].events.count
      sources.append(parts[index].events)
      parts[index].events = []
    }
    guard total > 0 else { return [] }
    let starts = offsets
    let pending = Mutex(sources)
    sources = []
    return [IdentityEvent](unsafeUninitializedCapacity: total) { buffer, count in
      let destination = EventDestination(base: buffer.baseAddress.unsafelyUnwrapped)
      DispatchQueue.concurrentPerform(iterations: starts.count) { index in
        let events = pending.withLock { sources in
          defer { sources[index] = [] }
          return sources[index]
        }
        events.withUnsafeBufferPointer { events in
          guard let first = events.baseAddress else { return }
          (destination.base + starts[index]).initialize(from: first, count: events.count)
        }
      }
      count = total
    }
  }
}

/// Where `joinEvents` copies the events: each thread writes only its own range of it.
private struct EventDestination: @unchecked Sendable {
  let base: UnsafeMutablePointer<IdentityEvent>
}
