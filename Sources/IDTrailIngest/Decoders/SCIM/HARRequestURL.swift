import Foundation

/// The parts of a HAR request URL that idtrail uses, with the places credentials hide kept apart:
/// user info (`https://user:secret@host/…`) is dropped, and the query (where `access_token=` and
/// similar parameters travel) is only read for a lookup's `filter`, never copied.
struct HARRequestURL: Sendable, Equatable {
  var scheme: String
  /// Host and port, without user info.
  var host: String
  /// The path as written (percent-encoded), without query and fragment.
  var path: String
  private var query: Substring?

  /// Parses an absolute `http`/`https` URL, or returns nil.
  init?(_ text: String) {
    guard let schemeEnd = text.firstRange(of: "://") else { return nil }
    let scheme = text[..<schemeEnd.lowerBound].lowercased()
    guard scheme == "http" || scheme == "https" else { return nil }
    var rest = text[schemeEnd.upperBound...]
    if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
    var authority = rest[..<authorityEnd]
    if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
    guard !authority.isEmpty else { return nil }
    let afterAuthority = rest[authorityEnd...]
    let queryStart = afterAuthority.firstIndex(of: "?")
    self.scheme = scheme
    self.host = String(authority)
    let path = String(afterAuthority[..<(queryStart ?? afterAuthority.endIndex)])
    self.path = path.isEmpty ? "/" : path
    self.query = queryStart.map { afterAuthority[afterAuthority.index(after: $0)...] }
  }

  /// `scheme://host/path`: the URL without user info, query or fragment.
  var withoutCredentials: String { "\(scheme)://\(host)\(path)" }

  /// The decoded value of query parameter `name` (`+` read as a space), or nil.
  func queryValue(_ name: String) -> String? {
    guard let query else { return nil }
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2, parts[0] == name else { continue }
      let value = parts[1].replacingOccurrences(of: "+", with: " ")
      return value.removingPercentEncoding ?? value
    }
    return nil
  }
}
