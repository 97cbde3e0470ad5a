/// The explicit bounds the reader holds every input to, so that a hostile document cannot exhaust
/// memory or time. A record that breaks one is rejected; the reader goes on after it.
public struct XMLReadLimits: Sendable, Hashable {
  /// The deepest element nesting accepted, counted from the document's top level (1).
  public var maximumDepth: Int
  /// The longest text accepted for one element's content or one attribute value, in bytes.
  public var maximumTextBytes: Int
  /// The most text and attribute bytes one record may hold in total.
  public var maximumRecordBytes: Int

  public init(maximumDepth: Int, maximumTextBytes: Int, maximumRecordBytes: Int) {
    self.maximumDepth = maximumDepth
    self.maximumTextBytes = maximumTextBytes
    self.maximumRecordBytes = maximumRecordBytes
  }

  /// 64 levels (Windows events need 5, SOAP-wrapped SPML about 10), 1 MiB per value, 64 MiB per
  /// record (a SCIM group with a hundred thousand members fits).
  public static let `default` = XMLReadLimits(
    maximumDepth: 64, maximumTextBytes: 1 << 20, maximumRecordBytes: 64 << 20)
}
