import IDTrailModel

/// Where a join (or an identifier) was learned: the record and the rule.
public struct JoinProvenance: Sendable, Hashable, Codable {
  public var locator: Locator
  public var source: FormatID
  public var rule: JoinRule

  public init(locator: Locator, source: FormatID, rule: JoinRule) {
    self.locator = locator
    self.source = source
    self.rule = rule
  }
}
