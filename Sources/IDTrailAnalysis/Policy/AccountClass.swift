/// What kind of account a person is, as the policy says.
public enum AccountClass: String, Sendable, Hashable, Codable, CaseIterable {
  /// A person the IdP manages.
  case person
  /// A bot or integration account, managed outside the IdP by design.
  case serviceAccount = "service-account"
  /// An emergency account kept outside the IdP; every use deserves review.
  case breakGlass = "break-glass"
}
