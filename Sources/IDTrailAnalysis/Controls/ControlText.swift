import IDTrailModel

/// Wording shared by the controls' summaries.
enum ControlText {
  /// `1 leaver`, `3 leavers`.
  static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
    "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
  }

  /// A channel as a summary says it: `by hand in the UI`, `through the API`, `through SCIM`.
  static func channel(_ channel: Channel) -> String {
    switch channel {
    case .scim: return "through SCIM"
    case .samlGroupSync: return "through SAML group sync"
    case .idpPush: return "by an IdP push"
    case .manualUI: return "by hand in the UI"
    case .api: return "through the API"
    case .systemJob: return "by a GitLab system job"
    case .unknown: return "by a channel the record does not state"
    }
  }
}
