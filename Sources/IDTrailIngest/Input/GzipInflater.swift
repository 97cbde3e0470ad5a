import CZlib

/// Inflates gzip data (one or more concatenated members) through zlib, within `InputLimits`.
enum GzipInflater {
  static func inflate(
    _ compressed: UnsafeRawBufferPointer, path: String, limits: InputLimits
  ) throws(InputError) -> [UInt8] {
    let ratioCap = compressed.count.multipliedReportingOverflow(by: limits.maximumInflationRatio)
    let cap = min(limits.maximumInflatedBytes, ratioCap.overflow ? Int.max : max(ratioCap.partialValue, 1 << 20))
    var output: [UInt8] = []
    output.reserveCapacity(min(cap, compressed.count * 8))
    var stream = z_stream()
    // 16 + MAX_WBITS: expect a gzip header; zlib checks the CRC and length trailer.
    guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { throw InputError.corruptGzip(path: path, reason: "zlib could not start") }
    defer { inflateEnd(&stream) }
    var chunk = [UInt8](repeating: 0, count: 1 << 18)
    var consumed = 0
    while consumed < compressed.count {
      stream.next_in = UnsafeMutablePointer(
        mutating: compressed.baseAddress!.assumingMemoryBound(to: UInt8.self) + consumed)
      let available = min(compressed.count - consumed, Int(UInt32.max))
      stream.avail_in = UInt32(available)
      var status: Int32 = Z_OK
      repeat {
        let produced = chunk.withUnsafeMutableBufferPointer { buffer -> Int in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(buffer.count)
          status = CZlib.inflate(&stream, Z_NO_FLUSH)
          return buffer.count - Int(stream.avail_out)
        }
        guard status == Z_OK || status == Z_STREAM_END || (status == Z_BUF_ERROR && produced > 0) else {
          let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
          throw InputError.corruptGzip(path: path, reason: message)
        }
        guard output.count + produced <= cap else {
          throw InputError.inflationLimit(
            path: path,
            limit: "more than \(cap) bytes from \(compressed.count) compressed (limit \(limits.maximumInflationRatio)× or \(limits.maximumInflatedBytes) bytes)")
        }
        output.append(contentsOf: chunk[0..<produced])
      } while status != Z_STREAM_END && stream.avail_out == 0
      consumed += available - Int(stream.avail_in)
      if status == Z_STREAM_END {
        // Another gzip member may follow (as `cat a.gz b.gz` writes).
        guard consumed < compressed.count, inflateReset(&stream) == Z_OK else { break }
      } else if stream.avail_in == 0 && consumed >= compressed.count {
        throw InputError.corruptGzip(path: path, reason: "the stream ends before its trailer (truncated file?)")
      }
    }
    return output
  }
}
