import IDTrailModel

/// `gitlab.audit.csv`: the admin area's audit events "Export as CSV" (Admin → Monitoring → Audit
/// events), read by header name.
///
/// The header names the twelve columns of `GitLabAuditCSVColumn` (thirteen with `Author Email`) in
/// any order; other columns are ignored. Each row is one audit event. Its `Action` column is the
/// humanized text of the event's details, read back by `GitLabAuditRecord.readActionText(_:)`, and
/// the event is then normalised as the JSON shapes are, with the `Action` text kept verbatim as the
/// event's `rawAction`. `Created At (UTC)` may be ISO 8601 (`2025-02-01T10:15:30Z`, what the code
/// writes) or `2025-02-01 10:15:30` (what the docs show). Locators are `path:line`, the line where
/// the row starts. Rows whose field count differs from the header's, and rows that break RFC 4180,
/// are rejected; cell values are kept as text (a cell such as `=cmd()` is never evaluated).
public struct GitLabAuditCSVDecoder: FormatDecoder {
  public init() {}

  public let format = FormatID.gitlabAuditCSV
  public let summary =
    "GitLab admin-area audit events \"Export as CSV\": 12 or 13 columns (with Author Email), by header name"

  public func recognizes(_ sample: InputSample) -> Bool {
    guard sample.jsonLayout == nil, let header = Self.header(in: sample.firstLine) else { return false }
    return GitLabAuditCSVLayout(header).missing.isEmpty
  }

  public func decode(_ input: InputBytes, options: DecodeOptions) -> DecodedInput {
    input.withBytes { bytes in
      var output = DecodedInput(
        path: input.path, format: format, byteCount: bytes.count, keptRejections: options.keptRejections)
      var reader = CSVReader(bytes)
      guard case .row(let headerRow)? = reader.next() else {
        output.account(.rejected(Self.noHeaderReason), at: .line(1, in: input.path))
        return output
      }
      let layout = GitLabAuditCSVLayout(CSVHeader(headerRow.fields))
      guard layout.missing.isEmpty else {
        let missing = layout.missing.map { "'\($0.name)'" }.joined(separator: ", ")
        output.account(
          .rejected("the header lacks the column(s) \(missing); " + Self.noHeaderReason),
          at: .line(headerRow.line, in: input.path))
        return output
      }
      while let record = reader.next() {
        switch record {
        case .malformed(let line, let error):
          output.account(.rejected("malformed CSV: \(error)"), at: .line(line, in: input.path))
        case .row(let row):
          let locator = Locator.line(row.line, in: input.path)
          output.account(decode(row, layout: layout, at: locator, into: &output), at: locator)
        }
      }
      return output
    }
  }

  private func decode(
    _ row: CSVRow, layout: GitLabAuditCSVLayout, at locator: Locator, into output: inout DecodedInput
  ) -> RecordDisposition {
    guard row.fields.count == layout.fieldCount else {
      return .rejected("the row has \(row.fields.count) fields, the header has \(layout.fieldCount)")
    }
    let record = GitLabAuditRecord(csvRow: row, layout: layout)
    let timeColumn = GitLabAuditCSVColumn.createdAt.name
    guard let time = record.createdAt else {
      return .rejected("the '\(timeColumn)' cell is empty")
    }
    guard TimestampParser.parse(time) != nil else {
      return .rejected(
        "'\(timeColumn)' is not a time: '\(time)'; expected 2025-02-01T10:15:30Z or 2025-02-01 10:15:30")
    }
    let emitted = output.events.count
    let disposition = GitLabAuditNormalizer.normalize(record, source: format, at: locator, into: &output)
    if output.events.count > emitted, let action = layout.value(.action, in: row), !action.isEmpty {
      // The export's own words for what happened, rather than the details keys read back from them.
      output.events[output.events.count - 1].rawAction = action
    }
    return disposition
  }

  private static let noHeaderReason =
    "the first line must be the export's header: "
    + GitLabAuditCSVColumn.allCases.filter(\.isRequired).map(\.name).joined(separator: ",")

  /// The header in the input's first line, or nil when that line is not one CSV row.
  private static func header(in firstLine: String) -> CSVHeader? {
    var line = firstLine
    return line.withUTF8 { bytes in
      var reader = CSVReader(UnsafeRawBufferPointer(bytes))
      guard case .row(let row)? = reader.next() else { return nil }
      return CSVHeader(row.fields)
    }
  }
}
