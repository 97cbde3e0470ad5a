/// A day of the week, as policy files name it.
public enum Weekday: String, Sendable, Hashable, Codable, CaseIterable {
  case sunday, monday, tuesday, wednesday, thursday, friday, saturday

  /// The day for `CivilDate.weekday` numbering (0 = Sunday … 6 = Saturday).
  init(civilWeekday: Int) {
    self = Self.allCases[((civilWeekday % 7) + 7) % 7]
  }
}
