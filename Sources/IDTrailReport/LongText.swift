import Foundation

/// A long text from a control (a status reason, a finding summary) split into a lead that a table
/// cell shows and the rest that a reader can open.
///
/// Controls write their texts as clauses joined by `; ` (the verdict first, then what evidence is
/// missing or which inputs were looked at), so the lead is the first clause when it is short
/// enough; otherwise the text is cut at a space near `limit` characters.
public struct LongText: Sendable, Equatable {
  /// What a table cell shows.
  public var lead: String
  /// The rest of the text, or nil when the lead is the whole text.
  public var rest: String?

  /// Texts up to this many characters are never split.
  public static let limit = 240

  public init(_ text: String) {
    guard text.count > Self.limit else {
      (lead, rest) = (text, nil)
      return
    }
    if let clause = text.range(of: "; "),
      text.distance(from: text.startIndex, to: clause.lowerBound) <= Self.limit
    {
      (lead, rest) = (String(text[..<clause.lowerBound]), String(text[clause.upperBound...]))
      return
    }
    let window = text.prefix(Self.limit)
    let cut = window.lastIndex(of: " ") ?? window.endIndex
    (lead, rest) = (String(text[..<cut]) + " …", "… " + String(text[cut...]).drop { $0 == " " })
  }
}
