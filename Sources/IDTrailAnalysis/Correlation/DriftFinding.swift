import IDTrailModel

/// A GitLab account, membership or role change made by a person (in the UI or through the API)
/// with no upstream event for the same person inside the matching window: access that did not come
/// from the IdP (DESIGN §5).
public struct DriftFinding: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An account was created, enabled, blocked, deleted, or its identity linked or unlinked.
    case account
    /// A membership was added or removed.
    case membership
    /// A membership role or an instance privilege changed.
    case role
  }

  public var kind: Kind
  /// Whose access changed; nil when the record names nobody the graph knows.
  public var person: PersonID?
  public var subject: [Identifier]
  /// Who made the change.
  public var actor: PersonID?
  public var actorIdentifiers: [Identifier]
  public var event: EventReference
  public var resource: Resource?
  public var role: RoleChange?
  /// Whether the change gave a privileged role (policy `privilegedRoles`).
  public var grantsPrivilegedRole: Bool
  /// The changed account's class; service accounts never appear (changes to them are not drift).
  public var subjectClass: AccountClass
}
