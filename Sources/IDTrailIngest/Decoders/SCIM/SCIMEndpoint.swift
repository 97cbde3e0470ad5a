import Foundation
import IDTrailModel

/// Where a SCIM request went: the resource endpoint, the resource id in the path, and whether the
/// URL is one of GitLab's SCIM APIs.
///
/// GitLab's routes are `/api/scim/v2/groups/:group/Users[/:id]` (a group's SCIM, GitLab.com) and
/// `/api/scim/v2/application/Users[/:id]` (the instance's, self-managed). Any other service provider
/// is recognised by an RFC 7644 endpoint segment (`Users`, `Groups`) in its path; a lower-case
/// `users`/`groups` counts only after a `scim` segment, or when the caller knows the exchange is
/// SCIM (an `application/scim+json` body), so that ordinary REST APIs (`/api/v4/users`) are not
/// taken for SCIM.
struct SCIMEndpoint: Sendable, Equatable {
  /// The RFC 7644 endpoint a path addresses.
  enum Kind: Sendable, Equatable {
    case users
    case groups
    /// Discovery and batch endpoints: `ServiceProviderConfig`, `Schemas`, `ResourceTypes`, `Bulk`.
    case other(String)
  }

  /// Which GitLab SCIM API a URL belongs to.
  enum GitLabScope: Sendable, Equatable {
    /// A top-level group's SCIM API, by group path.
    case group(String)
    /// The instance's SCIM API.
    case instance
  }

  var kind: Kind
  /// The resource id after the endpoint segment (percent-decoded), when there is one.
  var id: String?
  var gitLab: GitLabScope?

  /// The GitLab resource the calls of this endpoint act on.
  var gitLabResource: Resource? {
    switch gitLab {
    case .group(let path)?: return Resource(kind: .gitlabNamespace, name: path)
    case .instance?: return Resource(kind: .gitlabInstance, name: "instance")
    case nil: return nil
    }
  }

  /// The endpoint as a route pattern for `rawAction`: `/Users/:id`, or GitLab's
  /// `/api/scim/:version/groups/:group/Users/:id`.
  var routePattern: String {
    let name: String
    switch kind {
    case .users: name = "Users"
    case .groups: name = "Groups"
    case .other(let other): name = other
    }
    let endpoint = "/" + name + (id == nil ? "" : "/:id")
    switch gitLab {
    case .group?: return "/api/scim/:version/groups/:group" + endpoint
    case .instance?: return "/api/scim/:version/application" + endpoint
    case nil: return endpoint
    }
  }

  private static let discoveryEndpoints: Set<String> = [
    "serviceproviderconfig", "serviceproviderconfigs", "schemas", "resourcetypes", "bulk", "me",
  ]

  /// Reads the path of a request URL (query and fragment are ignored), or returns nil when it
  /// addresses no SCIM endpoint.
  ///
  /// - Parameter knownSCIM: the exchange is known to be SCIM (its body is `application/scim+json`),
  ///   so lower-case endpoint names count anywhere in the path.
  init?(path: String, knownSCIM: Bool = false) {
    var rawPath = Substring(path)
    if let end = rawPath.firstIndex(where: { $0 == "?" || $0 == "#" }) {
      rawPath = rawPath[..<end]
    }
    let segments = rawPath.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    if let gitLab = Self.gitLabScope(segments) {
      let rest = Array(segments.dropFirst(gitLab.consumed))
      if let first = rest.first, first == "Users" || first == "Groups" {
        self.init(kindName: first, rest: rest, gitLab: gitLab.scope)
        return
      }
    }
    let scimIndex = segments.firstIndex { $0.lowercased().contains("scim") }
    let exact = segments.lastIndex { $0 == "Users" || $0 == "Groups" }
    let lenientStart = knownSCIM ? 0 : scimIndex.map { $0 + 1 }
    let lenient = lenientStart.flatMap { start in
      segments[start...].lastIndex { $0.lowercased() == "users" || $0.lowercased() == "groups" }
    }
    if let index = exact ?? lenient {
      self.init(kindName: segments[index], rest: Array(segments[index...]), gitLab: nil)
      return
    }
    if let last = segments.last, scimIndex != nil || knownSCIM,
      Self.discoveryEndpoints.contains(last.lowercased())
    {
      self.init(kind: .other(last), id: nil, gitLab: nil)
      return
    }
    return nil
  }

  init(kind: Kind, id: String?, gitLab: GitLabScope?) {
    self.kind = kind
    self.id = id
    self.gitLab = gitLab
  }

  private init(kindName: String, rest: [String], gitLab: GitLabScope?) {
    let kind: Kind
    switch kindName.lowercased() {
    case "users": kind = .users
    case "groups": kind = .groups
    default: kind = .other(kindName)
    }
    // `/Users/:id` only; anything deeper is not a resource endpoint.
    if rest.count > 2 {
      self.init(kind: .other(rest.joined(separator: "/")), id: nil, gitLab: gitLab)
    } else {
      self.init(kind: kind, id: rest.count == 2 ? rest[1] : nil, gitLab: gitLab)
    }
  }

  /// GitLab's SCIM prefix (`api/scim/<version>/groups/<group>` or `api/scim/<version>/application`)
  /// and how many segments it spans.
  private static func gitLabScope(_ segments: [String]) -> (scope: GitLabScope, consumed: Int)? {
    guard let api = segments.firstIndex(of: "api"), segments.count > api + 3,
      segments[api + 1] == "scim"
    else { return nil }
    let scopeIndex = api + 3
    switch segments[scopeIndex] {
    case "groups" where segments.count > scopeIndex + 1:
      return (.group(segments[scopeIndex + 1]), scopeIndex + 2)
    case "application":
      return (.instance, scopeIndex + 1)
    default:
      return nil
    }
  }
}
