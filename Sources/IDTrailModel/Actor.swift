/// Who made a change: a person, or one of the systems that act on their own.
public struct Actor: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable {
    /// A signed-in person (possibly an administrator).
    case person
    /// GitLab itself or a background job (`(System)`, author id -1 on a system event).
    case system
    /// An unauthenticated caller, such as a failed sign-in attempt (author id -1).
    case unauthenticated
    /// The IdP's SCIM client or provisioning job.
    case provisioningClient = "provisioning-client"
    /// A GitLab deploy token (author id -2).
    case deployToken = "deploy-token"
    /// A GitLab deploy key (author id -3).
    case deployKey = "deploy-key"
    case unknown
  }

  public var kind: Kind
  public var identifiers: [Identifier]

  public init(kind: Kind, identifiers: [Identifier] = []) {
    self.kind = kind
    self.identifiers = identifiers
  }

  public static let system = Actor(kind: .system)
  public static let unknown = Actor(kind: .unknown)
}
