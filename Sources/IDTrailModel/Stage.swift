/// Where in the provisioning chain an event was recorded.
public enum Stage: String, Sendable, Hashable, Codable, CaseIterable {
  /// The directory behind the IdP (Active Directory).
  case directory
  /// The identity provider (Okta, Entra ID, Google Workspace).
  case idp
  /// The SCIM wire between the IdP and GitLab.
  case scim
  /// GitLab itself.
  case gitlab
}
