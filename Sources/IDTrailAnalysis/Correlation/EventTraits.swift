/// What parts one event can play in correlation, worked out once per event.
struct EventTraits: OptionSet, Sendable {
  let rawValue: UInt32

  static let leaverSignal = EventTraits(rawValue: 1 << 0)
  static let joinerSignal = EventTraits(rawValue: 1 << 1)
  static let moverSignal = EventTraits(rawValue: 1 << 2)
  static let leaverProvisioning = EventTraits(rawValue: 1 << 3)
  static let joinerProvisioning = EventTraits(rawValue: 1 << 4)
  static let moverProvisioning = EventTraits(rawValue: 1 << 5)
  static let leaverEffect = EventTraits(rawValue: 1 << 6)
  static let joinerEffect = EventTraits(rawValue: 1 << 7)
  static let moverEffect = EventTraits(rawValue: 1 << 8)
  static let driftCandidate = EventTraits(rawValue: 1 << 9)
  static let upstreamCause = EventTraits(rawValue: 1 << 10)
  static let subjectActivity = EventTraits(rawValue: 1 << 11)
  static let succeeded = EventTraits(rawValue: 1 << 12)
  /// A provisioning call (any operation).
  static let provisioningCall = EventTraits(rawValue: 1 << 13)

  static func provisioning(_ kind: Episode.Kind) -> EventTraits {
    switch kind {
    case .leaver: return .leaverProvisioning
    case .joiner: return .joinerProvisioning
    case .mover: return .moverProvisioning
    }
  }

  static func effect(_ kind: Episode.Kind) -> EventTraits {
    switch kind {
    case .leaver: return .leaverEffect
    case .joiner: return .joinerEffect
    case .mover: return .moverEffect
    }
  }
}
