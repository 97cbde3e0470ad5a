import Dispatch
import IDTrailModel
import Synchronization

/// Joins arrays of events into one by moving the events, on all threads.
///
/// Copying an event retains every string and list it holds, and letting the original go releases
/// them again: at millions of events that traffic, and the second copy of every page it makes,
/// cost more than decoding them did. A move is a byte copy; each slot moved from is then filled
/// with `vacated`, which holds no storage, so the emptied arrays go without touching the events.
public enum EventJoin {
  /// The events of `groups`, in order, in one array; `groups` is left empty.
  public static func joined(_ groups: inout [[IdentityEvent]]) -> [IdentityEvent] {
    if groups.count == 1 {
      defer { groups = [] }
      return groups[0]
    }
    var starts: [Int] = []
    var total = 0
    for group in groups {
      starts.append(total)
      total += group.count
    }
    guard total > 0 else {
      groups = []
      return []
    }
    let offsets = starts
    let pending = Mutex(groups)
    groups = []
    return [IdentityEvent](unsafeUninitializedCapacity: total) { buffer, count in
      let destination = EventDestination(base: buffer.baseAddress.unsafelyUnwrapped)
      DispatchQueue.concurrentPerform(iterations: offsets.count) { index in
        var events = pending.withLock { groups in
          var taken: [IdentityEvent] = []
          swap(&taken, &groups[index])
          return taken
        }
        events.withUnsafeMutableBufferPointer { source in
          guard let first = source.baseAddress else { return }
          (destination.base + offsets[index]).moveInitialize(from: first, count: source.count)
          first.initialize(repeating: vacated, count: source.count)
        }
      }
      count = total
    }
  }

  /// What a slot holds once its event has been moved out: no string or list of its own.
  private static let vacated = IdentityEvent(
    time: Timestamp(nanosecondsSinceEpoch: 0), originalTime: "", source: FormatID(""), stage: .gitlab,
    nativeID: nil, locator: .line(0, in: ""), action: .other, rawAction: "", subject: [],
    actor: .unknown, channel: .unknown)
}

/// Where `joined` moves the events: each thread writes only its own range of it.
private struct EventDestination: @unchecked Sendable {
  let base: UnsafeMutablePointer<IdentityEvent>
}
