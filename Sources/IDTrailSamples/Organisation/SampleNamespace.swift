/// A GitLab group of the sample organisation, with its projects.
struct SampleNamespace: Sendable {
  var id: Int
  var path: String
  var name: String
  var projects: [SampleProject]

  /// The top-level group this one belongs to (`acme` for `acme/web`).
  var topGroup: String { String(path.split(separator: "/").first ?? "") }

  /// The groups every sample organisation has, parents before children.
  static let all: [SampleNamespace] = [
    SampleNamespace(id: 42, path: "acme", name: "Acme", projects: []),
    SampleNamespace(
      id: 57, path: "acme/platform", name: "Platform",
      projects: [
        SampleProject(id: 311, name: "api"), SampleProject(id: 312, name: "infra"),
      ]),
    SampleNamespace(
      id: 58, path: "acme/web", name: "Web",
      projects: [
        SampleProject(id: 320, name: "storefront"), SampleProject(id: 321, name: "design-system"),
      ]),
    SampleNamespace(
      id: 61, path: "acme/data", name: "Data",
      projects: [
        SampleProject(id: 330, name: "pipelines"), SampleProject(id: 331, name: "warehouse"),
      ]),
    SampleNamespace(
      id: 64, path: "acme/initech", name: "Initech", projects: [SampleProject(id: 340, name: "legacy-erp")]),
    SampleNamespace(id: 71, path: "globex", name: "Globex", projects: []),
    SampleNamespace(
      id: 73, path: "globex/apps", name: "Apps", projects: [SampleProject(id: 350, name: "portal")]),
  ]

  /// The group at `path`; the table above holds every path the generator uses.
  static func named(_ path: String) -> SampleNamespace {
    all.first { $0.path == path } ?? all[0]
  }
}

/// A GitLab project inside a sample group.
struct SampleProject: Sendable {
  var id: Int
  var name: String
}
