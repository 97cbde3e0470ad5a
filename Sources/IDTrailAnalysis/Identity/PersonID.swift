/// A person's stable id: `p-` and twelve hex digits derived from their strong identifiers.
///
/// The same identifiers give the same id in every run, whatever order the inputs came in.
public struct PersonID: RawRepresentable, Sendable, Hashable, Comparable, Codable,
  CustomStringConvertible
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
  public static func < (lhs: PersonID, rhs: PersonID) -> Bool { lhs.rawValue < rhs.rawValue }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}
