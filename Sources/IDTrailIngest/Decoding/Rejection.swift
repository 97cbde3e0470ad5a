import IDTrailModel

/// A record that could not be used, with where it is and why.
public struct Rejection: Sendable, Hashable, Codable {
  public var locator: Locator
  public var reason: String

  public init(locator: Locator, reason: String) {
    self.locator = locator
    self.reason = reason
  }
}
