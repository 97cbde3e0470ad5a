import IDTrailModel

/// The identifier kinds a rule may name (display names never join), as one line of text.
enum IdentifierKindList {
  static let strongKinds = IdentifierKind.allCases.filter(\.isStrong)
  static let text = strongKinds.map(\.rawValue).joined(separator: ", ")
}
