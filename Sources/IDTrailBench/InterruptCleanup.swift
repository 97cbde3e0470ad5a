import Dispatch
import Foundation
import Synchronization

/// Removes a folder if the process is interrupted (Ctrl-C) or asked to terminate while the folder
/// is in use, then ends the process as the signal would have.
///
/// `idtrail bench` writes gigabytes of generated inputs into a temporary folder; an interrupted run
/// used to leave them behind. While the folder goes, the run may fail for want of it: it should
/// then wait (`waitIfInterrupted()`) rather than report that failure.
struct InterruptCleanup {
  private static let signals = [SIGINT, SIGTERM]
  private static let interrupted = Atomic<Bool>(false)
  private let sources: [any DispatchSourceSignal]

  init(removing folder: String) {
    // A process started with these signals blocked (a test runner's child, say) would never see them.
    var blocked = sigset_t()
    sigemptyset(&blocked)
    for signalNumber in Self.signals { sigaddset(&blocked, signalNumber) }
    pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
    sources = Self.signals.map { signalNumber in
      // The signal is delivered to the source instead of ending the process at once.
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler {
        Self.interrupted.store(true, ordering: .sequentiallyConsistent)
        try? FileManager.default.removeItem(atPath: folder)
        signal(signalNumber, SIG_DFL)
        // To the process, not to this thread: dispatch's threads block signals.
        kill(getpid(), signalNumber)
      }
      source.resume()
      return source
    }
  }

  /// Stops watching: the signals end the process as they did before.
  func cancel() {
    for source in sources { source.cancel() }
    for signalNumber in Self.signals { signal(signalNumber, SIG_DFL) }
  }

  /// Never returns once a signal has come: the folder is being removed, and the process ends with
  /// the signal when it is gone.
  static func waitIfInterrupted() {
    guard interrupted.load(ordering: .sequentiallyConsistent) else { return }
    while true { sleep(60) }
  }
}
