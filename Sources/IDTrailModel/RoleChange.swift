/// A role before and after a change. Either side is nil where the source does not say.
///
/// GitLab roles are stored with GitLab's labels (`Guest`, `Developer`, `Owner`, …); the instance-wide
/// flags are `admin` and `auditor`.
public struct RoleChange: Sendable, Hashable, Codable {
  public var before: String?
  public var after: String?

  public init(before: String?, after: String?) {
    self.before = before
    self.after = after
  }
}
