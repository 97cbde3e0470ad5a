/// What a snapshot says was true at a time: the baseline for point-in-time access.
public struct StateFact: Sendable, Hashable, Codable {
  public enum Claim: Sendable, Hashable, Codable {
    /// The account's state in the source's words (`active`, `blocked`, `deactivated`, …), and whether
    /// that state can use the account.
    case accountState(state: String, canSignIn: Bool)
    /// The subject holds `role` on `resource` (a GitLab namespace membership, an instance admin flag).
    case membership(resource: Resource, role: String)
    /// The subject's identifiers belong together (for example a GitLab user and its SAML/SCIM
    /// `extern_uid`), stated by `provider`.
    case identityLink(provider: String)
  }

  /// When the snapshot was taken; nil when the export does not say (treated as the period's end).
  public var asOf: Timestamp?
  public var source: FormatID
  public var locator: Locator
  public var subject: [Identifier]
  public var claim: Claim

  public init(
    asOf: Timestamp?, source: FormatID, locator: Locator, subject: [Identifier], claim: Claim
  ) {
    self.asOf = asOf
    self.source = source
    self.locator = locator
    self.subject = subject
    self.claim = claim
  }
}
