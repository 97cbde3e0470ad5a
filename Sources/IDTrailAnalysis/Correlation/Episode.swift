import IDTrailModel

/// One identity change followed from upstream to GitLab: a joiner, a mover or a leaver (DESIGN §5).
public struct Episode: Sendable, Hashable, Codable, Identifiable {
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Upstream create or assignment → SCIM create → GitLab account, identity or membership.
    case joiner
    /// Upstream group change → GitLab role or membership change.
    case mover
    /// Upstream deprovision → SCIM deprovision → GitLab membership removed or account blocked.
    case leaver
  }

  public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    /// The GitLab effect was seen (for leavers: within the SLA).
    case complete
    /// A leaver's GitLab effect came after the SLA deadline.
    case late
    /// No GitLab effect was seen within the matching window (or by the end of the evidence).
    case incomplete
    /// Provisioning calls failed, and neither a later success nor a GitLab effect followed.
    case failed
  }

  /// Stable across runs: derived from the person, the kind and the opening record.
  public var id: String
  public var kind: Kind
  public var person: PersonID
  public var status: Status
  /// T0: when the episode opened.
  public var opened: Timestamp
  /// Leavers: when the SLA runs out.
  public var deadline: Timestamp?
  /// The steps, in time order.
  public var steps: [EpisodeStep]
  public var latencySeconds: Latencies

  /// The step that opened the episode.
  public var opening: EpisodeStep? { steps.first { $0.role == .opening } }

  /// The GitLab effect, when one was found.
  public var effect: EpisodeStep? { steps.first { $0.role == .effect } }
}
