import Glibc

/// Facts about the machine that the ingest layer plans its work by.
public enum SystemInfo {
  /// The number of processors online (at least 1).
  public static var activeProcessorCount: Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }
}
