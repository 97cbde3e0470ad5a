/// The header row of a CSV input: finds columns by name, so that column order does not matter.
///
/// Names are compared case-sensitively after trimming spaces and tabs on both sides. When two
/// columns share a name, the first one counts.
public struct CSVHeader: Sendable, Hashable {
  /// The column names, trimmed, in order.
  public let names: [String]
  private let indexByName: [String: Int]

  public init(_ fields: [String]) {
    names = fields.map(Self.trimmed)
    var indexByName: [String: Int] = [:]
    for (index, name) in names.enumerated() where indexByName[name] == nil {
      indexByName[name] = index
    }
    self.indexByName = indexByName
  }

  /// How many columns the header names.
  public var count: Int { names.count }

  /// The 0-based index of the column called `name`, or nil when there is none.
  public func index(of name: String) -> Int? {
    indexByName[Self.trimmed(name)]
  }

  /// The value in `row` of the column called `name`, or nil when there is no such column or the
  /// row is too short to have it.
  public func value(_ name: String, in row: CSVRow) -> String? {
    guard let index = index(of: name), index < row.fields.count else { return nil }
    return row.fields[index]
  }

  private static func trimmed(_ text: String) -> String {
    var slice = Substring(text)
    while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
    return String(slice)
  }
}
