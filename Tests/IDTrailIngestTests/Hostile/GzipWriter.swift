import CZlib

/// Writes gzip streams with zlib, for the inflation tests.
enum GzipWriter {
  /// `count` copies of `byte`, compressed at zlib's best ratio, a mebibyte at a time.
  static func compress(repeating byte: UInt8, count: Int) -> [UInt8] {
    var stream = z_stream()
    let windowBits: Int32 = 15 + 16  // a gzip header and trailer
    guard
      deflateInit2_(
        &stream, 9, Z_DEFLATED, windowBits, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
        Int32(MemoryLayout<z_stream>.size))
        == Z_OK
    else { return [] }
    defer { deflateEnd(&stream) }
    var input = [UInt8](repeating: byte, count: min(count, 1 << 20))
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var left = count
    repeat {
      let part = min(left, input.count)
      left -= part
      let flush = left == 0 ? Z_FINISH : Z_NO_FLUSH
      input.withUnsafeMutableBufferPointer { inputBuffer in
        stream.next_in = inputBuffer.baseAddress
        stream.avail_in = UInt32(part)
        repeat {
          let produced = chunk.withUnsafeMutableBufferPointer { outputBuffer -> Int in
            stream.next_out = outputBuffer.baseAddress
            stream.avail_out = UInt32(outputBuffer.count)
            deflate(&stream, flush)
            return outputBuffer.count - Int(stream.avail_out)
          }
          output += chunk[0..<produced]
        } while stream.avail_out == 0
      }
    } while left > 0
    return output
  }

  /// `text`, compressed.
  static func compress(_ text: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    guard
      deflateInit2_(
        &stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
        Int32(MemoryLayout<z_stream>.size))
        == Z_OK
    else { return [] }
    defer { deflateEnd(&stream) }
    var input = text
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(text.count))) + 32)
    let written = input.withUnsafeMutableBufferPointer { inputBuffer in
      output.withUnsafeMutableBufferPointer { outputBuffer -> Int in
        stream.next_in = inputBuffer.baseAddress
        stream.avail_in = UInt32(inputBuffer.count)
        stream.next_out = outputBuffer.baseAddress
        stream.avail_out = UInt32(outputBuffer.count)
        deflate(&stream, Z_FINISH)
        return outputBuffer.count - Int(stream.avail_out)
      }
    }
    return Array(output[0..<written])
  }
}
