/// Every control, one line each, sorted by id. A test checks that the ids are unique and sorted
/// and that every `*Control.swift` file under `Controls/` is listed here.
public enum ControlRegistry {
  public static let all: [any Control.Type] = [
    EvidenceCoverageControl.self,  // evidence-coverage
    ImpersonationControl.self,  // impersonation
    LeaverIncompleteControl.self,  // leaver-incomplete
    LeaverSLAControl.self,  // leaver-sla
    ManualAccessChangeControl.self,  // manual-access-change
    MFAWeakenedControl.self,  // mfa-weakened
    OrphanAccountControl.self,  // orphan-account
    PostTerminationActivityControl.self,  // post-termination-activity
    PrivilegedAccessControl.self,  // privileged-access
    ProvisioningFailureControl.self,  // provisioning-failure
    SCIMTokenRotationControl.self,  // scim-token-rotation
    TokenHygieneControl.self,  // token-hygiene
    UnmanagedProvisioningControl.self,  // unmanaged-provisioning
  ]

  /// The control with this id.
  ///
  /// - Throws: `UnknownControlError` listing the valid ids.
  public static func control(id: String) throws(UnknownControlError) -> any Control.Type {
    var valid: [String] = []
    for control in all {
      let description = control.description
      if description.id == id { return control }
      valid.append(description.id)
    }
    throw UnknownControlError(id: id, valid: valid)
  }
}

/// A control id that names no control.
public struct UnknownControlError: Error, Sendable, Equatable, CustomStringConvertible {
  public var id: String
  public var valid: [String]

  public var description: String {
    "no control has the id '\(id)'; valid ids: \(valid.joined(separator: ", "))"
  }
}
