/// The columns of GitLab's admin-area audit events CSV export.
///
/// GitLab's `AuditEvents::ExportCsvService` writes the twelve required columns; newer versions add
/// `Author Email` after `Author Name`. Columns are found by their header names (`name`), so their
/// order does not matter.
enum GitLabAuditCSVColumn: Int, CaseIterable, Sendable {
  case id, authorID, authorName, authorEmail, entityID, entityType, entityPath, targetID, targetType
  case targetDetails, action, ipAddress, createdAt

  /// The column's name in the header row.
  var name: String {
    switch self {
    case .id: "ID"
    case .authorID: "Author ID"
    case .authorName: "Author Name"
    case .authorEmail: "Author Email"
    case .entityID: "Entity ID"
    case .entityType: "Entity Type"
    case .entityPath: "Entity Path"
    case .targetID: "Target ID"
    case .targetType: "Target Type"
    case .targetDetails: "Target Details"
    case .action: "Action"
    case .ipAddress: "IP Address"
    case .createdAt: "Created At (UTC)"
    }
  }

  /// Whether every export has the column (only `Author Email` is missing from older ones).
  var isRequired: Bool { self != .authorEmail }
}
