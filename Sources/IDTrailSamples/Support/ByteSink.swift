#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A buffered byte writer: to a file through C `fwrite`, or into memory.
///
/// Memory stays bounded by the buffer (1 MiB) however much is written, which is what `--scale`
/// needs; `position` is the number of bytes written so far, which the writers use for locators.
final class ByteSink {
  /// Bytes written so far, buffered or not.
  private(set) var position = 0
  private var buffer: [UInt8] = []
  private let file: UnsafeMutablePointer<FILE>?
  private let path: String
  private static let flushThreshold = 1 << 20

  /// A sink that writes to the file at `path`, replacing it.
  ///
  /// - Throws: `SampleWriteError` when the file cannot be created.
  init(path: String) throws(SampleWriteError) {
    guard let handle = fopen(path, "wb") else {
      throw SampleWriteError(path: path, reason: Self.lastError())
    }
    self.file = handle
    self.path = path
    buffer.reserveCapacity(Self.flushThreshold + (64 << 10))
  }

  /// A sink that keeps everything in memory; read it back with `bytes`.
  init() {
    file = nil
    path = "(memory)"
  }

  deinit {
    if let file { fclose(file) }
  }

  /// What an in-memory sink holds.
  var bytes: [UInt8] { buffer }

  func append(_ text: String) {
    var text = text
    text.withUTF8 { buffer.append(contentsOf: $0) }
    position += text.utf8.count
  }

  func append(_ text: StaticString) {
    let buffer = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    self.buffer.append(contentsOf: buffer)
    position += buffer.count
  }

  /// Appends `value` as `digits` lower-case hex digits (the low bits when `digits` < 16).
  func append(hex value: UInt64, digits: Int) {
    let alphabet: StaticString = "0123456789abcdef"
    var shift = (digits - 1) * 4
    while shift >= 0 {
      buffer.append(alphabet.utf8Start[Int((value >> UInt64(shift)) & 0xF)])
      shift -= 4
    }
    position += digits
  }

  func append(bytes: [UInt8]) {
    buffer.append(contentsOf: bytes)
    position += bytes.count
  }

  func append(byte: UInt8) {
    buffer.append(byte)
    position += 1
  }

  /// Appends a JSON value in its compact form.
  func append(json value: JSONText) {
    let before = buffer.count
    value.write(to: &buffer)
    position += buffer.count - before
  }

  /// Appends the decimal digits of a non-negative integer, zero-padded to `width`.
  func append(digits value: Int, width: Int = 0) {
    var divisor = 1
    var count = 1
    while divisor <= value / 10 {
      divisor *= 10
      count += 1
    }
    for _ in count..<max(width, count) { buffer.append(UInt8(ascii: "0")) }
    var rest = value
    while divisor > 0 {
      buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor))
      rest %= divisor
      divisor /= 10
    }
    position += max(width, count)
  }

  /// Writes the buffer out when it has grown past the threshold (file sinks only).
  func flushIfNeeded() throws(SampleWriteError) {
    if file != nil && buffer.count >= Self.flushThreshold { try flush() }
  }

  /// Writes everything buffered and closes the file.
  func close() throws(SampleWriteError) {
    guard let file else { return }
    try flush()
    if fflush(file) != 0 { throw SampleWriteError(path: path, reason: Self.lastError()) }
  }

  private func flush() throws(SampleWriteError) {
    guard let file, !buffer.isEmpty else { return }
    let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    guard written == buffer.count else { throw SampleWriteError(path: path, reason: Self.lastError()) }
    buffer.removeAll(keepingCapacity: true)
  }

  private static func lastError() -> String {
    String(cString: strerror(errno))
  }
}

/// A sample file could not be written.
public struct SampleWriteError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var reason: String

  public var description: String {
    "cannot write \(path): \(reason); check that the folder exists and is writable"
  }
}
