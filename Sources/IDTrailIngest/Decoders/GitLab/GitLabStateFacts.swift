import IDTrailModel

/// What the GitLab users and members exports share: account states, role labels, who a user
/// object names, and when the snapshot was taken.
enum GitLabStateFacts {
  /// Why a record cannot be used: the rejection reason.
  struct Problem: Error, Sendable {
    var reason: String
  }

  /// GitLab's user `state` values, and whether an account in each can sign in.
  static let canSignInByState: [String: Bool] = [
    "active": true,
    "blocked": false,
    "deactivated": false,
    "banned": false,
    "ldap_blocked": false,
    "blocked_pending_approval": false,
  ]

  /// GitLab's role labels by `access_level` (`Gitlab::Access`; `Minimal Access` from EE), spelt as
  /// GitLab writes them in audit events' `as`, so that snapshots and events compare equal.
  static let roleByAccessLevel: [Int: String] = [
    5: "Minimal Access",
    10: "Guest",
    15: "Planner",
    20: "Reporter",
    30: "Developer",
    40: "Maintainer",
    50: "Owner",
  ]

  /// The `accountState` claim for `state`, or the reason it is not one GitLab has.
  static func accountState(_ state: String) -> Result<StateFact.Claim, Problem> {
    guard let canSignIn = canSignInByState[state] else {
      let known = canSignInByState.keys.sorted().joined(separator: ", ")
      return .failure(Problem(reason: "unknown state '\(state)'; GitLab's states are \(known)"))
    }
    return .success(.accountState(state: state, canSignIn: canSignIn))
  }

  /// The role label for `accessLevel`, or the reason it is not one GitLab has.
  static func role(forAccessLevel accessLevel: Int) -> Result<String, Problem> {
    guard let role = roleByAccessLevel[accessLevel] else {
      let known = roleByAccessLevel.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      return .failure(
        Problem(
          reason: "unknown access_level \(accessLevel); GitLab's are \(known.joined(separator: ", "))"))
    }
    return .success(role)
  }

  /// When the snapshot was taken: `--as-of` when given, else the envelope's `exported_at`, else
  /// unknown (nil); or the reason the envelope's time cannot be read.
  static func snapshotTime(
    envelope: JSONObject?, options: DecodeOptions
  ) -> Result<Timestamp?, Problem> {
    if let time = options.snapshotTime { return .success(time) }
    guard let value = envelope?["exported_at"], !value.isNull else { return .success(nil) }
    guard let text = value.string, let time = TimestampParser.parse(text) else {
      return .failure(
        Problem(
          reason: "the export's exported_at \(value.rawText) is not a time; write it as RFC 3339 "
            + "(2026-09-30T23:59:59Z) or pass --as-of"))
    }
    return .success(time)
  }

  /// The user's id, as GitLab's user and member objects give it (`id`, a positive integer).
  static func userID(of record: JSONObject) -> Int? {
    guard let id = record["id"]?.int, id > 0 else { return nil }
    return id
  }

  /// Who a user or member object names: `gitlab.user_id`, `gitlab.username`, `email` and
  /// `display_name`, each where present.
  static func subject(of record: JSONObject, userID: Int) -> [Identifier] {
    [
      Identifier(.gitlabUserID, String(userID)),
      record["username"]?.string.flatMap { Identifier(.gitlabUsername, $0) },
      record["email"]?.string.flatMap { Identifier(.email, $0) },
      record["name"]?.string.flatMap { Identifier(.displayName, $0) },
    ].compactMap { $0 }
  }

  /// The `identityLink` fact for one identity object (`{provider, extern_uid}`), or nil when it
  /// lacks either. Its subject ties the user's strong identifiers to the `extern_uid`.
  static func identityLink(
    _ identity: JSONObject, of record: JSONObject, userID: Int, asOf: Timestamp?, source: FormatID,
    at locator: Locator
  ) -> StateFact? {
    guard let provider = identity["provider"]?.string, !provider.isEmpty,
      let externUID = identity["extern_uid"]?.scalarText.flatMap({ Identifier(.gitlabExternUID, $0) })
    else { return nil }
    let subject = subject(of: record, userID: userID).filter { $0.kind != .displayName } + [externUID]
    return StateFact(
      asOf: asOf, source: source, locator: locator, subject: subject,
      claim: .identityLink(provider: provider))
  }
}
