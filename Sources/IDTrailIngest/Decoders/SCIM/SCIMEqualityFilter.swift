/// A SCIM filter of the one form identity work needs: `attribute eq "value"`.
///
/// It reads the `members[value eq "…"]` paths of PatchOp removals and the `filter` of a lookup
/// (`userName eq "sam@example.com"`). Other operators and compound filters are not parsed.
struct SCIMEqualityFilter: Sendable, Equatable {
  var attribute: String
  var value: String

  /// Parses `attribute eq "value"` (the operator in any case, the value quoted or bare).
  init?(_ text: String) {
    let trimmed = text.trimmingSpaces
    guard let firstSpace = trimmed.firstIndex(of: " ") else { return nil }
    let attribute = String(trimmed[..<firstSpace])
    let afterAttribute = trimmed[trimmed.index(after: firstSpace)...].trimmingSpaces
    guard afterAttribute.count > 3, afterAttribute.prefix(3).lowercased() == "eq " else { return nil }
    var operand = afterAttribute.dropFirst(3).trimmingSpaces
    if operand.count >= 2, operand.first == "\"", operand.last == "\"" {
      operand = String(operand.dropFirst().dropLast()).replacingBackslashQuotes
    }
    guard !attribute.isEmpty, !operand.isEmpty else { return nil }
    self.attribute = attribute
    self.value = operand
  }

  /// The filter inside a value path such as `members[value eq "2819c223"]`, when `path` is one on
  /// `attribute` (compared without case).
  init?(valuePath path: String, on attribute: String) {
    guard let open = path.firstIndex(of: "["), let close = path.lastIndex(of: "]"), open < close,
      path[..<open].lowercased() == attribute.lowercased()
    else { return nil }
    self.init(String(path[path.index(after: open)..<close]))
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces.
  fileprivate var trimmingSpaces: String {
    var slice = Substring(self)
    while slice.first == " " { slice.removeFirst() }
    while slice.last == " " { slice.removeLast() }
    return String(slice)
  }

  /// The text with `\"` unescaped, as a quoted filter value writes an inner quote.
  fileprivate var replacingBackslashQuotes: String {
    var result = ""
    var escaped = false
    for character in self {
      if escaped {
        result.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else {
        result.append(character)
      }
    }
    return result
  }
}
