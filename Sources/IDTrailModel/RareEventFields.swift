/// The fields of an `IdentityEvent` that few events have, in one box: an event without any of
/// them carries only a null reference (8 bytes instead of 80).
///
/// Always `.none` when every field is nil, so that equal events compare and hash equal.
@usableFromInline enum RareEventFields: Sendable, Hashable {
  case none
  indirect case some(Values)

  @usableFromInline struct Values: Sendable, Hashable {
    @usableFromInline var provisioning: ProvisioningOperation?
    @usableFromInline var role: RoleChange?
    @usableFromInline var reason: String?
    @usableFromInline var httpStatus: Int?

    @inlinable init(
      provisioning: ProvisioningOperation? = nil, role: RoleChange? = nil, reason: String? = nil,
      httpStatus: Int? = nil
    ) {
      self.provisioning = provisioning
      self.role = role
      self.reason = reason
      self.httpStatus = httpStatus
    }

    @inlinable var isEmpty: Bool { provisioning == nil && role == nil && reason == nil && httpStatus == nil }
  }

  @inlinable init(
    provisioning: ProvisioningOperation?, role: RoleChange?, reason: String?, httpStatus: Int?
  ) {
    // Most events have none of these: no `Values` is made (and copied) to find that out.
    guard provisioning != nil || role != nil || reason != nil || httpStatus != nil else {
      self = .none
      return
    }
    self = .some(Values(provisioning: provisioning, role: role, reason: reason, httpStatus: httpStatus))
  }

  @inlinable init(_ values: Values) {
    self = values.isEmpty ? .none : .some(values)
  }

  @inlinable var values: Values {
    get {
      switch self {
      case .none: Values()
      case .some(let values): values
      }
    }
    set { self = RareEventFields(newValue) }
  }

  @inlinable var provisioning: ProvisioningOperation? {
    get {
      guard case .some(let values) = self else { return nil }
      return values.provisioning
    }
    set { values.provisioning = newValue }
  }

  @inlinable var role: RoleChange? {
    get {
      guard case .some(let values) = self else { return nil }
      return values.role
    }
    set { values.role = newValue }
  }

  @inlinable var reason: String? {
    get {
      guard case .some(let values) = self else { return nil }
      return values.reason
    }
    set { values.reason = newValue }
  }

  @inlinable var httpStatus: Int? {
    get {
      guard case .some(let values) = self else { return nil }
      return values.httpStatus
    }
    set { values.httpStatus = newValue }
  }
}
