/// The columns of GitLab's admin-area audit events CSV export, by their header names.
///
/// GitLab's `AuditEvents::ExportCsvService` writes the twelve required columns; newer versions add
/// `Author Email` after `Author Name`. Columns are found by name, so their order does not matter.
enum GitLabAuditCSVColumn: String, CaseIterable, Sendable {
  case id = "ID"
  case authorID = "Author ID"
  case authorName = "Author Name"
  case authorEmail = "Author Email"
  case entityID = "Entity ID"
  case entityType = "Entity Type"
  case entityPath = "Entity Path"
  case targetID = "Target ID"
  case targetType = "Target Type"
  case targetDetails = "Target Details"
  case action = "Action"
  case ipAddress = "IP Address"
  case createdAt = "Created At (UTC)"

  /// Whether every export has the column (only `Author Email` is missing from older ones).
  var isRequired: Bool { self != .authorEmail }

  /// The required columns that `header` lacks, in export order.
  static func missing(from header: CSVHeader) -> [GitLabAuditCSVColumn] {
    allCases.filter { $0.isRequired && header.index(of: $0.rawValue) == nil }
  }
}
