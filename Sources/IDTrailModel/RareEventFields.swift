/// The fields of an `IdentityEvent` that few events have, in one box: an event without any of
/// them carries only a null reference (8 bytes instead of 80).
///
/// Always `.none` when every field is nil, so that equal events compare and hash equal.
enum RareEventFields: Sendable, Hashable {
  case none
  indirect case some(Values)

  struct Values: Sendable, Hashable {
    var provisioning: ProvisioningOperation?
    var role: RoleChange?
    var reason: String?
    var httpStatus: Int?

    var isEmpty: Bool { provisioning == nil && role == nil && reason == nil && httpStatus == nil }
  }

  init(provisioning: ProvisioningOperation?, role: RoleChange?, reason: String?, httpStatus: Int?) {
    self.init(Values(provisioning: provisioning, role: role, reason: reason, httpStatus: httpStatus))
  }

  private init(_ values: Values) {
    self = values.isEmpty ? .none : .some(values)
  }

  private var values: Values {
    get {
      switch self {
      case .none: Values()
      case .some(let values): values
      }
    }
    set { self = RareEventFields(newValue) }
  }

  var provisioning: ProvisioningOperation? {
    get { values.provisioning }
    set { values.provisioning = newValue }
  }

  var role: RoleChange? {
    get { values.role }
    set { values.role = newValue }
  }

  var reason: String? {
    get { values.reason }
    set { values.reason = newValue }
  }

  var httpStatus: Int? {
    get { values.httpStatus }
    set { values.httpStatus = newValue }
  }
}
