/// Why a timeline could not be made for the person asked for.
public enum TimelineError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No person holds the identifier.
  case noPerson(query: String)
  /// Several people match (a display name, or a bare value of several kinds).
  case ambiguous(query: String, candidates: [String])

  public var description: String {
    switch self {
    case .noPerson(let query):
      return
        "no person in these inputs has the identifier '\(query)'; give an email, GitLab username or user "
        + "id, Okta id, SID, AD account or person id (p-…), optionally as kind:value (gitlab.username:alee)"
    case .ambiguous(let query, let candidates):
      return "'\(query)' names \(candidates.count) people: \(candidates.joined(separator: "; ")); "
        + "give a person id or a kind:value identifier"
    }
  }
}
