import IDTrailModel

/// A sign-in, token creation, API call, git operation or other action by a person after their
/// leaver episode opened, and before they came back (DESIGN §5).
public struct AfterDeprovisionActivity: Sendable, Hashable, Codable {
  public var person: PersonID
  /// The leaver episode's id.
  public var episode: String
  public var event: EventReference
  /// Seconds from the episode's opening (T0) to the activity.
  public var secondsAfterOpening: Double
  /// Whether the activity falls inside the policy's offboarding grace period.
  public var withinGrace: Bool
  /// Whether the person acted (true), or was the subject of the activity, such as a sign-in.
  public var asActor: Bool
}
