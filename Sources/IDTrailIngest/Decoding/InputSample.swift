/// What a decoder sees of an input to decide whether it is in its format.
///
/// Built once per input by the sniffer; valid only during the `recognizes` calls.
public struct InputSample {
  /// The whole input (decoders look at the first KiB or the first record, not more).
  public let bytes: UnsafeRawBufferPointer
  /// The JSON layout, when the input starts like JSON.
  public let jsonLayout: JSONLayout?
  /// The first record when the input is JSON and that record is a valid object.
  public let firstJSONObject: JSONObject?
  /// The first line, without a UTF-8 byte order mark or line ending (at most 4 KiB of it).
  public let firstLine: String
}
