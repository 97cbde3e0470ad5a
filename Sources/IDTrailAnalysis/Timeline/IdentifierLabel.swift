import IDTrailModel

/// Short labels for people and actors in timelines.
enum IdentifierLabel {
  /// Names people recognise first; opaque ids last.
  private static let preference: [IdentifierKind] = [
    .email, .gitlabUsername, .upn, .googleEmail, .adAccount, .displayName, .gitlabUserID, .oktaUserID,
    .entraObjectID, .scimExternalID, .gitlabExternUID, .adSID,
  ]

  /// The identifier a reader recognises first, by kind preference.
  static func best(_ identifiers: [Identifier]) -> String? {
    for kind in preference {
      if let match = identifiers.filter({ $0.kind == kind }).min() { return match.value }
    }
    return nil
  }

  /// An actor as one cell: the person's best identifier, or the kind of system.
  static func actor(_ actor: Actor) -> String {
    switch actor.kind {
    case .person: return best(actor.identifiers) ?? "(person)"
    case .system: return "(system)"
    case .provisioningClient:
      return best(actor.identifiers).map { "(provisioning) \($0)" } ?? "(provisioning)"
    case .unauthenticated:
      return best(actor.identifiers).map { "(unauthenticated) \($0)" } ?? "(unauthenticated)"
    case .deployToken: return "(deploy token)"
    case .deployKey: return "(deploy key)"
    case .unknown: return "(unknown)"
    }
  }

  /// An event's action, with the operation for provisioning calls (`provision.request deactivate`).
  static func action(_ event: IdentityEvent) -> String {
    event.provisioning.map { "\(event.action.rawValue) \($0.rawValue)" } ?? event.action.rawValue
  }

  /// A role change as `before->after`, with `-` for a side the source leaves out.
  static func role(_ role: RoleChange?) -> String {
    guard let role, role.before != nil || role.after != nil else { return "-" }
    return (role.before ?? "") + "->" + (role.after ?? "")
  }

  /// An outcome as `success`, `failure` or `failure 503`.
  static func outcome(_ outcome: Outcome) -> String {
    guard !outcome.succeeded else { return "success" }
    return outcome.httpStatus.map { "failure \($0)" } ?? "failure"
  }

  /// Seconds as `97202 s (1d 3h 0m 2s)`, or `-` for nil.
  static func duration(_ seconds: Double?) -> String {
    guard let seconds else { return "-" }
    var text = "\(self.seconds(seconds)) s"
    let magnitude = Int64(abs(seconds))
    if magnitude >= 60 {
      let (days, hours, minutes, rest) = (
        magnitude / 86_400, magnitude % 86_400 / 3600, magnitude % 3600 / 60, magnitude % 60
      )
      let parts =
        days > 0
        ? "\(days)d \(hours)h \(minutes)m \(rest)s"
        : hours > 0 ? "\(hours)h \(minutes)m \(rest)s" : "\(minutes)m \(rest)s"
      text += " (\(seconds < 0 ? "-" : "")\(parts))"
    }
    return text
  }

  /// Seconds as a whole number, or with milliseconds when there is a fraction (`0.250`).
  static func seconds(_ value: Double) -> String {
    let milliseconds = Int64((value * 1000).rounded())
    guard milliseconds % 1000 != 0 else { return String(milliseconds / 1000) }
    let fraction = String(abs(milliseconds % 1000))
    let sign = milliseconds < 0 && milliseconds / 1000 == 0 ? "-" : ""
    return sign + String(milliseconds / 1000) + "." + String(repeating: "0", count: 3 - fraction.count)
      + fraction
  }
}
