/// What access is about: a GitLab namespace, an IdP application or group, a directory group.
public struct Resource: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable {
    /// A GitLab group or project, by full path.
    case gitlabNamespace = "gitlab.namespace"
    /// The GitLab instance as a whole (admin and auditor flags).
    case gitlabInstance = "gitlab.instance"
    case idpApplication = "idp.application"
    case idpGroup = "idp.group"
    case directoryGroup = "directory.group"
    case credential
  }

  public var kind: Kind
  /// The path or name as the source states it.
  public var name: String

  public init(kind: Kind, name: String) {
    self.kind = kind
    self.name = name
  }
}
