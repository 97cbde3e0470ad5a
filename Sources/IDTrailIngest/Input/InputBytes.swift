import Glibc

/// The bytes of one input: a memory-mapped regular file, or bytes held in memory (standard input,
/// an inflated gzip stream).
///
/// `@unchecked Sendable`: the bytes never change after `init`, and the mapping lives until `deinit`,
/// so reading them from several threads at once is safe.
public final class InputBytes: @unchecked Sendable {
  /// The name the input is reported under (its path, or `-` for standard input).
  public let path: String
  /// How the bytes were obtained, for `inspect`.
  public let origin: Origin
  private let storage: Storage

  public enum Origin: String, Sendable {
    case mapped, memory, gzip, stdin
  }

  private enum Storage {
    case mapped(UnsafeRawPointer, Int)
    case owned([UInt8])
  }

  /// Wraps bytes already in memory.
  public init(path: String, bytes: [UInt8], origin: Origin = .memory) {
    self.path = path
    self.origin = origin
    self.storage = .owned(bytes)
  }

  private init(path: String, mapping: UnsafeRawPointer, count: Int) {
    self.path = path
    self.origin = .mapped
    self.storage = .mapped(mapping, count)
  }

  deinit {
    if case .mapped(let pointer, let count) = storage {
      munmap(UnsafeMutableRawPointer(mutating: pointer), count)
    }
  }

  public var count: Int {
    switch storage {
    case .mapped(_, let count): return count
    case .owned(let bytes): return bytes.count
    }
  }

  /// Calls `body` with the bytes; the pointer is valid only during the call.
  public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    switch storage {
    case .mapped(let pointer, let count):
      return try body(UnsafeRawBufferPointer(start: pointer, count: count))
    case .owned(let bytes):
      return try bytes.withUnsafeBytes(body)
    }
  }

  /// Says the bytes in `range` have been read: a mapped file's pages wholly inside it leave the
  /// process's memory (the next read of them comes from the page cache again), so a large input
  /// read part by part never holds all of its pages at once. Bytes held in memory stay.
  public func doneReading(_ range: Range<Int>) {
    guard case .mapped(let pointer, let count) = storage else { return }
    let page = Self.pageSize
    let start = (max(0, range.lowerBound) + page - 1) / page * page
    let end = range.upperBound >= count ? count : min(count, range.upperBound) / page * page
    guard start < end else { return }
    madvise(UnsafeMutableRawPointer(mutating: pointer + start), end - start, MADV_DONTNEED)
  }

  private static let pageSize = max(4096, sysconf(Int32(_SC_PAGESIZE)))

  /// Opens `path`: maps a regular file (or reads standard input for `-`), and inflates gzip content,
  /// recognised by its magic bytes.
  public static func open(_ path: String, limits: InputLimits = .default) throws(InputError) -> InputBytes {
    let raw = path == "-" ? try readStandardInput() : try map(path)
    let isGzip = raw.withBytes { $0.count >= 2 && $0[0] == 0x1F && $0[1] == 0x8B }
    guard isGzip else { return raw }
    let inflated = raw.withBytes { bytes in
      Result { () throws(InputError) in try GzipInflater.inflate(bytes, path: path, limits: limits) }
    }
    return InputBytes(path: path, bytes: try inflated.get(), origin: .gzip)
  }

  private static func map(_ path: String) throws(InputError) -> InputBytes {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (the type check below refuses it).
    let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { throw InputError.cannotOpen(path: path, reason: errnoText()) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw InputError.cannotOpen(path: path, reason: errnoText())
    }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw InputError.notARegularFile(path: path)
    }
    let count = Int(status.st_size)
    guard count > 0 else { return InputBytes(path: path, bytes: []) }
    guard let mapping = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED
    else { throw InputError.cannotOpen(path: path, reason: "cannot map the file: \(errnoText())") }
    madvise(mapping, count, MADV_SEQUENTIAL)
    return InputBytes(path: path, mapping: UnsafeRawPointer(mapping), count: count)
  }

  private static func readStandardInput() throws(InputError) -> InputBytes {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if got < 0 {
        if errno == EINTR { continue }
        throw InputError.cannotOpen(path: "-", reason: "cannot read standard input: \(errnoText())")
      }
      if got == 0 { break }
      bytes.append(contentsOf: chunk[0..<got])
    }
    return InputBytes(path: "-", bytes: bytes, origin: .stdin)
  }
}

/// The text of the current `errno`.
func errnoText() -> String {
  String(cString: strerror(errno))
}
