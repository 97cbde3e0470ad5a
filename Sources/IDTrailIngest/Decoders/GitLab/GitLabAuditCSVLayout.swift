/// Where each `GitLabAuditCSVColumn` sits in one export's rows, worked out once from its header.
struct GitLabAuditCSVLayout: Sendable {
  /// The column count the header declares; every row must have it.
  let fieldCount: Int
  /// The required columns the header lacks, in export order.
  let missing: [GitLabAuditCSVColumn]
  /// Each column's field index, by `GitLabAuditCSVColumn.rawValue`.
  private let indexes: [Int?]

  init(_ header: CSVHeader) {
    fieldCount = header.count
    indexes = GitLabAuditCSVColumn.allCases.map { header.index(of: $0.name) }
    missing = GitLabAuditCSVColumn.allCases.filter { $0.isRequired && header.index(of: $0.name) == nil }
  }

  /// The row's value in `column`, or nil when the header or the row lacks it.
  func value(_ column: GitLabAuditCSVColumn, in row: CSVRow) -> String? {
    guard let index = indexes[column.rawValue], index < row.fields.count else { return nil }
    return row.fields[index]
  }
}
