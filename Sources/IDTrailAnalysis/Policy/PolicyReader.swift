import Foundation
import IDTrailModel
import Yams

extension Policy {
  /// Reads a policy from YAML text; keys left out keep their defaults.
  ///
  /// - Parameters:
  ///   - yaml: the policy text.
  ///   - file: the path the text came from, for messages.
  /// - Throws: `PolicyError` naming the line, the key and what would be valid.
  public static func parse(yaml: String, file: String? = nil) throws(PolicyError) -> Policy {
    try PolicyReader(file: file).read(yaml)
  }

  /// Reads a policy file (at most 1 MiB).
  public static func load(path: String) throws(PolicyError) -> Policy {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw .unreadable(path: path, reason: "no such file")
    }
    guard !isFolder.boolValue else { throw .unreadable(path: path, reason: "it is a folder") }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size <= PolicyReader.maximumBytes else {
      throw .unreadable(path: path, reason: "it is \(size) bytes; a policy file is at most 1 MiB")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "it cannot be read (check its permissions)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadable(path: path, reason: "it is not UTF-8 text")
    }
    return try parse(yaml: text, file: path)
  }
}

/// Walks a composed YAML document into a `Policy`, checking every key and value.
struct PolicyReader {
  static let maximumBytes = 1 << 20

  let file: String?

  private static let topLevelKeys = [
    "leaverSLA", "matchingWindows", "clockSkewSeconds", "identifierMappings", "serviceAccounts",
    "breakGlassAccounts", "privilegedRoles", "organisationNamespaces", "gitlabApplications",
    "accessGroups", "offboardingGraceHours", "leaverGraceHours", "impersonationMaxMinutes",
    "scimTokenRotationDays", "staleTokenToleranceHours", "coverageGapLimitHours",
  ]
  private static let slaKeys = ["hours", "businessDays", "weekendDays", "holidays", "timeZone"]
  private static let windowKeys = ["leaverHours", "joinerHours", "moverHours", "upstreamCauseHours"]
  private static let mappingKeys = ["name", "from", "match", "to", "value"]

  /// One key of a mapping, with its value.
  private struct Entry {
    var key: String
    var keyNode: Node
    var value: Node
  }

  func read(_ yaml: String) throws(PolicyError) -> Policy {
    guard yaml.utf8.count <= Self.maximumBytes else {
      throw .invalidValue(
        location(nil, ""), value: "\(yaml.utf8.count) bytes", expected: "at most 1 MiB of YAML")
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      throw syntaxError(error)
    } catch {
      throw .syntax(location(nil, ""), problem: String(describing: error))
    }
    var policy = Policy()
    guard let root, !isNull(root) else { return policy }
    for entry in try entries(of: root, path: "", valid: Self.topLevelKeys) where !isNull(entry.value) {
      let path = entry.key
      let value = entry.value
      switch entry.key {
      case "leaverSLA":
        policy.leaverSLA = try leaverSLA(value, path: path)
      case "matchingWindows":
        for window in try entries(of: value, path: path, valid: Self.windowKeys) where !isNull(window.value) {
          let hours = try number(
            window.value, path: path + "." + window.key, minimum: 0, inclusive: false,
            expected: "a number of hours greater than 0, such as 72")
          switch window.key {
          case "leaverHours": policy.matchingWindows.leaverHours = hours
          case "joinerHours": policy.matchingWindows.joinerHours = hours
          case "moverHours": policy.matchingWindows.moverHours = hours
          default: policy.matchingWindows.upstreamCauseHours = hours  // the last key `entries` admits
          }
        }
      case "clockSkewSeconds":
        let seconds = try number(
          value, path: path, minimum: 0, inclusive: true,
          expected: "a number of seconds from 0 to 86400, such as 300")
        guard seconds <= 86_400 else {
          throw .invalidValue(
            location(value, path), value: text(value),
            expected: "a number of seconds from 0 to 86400, such as 300")
        }
        policy.clockSkewSeconds = seconds
      case "identifierMappings":
        policy.identifierMappings = try mappings(value, path: path)
      case "serviceAccounts":
        policy.serviceAccounts = try strings(
          value, path: path, example: "['gitlab.username:ci-bot', 'svc-deploy@example.com']"
        )
        .map { IdentifierQuery(parsing: $0) }
      case "breakGlassAccounts":
        policy.breakGlassAccounts = try strings(
          value, path: path, example: "['gitlab.username:breakglass-admin']"
        )
        .map { IdentifierQuery(parsing: $0) }
      case "privilegedRoles":
        policy.privilegedRoles = try strings(value, path: path, example: "[Owner, admin]")
      case "organisationNamespaces":
        policy.organisationNamespaces = try strings(
          value, path: path, example: "[example-org, example-labs/platform]"
        )
        .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "/")) }
      case "gitlabApplications":
        policy.gitlabApplications = try strings(value, path: path, example: "[GitLab]")
      case "accessGroups":
        policy.accessGroups = try strings(value, path: path, example: "[GitLab]")
      case "leaverGraceHours":
        policy.leaverGraceHours = try number(value, path: path, minimum: 0, inclusive: true,
          expected: "a number of hours, 0 or more, such as 24")
      case "impersonationMaxMinutes":
        policy.impersonationMaxMinutes = try number(value, path: path, minimum: 0, inclusive: false,
          expected: "a number of minutes greater than 0, such as 60")
      case "scimTokenRotationDays":
        policy.scimTokenRotationDays = try number(value, path: path, minimum: 0, inclusive: false,
          expected: "a number of days greater than 0, such as 90")
      case "staleTokenToleranceHours":
        policy.staleTokenToleranceHours = try number(value, path: path, minimum: 0, inclusive: true,
          expected: "a number of hours, 0 or more, such as 1")
      case "coverageGapLimitHours":
        policy.coverageGapLimitHours = try number(value, path: path, minimum: 0, inclusive: true,
          expected: "a number of hours, 0 or more, such as 72")
      default:  // offboardingGraceHours: `entries` admits no other key
        policy.offboardingGraceHours = try number(
          value, path: path, minimum: 0, inclusive: true,
          expected: "a number of hours, 0 or more, such as 4")
      }
    }
    return policy
  }

  private func leaverSLA(_ node: Node, path: String) throws(PolicyError) -> LeaverSLA {
    let entries = try entries(of: node, path: path, valid: Self.slaKeys).filter { !isNull($0.value) }
    func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
    switch (entry("hours"), entry("businessDays")) {
    case (_?, _?):
      throw .conflictingKeys(location(node, path), problem: "give either 'hours' or 'businessDays', not both")
    case (let hours?, nil):
      if let extra = entries.first(where: { $0.key != "hours" }) {
        throw .conflictingKeys(
          location(extra.keyNode, path),
          problem:
            "'\(extra.key)' only applies with 'businessDays'; with 'hours' the SLA is counted in plain hours")
      }
      return LeaverSLA(
        hours: try number(
          hours.value, path: path + ".hours", minimum: 0, inclusive: false,
          expected: "a number of hours greater than 0, such as 24"))
    case (nil, let days?):
      let count = try integer(
        days.value, path: path + ".businessDays", minimum: 1, maximum: 366,
        expected: "a whole number of business days from 1 to 366, such as 1")
      var sla = LeaverSLA(businessDays: count)
      if let weekend = entry("weekendDays") {
        let names = try strings(
          weekend.value, path: path + ".weekendDays", example: "[saturday, sunday]")
        var days: [Weekday] = []
        for (index, name) in names.enumerated() {
          guard let day = Weekday(rawValue: name.lowercased()) else {
            throw .invalidValue(
              location(element(weekend.value, index), path + ".weekendDays[\(index)]"), value: name,
              expected: "a day name: " + Weekday.allCases.map(\.rawValue).joined(separator: ", "))
          }
          if !days.contains(day) { days.append(day) }
        }
        guard days.count < 7 else {
          throw .invalidValue(
            location(weekend.value, path + ".weekendDays"), value: names.joined(separator: ", "),
            expected: "at most six days, so that some days are business days")
        }
        sla.weekendDays = days
      }
      if let holidays = entry("holidays") {
        let texts = try strings(
          holidays.value, path: path + ".holidays", example: "['2026-12-25']")
        var dates: [CalendarDate] = []
        for (index, text) in texts.enumerated() {
          guard let date = CalendarDate(parsing: text) else {
            throw .invalidValue(
              location(element(holidays.value, index), path + ".holidays[\(index)]"), value: text,
              expected: "a date written YYYY-MM-DD, such as 2026-12-25")
          }
          dates.append(date)
        }
        sla.holidays = dates.sorted()
      }
      if let zone = entry("timeZone") {
        let name = try string(zone.value, path: path + ".timeZone", example: "Europe/Berlin")
        guard TimeZone(identifier: name) != nil else {
          throw .invalidValue(
            location(zone.value, path + ".timeZone"), value: name,
            expected: "an IANA time zone name such as Europe/Berlin, America/New_York or UTC")
        }
        sla.timeZone = name
      }
      return sla
    case (nil, nil):
      throw .missingKey(location(node, path), key: "hours", example: "'hours: 24' (or 'businessDays: 1')")
    }
  }

  private func mappings(_ node: Node, path: String) throws(PolicyError) -> [IdentifierMappingRule] {
    guard case .sequence(let sequence) = node else {
      throw .wrongType(
        location(node, path), expected: "a list of rules, each with name, from, match, to and value")
    }
    var rules: [IdentifierMappingRule] = []
    for (index, item) in sequence.enumerated() {
      let itemPath = "\(path)[\(index)]"
      let entries = try entries(of: item, path: itemPath, valid: Self.mappingKeys)
      var values: [String: String] = [:]
      for key in Self.mappingKeys {
        guard let entry = entries.first(where: { $0.key == key }), !isNull(entry.value) else {
          throw .missingKey(location(item, itemPath), key: key, example: Self.mappingExample[key] ?? "")
        }
        values[key] = try string(
          entry.value, path: itemPath + "." + key, example: Self.mappingExample[key] ?? "")
      }
      func kind(_ key: String) throws(PolicyError) -> IdentifierKind {
        let name = values[key] ?? ""
        let node = entries.first { $0.key == key }?.value
        guard let kind = IdentifierKind(rawValue: name) else {
          throw .invalidValue(
            location(node, itemPath + "." + key), value: name,
            expected: "an identifier kind: \(IdentifierKindList.text)")
        }
        guard kind.isStrong else {
          throw .invalidValue(
            location(node, itemPath + "." + key), value: name,
            expected: "an identifier kind other than display_name (display names never join people)")
        }
        return kind
      }
      let name = values["name"] ?? ""
      if rules.contains(where: { $0.name == name }) {
        throw .invalidValue(
          location(entries.first { $0.key == "name" }?.value, itemPath + ".name"), value: name,
          expected: "a name no other rule has")
      }
      do {
        rules.append(
          try IdentifierMappingRule(
            name: name, from: kind("from"), match: values["match"] ?? "", to: kind("to"),
            value: values["value"] ?? ""))
      } catch let error as IdentifierMappingRule.PatternError {
        let node = entries.first { $0.key == error.field }?.value
        throw .invalidValue(
          location(node, itemPath + "." + error.field), value: values[error.field] ?? "",
          expected: "a pattern with {placeholders}: " + error.problem)
      } catch let error as PolicyError {
        throw error
      } catch {
        throw .invalidValue(location(item, itemPath), value: name, expected: String(describing: error))
      }
    }
    return rules
  }

  private static let mappingExample = [
    "name": "'ad-account-to-email'", "from": "'ad.account'", "match": "'CORP\\{name}'", "to": "'email'",
    "value": "'{name}@example.com'",
  ]

  // MARK: - Shapes

  private func entries(of node: Node, path: String, valid: [String]) throws(PolicyError) -> [Entry] {
    guard case .mapping(let mapping) = node else {
      throw .wrongType(location(node, path), expected: "a mapping of keys (\(valid.joined(separator: ", ")))")
    }
    var result: [Entry] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let scalar) = keyNode else {
        throw .wrongType(location(keyNode, path), expected: "a mapping whose keys are plain names")
      }
      let key = scalar.string
      guard valid.contains(key) else {
        throw .unknownKey(location(keyNode, path), key: key, valid: valid)
      }
      guard !result.contains(where: { $0.key == key }) else {
        throw .conflictingKeys(location(keyNode, path), problem: "the key '\(key)' appears twice")
      }
      result.append(Entry(key: key, keyNode: keyNode, value: value))
    }
    return result
  }

  private func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node else { return false }
    return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  private func text(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar): return scalar.string
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    }
  }

  private func element(_ node: Node, _ index: Int) -> Node? {
    guard case .sequence(let sequence) = node, index < sequence.count else { return nil }
    return sequence[sequence.index(sequence.startIndex, offsetBy: index)]
  }

  private func string(_ node: Node, path: String, example: String) throws(PolicyError) -> String {
    guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
      throw .wrongType(location(node, path), expected: "a text value, such as \(example)")
    }
    return scalar.string
  }

  private func strings(_ node: Node, path: String, example: String)
    throws(PolicyError) -> [String]
  {
    guard case .sequence(let sequence) = node else {
      throw .wrongType(location(node, path), expected: "a list, such as \(example)")
    }
    var values: [String] = []
    for (index, item) in sequence.enumerated() {
      let value = try string(item, path: "\(path)[\(index)]", example: example)
      values.append(value)
    }
    return values
  }

  private func number(_ node: Node, path: String, minimum: Double, inclusive: Bool, expected: String)
    throws(PolicyError) -> Double
  {
    guard case .scalar(let scalar) = node,
      let value = Double(scalar.string.replacingOccurrences(of: "_", with: "")),
      value.isFinite
    else {
      throw .wrongType(location(node, path), expected: expected)
    }
    guard inclusive ? value >= minimum : value > minimum else {
      throw .invalidValue(location(node, path), value: scalar.string, expected: expected)
    }
    return value
  }

  private func integer(_ node: Node, path: String, minimum: Int, maximum: Int, expected: String)
    throws(PolicyError) -> Int
  {
    guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
      throw .wrongType(location(node, path), expected: expected)
    }
    guard (minimum...maximum).contains(value) else {
      throw .invalidValue(location(node, path), value: scalar.string, expected: expected)
    }
    return value
  }

  private func location(_ node: Node?, _ path: String) -> PolicyError.Location {
    PolicyError.Location(file: file, line: node?.mark?.line, column: node?.mark?.column, keyPath: path)
  }

  private func syntaxError(_ error: YamlError) -> PolicyError {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let detail = context.map { "\($0.text) " } ?? ""
      return .syntax(
        PolicyError.Location(file: file, line: mark.line, column: mark.column, keyPath: ""),
        problem: detail + problem)
    default:
      return .syntax(location(nil, ""), problem: String(describing: error))
    }
  }
}
