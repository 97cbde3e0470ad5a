/// How a change was made. Drift detection depends on it: only `manual-ui` and `api` changes can be
/// drift.
public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
  case scim
  case samlGroupSync = "saml-group-sync"
  case idpPush = "idp-push"
  case manualUI = "manual-ui"
  case api
  case systemJob = "system-job"
  case unknown
}
