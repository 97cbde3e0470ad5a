/// Why an input could not be read at all. (A bad *record* is a rejection, not an error.)
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The path does not exist or cannot be opened or read.
  case cannotOpen(path: String, reason: String)
  /// The path is a FIFO, socket or device, which idtrail does not read.
  case notARegularFile(path: String)
  /// The gzip stream is corrupt or cut short.
  case corruptGzip(path: String, reason: String)
  /// The gzip stream inflates past the limits (a decompression bomb).
  case inflationLimit(path: String, limit: String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      return "\(path): cannot open: \(reason)"
    case .notARegularFile(let path):
      return "\(path): not a regular file (a FIFO, socket or device); pass the file itself"
    case .corruptGzip(let path, let reason):
      return "\(path): the gzip data is damaged (\(reason)); check the download or decompress it by hand"
    case .inflationLimit(let path, let limit):
      return "\(path): refused to inflate: \(limit) (a decompression bomb?)"
    }
  }
}
