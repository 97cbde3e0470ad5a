/// One person (or nobody) per trail event, by event index.
///
/// Kept as a person number per event (4 bytes) and read as the person's ID: two columns of
/// optional IDs took 32 bytes per event, 160 MB at 5 million events.
public struct EventPersonColumn: RandomAccessCollection, Sendable {
  /// Each event's index into `ids`, or -1 for nobody.
  private let numbers: [Int32]
  private let ids: [PersonID]

  init(numbers: [Int32], ids: [PersonID]) {
    self.numbers = numbers
    self.ids = ids
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { numbers.count }

  public subscript(index: Int) -> PersonID? {
    let number = numbers[index]
    return number < 0 ? nil : ids[Int(number)]
  }
}
