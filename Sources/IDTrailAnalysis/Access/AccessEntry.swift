import IDTrailModel

/// A role one person held on one GitLab namespace (or an instance privilege) at an instant.
///
/// GitLab's two SCIM semantics differ: on GitLab.com, group SCIM deprovisioning removes the group
/// membership and leaves the personal account active (the entry disappears); on a self-managed
/// instance, instance SCIM blocks the account and leaves its memberships (the entry stays, with
/// `accountCanSignIn == false` and `effective == false`).
public struct AccessEntry: Sendable, Hashable, Codable {
  public var person: PersonID
  /// A GitLab namespace, or the instance for the `admin` and `auditor` flags.
  public var resource: Resource
  public var role: String
  /// Whether the GitLab account could sign in at that instant; nil when nothing says.
  public var accountCanSignIn: Bool?
  /// Whether the role gave access: the account was not known to be blocked.
  public var effective: Bool
  /// `observed` when a log record or a snapshot shows it; `inferred` when it is derived (from a
  /// later change's "before" role, or between two snapshots that disagree without a logged change).
  public var evidence: EvidenceKind
  /// When the role was last set, when a log record says so.
  public var since: Timestamp?
  /// The records the answer rests on.
  public var basis: [Locator]
}
