/// The version `idtrail --version` prints and reports carry.
enum IDTrailVersion {
  static let current = "0.1.0"
}
