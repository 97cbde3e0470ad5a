import IDTrailModel

/// An Azure Monitor diagnostic-settings record (Event Hub, storage account, `{"records":[…]}`
/// exports): `time`, `category`, `resourceId`, … with the Entra payload under `properties`
/// (`formats-idp.md` §4.2).
///
/// One export may mix categories (`AuditLogs`, `ProvisioningLogs`, `SignInLogs`, …); each Entra
/// decoder hands the other's category to it, and skips the rest.
struct EntraDiagnosticRecord {
  /// `ProvisioningLogs`, `AuditLogs`, `SignInLogs`, …
  var category: String
  /// The payload, when the record has one.
  var properties: JSONObject?
  /// The record's own `time`, read when the payload has no `activityDateTime`.
  var time: String?

  /// The record's diagnostic fields, or nil when `object` is not a diagnostic record: one with a
  /// `category` string next to `properties`, `resourceId`, `operationName` or `time`, and that is
  /// not itself a Graph record (whose `category` is the audit category, such as `UserManagement`).
  init?(_ object: JSONObject) {
    guard let category = object["category"]?.string,
      object.contains("properties") || object.contains("resourceId") || object.contains("operationName")
        || object.contains("time"),
      !object.contains("activityDisplayName"), !EntraProvisioningDecoder.isProvisioningObject(object)
    else { return nil }
    self.category = category
    self.properties = object["properties"]?.object
    self.time = object["time"]?.string
  }

  static let provisioningCategory = "ProvisioningLogs"
  static let auditCategory = "AuditLogs"

  /// Whether `object` is a diagnostic record of Entra ID (`resourceId` under
  /// `providers/Microsoft.aadiam`) of any category.
  static func isEntraRecord(_ object: JSONObject) -> Bool {
    guard EntraDiagnosticRecord(object) != nil, let resource = object["resourceId"]?.string else {
      return false
    }
    return resource.lowercased().contains("/providers/microsoft.aadiam")
  }

  /// Parses a diagnostic `time`: RFC 3339, ISO 8601 without a zone (Azure writes UTC), or the US
  /// form `M/d/yyyy h:mm:ss [AM|PM] [±HH:MM]` that some exports use.
  static func parseTime(_ text: String) -> Timestamp? {
    TimestampParser.parse(text) ?? TimestampParser.parse(text + "Z") ?? parseUSTime(text)
  }

  private static func parseUSTime(_ text: String) -> Timestamp? {
    let words = text.split(separator: " ")
    guard words.count >= 2, words.count <= 4 else { return nil }
    let date = words[0].split(separator: "/").compactMap { Int($0) }
    let clock = words[1].split(separator: ":").compactMap { Int($0) }
    guard date.count == 3, clock.count == 3 else { return nil }
    var hour = clock[0]
    var zone = "Z"
    for word in words.dropFirst(2) {
      switch word.uppercased() {
      case "AM", "PM":
        guard (1...12).contains(hour) else { return nil }
        hour = hour % 12 + (word.uppercased() == "PM" ? 12 : 0)
      default:
        guard word.first == "+" || word.first == "-" else { return nil }
        zone = String(word)
      }
    }
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    let iso =
      "\(pad(date[2], 4))-\(pad(date[0], 2))-\(pad(date[1], 2))T"
      + "\(pad(hour, 2)):\(pad(clock[1], 2)):\(pad(clock[2], 2))\(zone)"
    return TimestampParser.parse(iso)
  }
}

/// Which Entra ID log a record belongs to, with the payload to decode: both Entra decoders route
/// every record by it, so an export mixing audit and provisioning records (Azure Monitor
/// `records[]` of several categories) reads the same whichever decoder recognised it.
enum EntraRecordRoute {
  /// The two logs idtrail reads.
  enum Log {
    case audit
    case provisioning
  }

  /// Decode `payload` as a record of `log`; `diagnosticTime` is the diagnostic record's `time`.
  case decode(Log, payload: JSONObject, diagnosticTime: String?)
  case skipped(String)
  case rejected(String)

  /// - Parameter fallback: the log of a record that says nothing of its own (the decoder's own).
  init(_ record: JSONObject, fallback: Log) {
    if let diagnostic = EntraDiagnosticRecord(record) {
      let log: Log
      switch diagnostic.category {
      case EntraDiagnosticRecord.auditCategory: log = .audit
      case EntraDiagnosticRecord.provisioningCategory: log = .provisioning
      default:
        self = .skipped("Entra \(diagnostic.category) record: not an audit or provisioning log (not read)")
        return
      }
      guard let properties = diagnostic.properties else {
        let article = log == .audit ? "an" : "a"
        self = .rejected("\(article) \(diagnostic.category) record without its 'properties' payload")
        return
      }
      self = .decode(log, payload: properties, diagnosticTime: diagnostic.time)
    } else if EntraProvisioningDecoder.isProvisioningObject(record) {
      self = .decode(.provisioning, payload: record, diagnosticTime: nil)
    } else if record.contains("activityDisplayName") {
      self = .decode(.audit, payload: record, diagnosticTime: nil)
    } else if record.contains("createdDateTime") {
      self = .skipped("an Entra sign-in record, not an audit or provisioning log (not read)")
    } else {
      self = .decode(fallback, payload: record, diagnosticTime: nil)
    }
  }
}
