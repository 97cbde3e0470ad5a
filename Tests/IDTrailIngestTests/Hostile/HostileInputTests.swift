import Testing

/// Inputs an attacker or a damaged disk could hand idtrail, generated at run time in a temporary
/// folder: each must end in its expected rejection (or be read exactly), never in a crash, a hang
/// or unbounded memory. The nested suites run one at a time, so that each memory measurement sees
/// only its own test among them.
@Suite(.serialized) struct HostileInputTests {}

/// Records the hostile tests build their inputs from.
enum HostileRecords {
  /// A GitLab `audit_json.log` line: Jane adds Rita to acme/platform as Guest.
  static let auditJSONLine =
    #"{"severity":"INFO","time":"2025-02-05T10:00:00.130Z","id":90500,"author_id":12,"entity_id":345,"#
    + #""entity_type":"Group","author_name":"Jane Owner","entity_path":"acme/platform","#
    + #""target_details":"Rita Ray","created_at":"2025-02-05T10:00:00.120Z","target_type":"User","#
    + #""target_id":508,"add":"user_access","as":"Guest","member_id":8100,"event_name":"member_created","#
    + #""author_class":"User","custom_message":"Membership created"}"#

  /// The same line with `custom_message` left open for a value of the caller's.
  static let auditJSONLineBeforeMessage = String(auditJSONLine.dropLast(#"Membership created"}"#.count))

  /// A GitLab audit CSV export header (12 columns, ISO times).
  static let auditCSVHeader =
    "ID,Author ID,Author Name,Entity ID,Entity Type,Entity Path,Target ID,Target Type,Target Details,"
    + "Action,IP Address,Created At (UTC)"

  /// A row of that export: Jane adds Sam to acme/platform as Developer.
  static let auditCSVRow =
    "1001,12,Jane Owner,345,Group,acme/platform,501,User,Sam Dev,Added user access as Developer,"
    + "203.0.113.7,2025-02-01T10:15:30Z"

  /// A Windows Security 4720 event (a user account was created), as `wevtutil qe /f:xml` writes it.
  static let windowsEvent =
    #"<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>"#
    + #"<Provider Name="Microsoft-Windows-Security-Auditing"/><EventID>4720</EventID>"#
    + #"<TimeCreated SystemTime="2024-07-02T10:00:00.0000000Z"/><Computer>DC01</Computer></System>"#
    + #"<EventData><Data Name="TargetUserName">rita</Data><Data Name="TargetDomainName">CORP</Data>"#
    + #"<Data Name="SubjectUserName">jane</Data></EventData></Event>"#
}
