import IDTrailModel

/// What the correlator found: episodes, drift and activity after deprovision.
public struct Correlation: Sendable, Hashable, Codable {
  /// Sorted by opening time, then person, then kind.
  public var episodes: [Episode]
  /// Sorted by time.
  public var drift: [DriftFinding]
  /// Sorted by time.
  public var afterDeprovision: [AfterDeprovisionActivity]

  public init(
    episodes: [Episode] = [], drift: [DriftFinding] = [], afterDeprovision: [AfterDeprovisionActivity] = []
  ) {
    self.episodes = episodes
    self.drift = drift
    self.afterDeprovision = afterDeprovision
  }

  /// One person's episodes, in time order.
  public func episodes(of person: PersonID) -> [Episode] {
    episodes.filter { $0.person == person }
  }
}
