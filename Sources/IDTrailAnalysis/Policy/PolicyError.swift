/// Why a policy file could not be used: what is wrong, where, and what would be valid.
public enum PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Where in a policy file a problem is.
  public struct Location: Sendable, Equatable, CustomStringConvertible {
    /// The file's path, when the policy came from a file.
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// The key path, such as `leaverSLA.hours` or `identifierMappings[2].from`; empty for the
    /// whole document.
    public var keyPath: String

    public init(file: String?, line: Int?, column: Int?, keyPath: String) {
      self.file = file
      self.line = line
      self.column = column
      self.keyPath = keyPath
    }

    public var description: String {
      var text = file ?? "policy"
      if let line { text += ":\(line)" + (column.map { ":\($0)" } ?? "") }
      return text
    }
  }

  /// The file could not be read.
  case unreadable(path: String, reason: String)
  /// The text is not valid YAML.
  case syntax(Location, problem: String)
  /// A mapping has a key idtrail does not know (often a typo).
  case unknownKey(Location, key: String, valid: [String])
  /// A value has the wrong shape: a list where a number belongs, and so on.
  case wrongType(Location, expected: String)
  /// A value has the right shape but is not allowed.
  case invalidValue(Location, value: String, expected: String)
  /// Keys that exclude each other were both given, or one only applies with another.
  case conflictingKeys(Location, problem: String)
  /// A required key is missing.
  case missingKey(Location, key: String, example: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "cannot read the policy file '\(path)': \(reason); give a readable YAML file, or leave "
        + "out --policy to use the defaults ('idtrail policy --print-default' shows them)"
    case .syntax(let location, let problem):
      return "\(location): not valid YAML: \(problem)"
    case .unknownKey(let location, let key, let valid):
      let place = location.keyPath.isEmpty ? "at the top level" : "in \(location.keyPath)"
      return "\(location): unknown key '\(key)' \(place); valid keys: \(valid.joined(separator: ", "))"
    case .wrongType(let location, let expected):
      return "\(location): \(Self.subject(location)) must be \(expected)"
    case .invalidValue(let location, let value, let expected):
      return "\(location): \(Self.subject(location)) '\(value)' is not valid; expected \(expected)"
    case .conflictingKeys(let location, let problem):
      return "\(location): \(Self.subject(location)): \(problem)"
    case .missingKey(let location, let key, let example):
      return "\(location): \(Self.subject(location)) needs the key '\(key)', such as \(example)"
    }
  }

  private static func subject(_ location: Location) -> String {
    location.keyPath.isEmpty ? "the policy" : location.keyPath
  }
}
