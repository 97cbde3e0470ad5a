/// The hop latencies of an episode, in seconds; nil where a hop is missing.
///
/// - `idpToScim`: from the first IdP-stage signal (the directory's, when no IdP event was seen) to
///   the first successful provisioning call.
/// - `scimToGitlab`: from that call to the GitLab effect. It can be negative, down to minus the
///   clock-skew tolerance, when GitLab's clock runs behind the SCIM source's; an effect further
///   before the call did not come from it, and this is nil.
/// - `endToEnd`: from the opening (T0) to the GitLab effect.
public struct Latencies: Sendable, Hashable, Codable {
  public var idpToScim: Double?
  public var scimToGitlab: Double?
  public var endToEnd: Double?

  public init(idpToScim: Double? = nil, scimToGitlab: Double? = nil, endToEnd: Double? = nil) {
    self.idpToScim = idpToScim
    self.scimToGitlab = scimToGitlab
    self.endToEnd = endToEnd
  }

  private enum CodingKeys: String, CodingKey {
    case idpToScim, scimToGitlab, endToEnd
  }

  /// Missing hops are written as `null`, so every report has all three keys.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(idpToScim, forKey: .idpToScim)
    try container.encode(scimToGitlab, forKey: .scimToGitlab)
    try container.encode(endToEnd, forKey: .endToEnd)
  }
}
