/// Why a record's identifiers were joined: which part of the record stated them together.
public struct JoinRule: RawRepresentable, Sendable, Hashable, Comparable, Codable,
  CustomStringConvertible
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
  public static func < (lhs: JoinRule, rhs: JoinRule) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The identifiers of one event's subject (a SCIM POST's `externalId`, `userName` and email).
  public static let eventSubject = JoinRule(rawValue: "event.subject")
  /// The identifiers of one event's actor, when the actor is a person.
  public static let eventActor = JoinRule(rawValue: "event.actor")
  /// The identifiers of one state fact's subject (a users export row, an identity link).
  public static let factSubject = JoinRule(rawValue: "fact.subject")

  /// A policy identifier-mapping rule derived one identifier from another.
  public static func mapping(_ name: String) -> JoinRule { JoinRule(rawValue: "mapping:" + name) }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}
