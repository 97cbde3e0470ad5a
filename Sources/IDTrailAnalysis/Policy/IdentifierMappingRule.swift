import IDTrailModel

/// A policy rule that derives one identifier from another, such as AD's `CORP\{name}` to the email
/// `{name}@example.com`; the record that states the first then joins both.
///
/// `match` is the first identifier's value with `{placeholders}` (letters, digits, `_`) for the
/// parts to carry over; each matches one or more characters. `value` builds the derived identifier
/// from the same placeholders. Matching ignores case where the kind does (emails, UPNs, AD
/// accounts).
public struct IdentifierMappingRule: Sendable, Hashable, Codable {
  /// A problem with a rule's `match` or `value` text.
  public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var problem: String
    public var description: String { "\(field): \(problem)" }
  }

  public var name: String
  public var from: IdentifierKind
  public var match: String
  public var to: IdentifierKind
  public var value: String
  private var pattern: [Token]
  private var template: [Token]

  private enum Token: Sendable, Hashable {
    case literal(String)
    case placeholder(String)
  }

  public init(name: String, from: IdentifierKind, match: String, to: IdentifierKind, value: String)
    throws(PatternError)
  {
    self.name = name
    self.from = from
    self.match = match
    self.to = to
    self.value = value
    let foldsCase = Identifier(from, "A")?.value == "a"
    self.pattern = try Self.tokens(of: match, field: "match", lowercasingLiterals: foldsCase)
    self.template = try Self.tokens(of: value, field: "value", lowercasingLiterals: false)
    let names = pattern.compactMap { token -> String? in
      if case .placeholder(let name) = token { return name } else { return nil }
    }
    guard !names.isEmpty else {
      throw PatternError(
        field: "match", problem: "'\(match)' has no {placeholder}; write for example 'CORP\\{name}'")
    }
    if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
      throw PatternError(
        field: "match", problem: "'{\(repeated)}' appears twice in '\(match)'; name each part once")
    }
    for (first, second) in zip(pattern, pattern.dropFirst()) {
      if case .placeholder = first, case .placeholder = second {
        throw PatternError(
          field: "match",
          problem: "'\(match)' has two placeholders with nothing between them; put literal text between")
      }
    }
    for case .placeholder(let name) in template where !names.contains(name) {
      throw PatternError(
        field: "value",
        problem:
          "'{\(name)}' is not in match '\(match)'; use one of: \(names.map { "{\($0)}" }.joined(separator: ", "))"
      )
    }
  }

  /// The derived identifier, when `identifier` is of kind `from` and its value fits `match`.
  public func derive(from identifier: Identifier) -> Identifier? {
    guard identifier.kind == from, let captures = Self.match(pattern[...], Substring(identifier.value)) else {
      return nil
    }
    var text = ""
    for token in template {
      switch token {
      case .literal(let literal): text += literal
      case .placeholder(let name): text += captures[name] ?? ""
      }
    }
    return Identifier(to, text)
  }

  private static func match(_ tokens: ArraySlice<Token>, _ text: Substring) -> [String: String]? {
    guard let token = tokens.first else { return text.isEmpty ? [:] : nil }
    let rest = tokens.dropFirst()
    switch token {
    case .literal(let literal):
      guard text.hasPrefix(literal) else { return nil }
      return match(rest, text.dropFirst(literal.count))
    case .placeholder(let name):
      guard !text.isEmpty else { return nil }
      var end = text.index(after: text.startIndex)
      while true {
        if var captures = match(rest, text[end...]) {
          captures[name] = String(text[..<end])
          return captures
        }
        guard end < text.endIndex else { return nil }
        end = text.index(after: end)
      }
    }
  }

  private static func tokens(of text: String, field: String, lowercasingLiterals: Bool) throws(PatternError)
    -> [Token]
  {
    var tokens: [Token] = []
    var literal = ""
    var index = text.startIndex
    func flush() {
      if !literal.isEmpty { tokens.append(.literal(lowercasingLiterals ? literal.lowercased() : literal)) }
      literal = ""
    }
    while index < text.endIndex {
      let character = text[index]
      if character == "{" {
        guard let close = text[index...].firstIndex(of: "}") else {
          throw PatternError(field: field, problem: "'\(text)' opens a '{' that is never closed")
        }
        let name = text[text.index(after: index)..<close]
        guard !name.isEmpty, name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
        else {
          throw PatternError(
            field: field, problem: "'{\(name)}' in '\(text)' is not a placeholder; use letters, digits and _")
        }
        flush()
        tokens.append(.placeholder(String(name)))
        index = text.index(after: close)
      } else if character == "}" {
        throw PatternError(field: field, problem: "'\(text)' has a '}' without a '{'")
      } else {
        literal.append(character)
        index = text.index(after: index)
      }
    }
    flush()
    return tokens
  }

  private enum CodingKeys: String, CodingKey {
    case name, from, match, to, value
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      name: container.decode(String.self, forKey: .name),
      from: container.decode(IdentifierKind.self, forKey: .from),
      match: container.decode(String.self, forKey: .match),
      to: container.decode(IdentifierKind.self, forKey: .to),
      value: container.decode(String.self, forKey: .value))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(from, forKey: .from)
    try container.encode(match, forKey: .match)
    try container.encode(to, forKey: .to)
    try container.encode(value, forKey: .value)
  }
}
