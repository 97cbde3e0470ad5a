import IDTrailModel

/// What a SCIM PatchOp body asks for, after the vendor variants of `formats-idp.md` §1.5 are
/// normalised.
///
/// Accepted variants: `op` in any case (`Replace`, Entra), `active` as `"True"`/`"False"` strings
/// (Entra without `aadOptscim062020`), path-less operations whose `value` object names the attributes
/// (Okta's `{"op":"replace","value":{"active":false}}`, Entra's dotted and URN-qualified keys), `Remove`
/// on `members` with a value list (Entra legacy) as well as the RFC's `members[value eq "…"]` filter,
/// and `replace` of the whole member list (Okta's full push). Operations named anything else
/// (`"Update"`) are counted and ignored, as GitLab ignores them. `Operations` may be spelled
/// `operations`.
struct SCIMPatchRequest: Sendable, Equatable {
  /// A group member named by an operation.
  struct Member: Sendable, Hashable {
    /// The member's id at the service provider (`value`).
    var value: String?
    /// `display`, which Okta fills with the user's login.
    var display: String?
  }

  /// The last value the operations set `active` to, if any set it.
  var active: Bool?
  /// The other attribute paths the operations change, in order.
  var changedAttributes: [String] = []
  var addedMembers: [Member] = []
  var removedMembers: [Member] = []
  /// A `remove` of `members` with neither a filter nor a value list: every member goes.
  var removesAllMembers = false
  /// A `replace` of `members`: the complete new member list.
  var replacedMembers: [Member]?
  /// Operations whose `op` is not add, replace or remove.
  var ignoredOperations = 0

  /// The operation asked of a User: deprovision when `active` goes false, reprovision when it goes
  /// true, an update otherwise.
  var userOperation: ProvisioningOperation {
    switch active {
    case false?: return .deactivate
    case true?: return .reactivate
    case nil: return .update
    }
  }

  /// Whether the operations name any group member.
  var namesMembers: Bool {
    !addedMembers.isEmpty || !removedMembers.isEmpty || !(replacedMembers?.isEmpty ?? true)
  }

  /// Reads the `Operations` of a PatchOp body or of GitLab's logged params.
  ///
  /// - Throws: a problem naming the operation (`Operations[2]`) when a field has the wrong type.
  init(_ attributes: SCIMAttributes) throws(RecordProblem) {
    guard let operations = attributes["Operations"] ?? attributes["operations"], !operations.isNull else {
      throw RecordProblem("the PatchOp has no Operations")
    }
    try self.init(operations: operations)
  }

  /// Reads an `Operations` array; a string holding JSON text (as some logs write it) is parsed first.
  init(operations: JSONValue) throws(RecordProblem) {
    if let text = operations.string {
      let parsed = SCIMBodyParser.withValue(text) { result -> Result<SCIMPatchRequest, RecordProblem> in
        switch result {
        case .failure(let error):
          return .failure(RecordProblem("Operations is a string that is not JSON (\(error))"))
        case .success(let value):
          do throws(RecordProblem) {
            return .success(try SCIMPatchRequest(operationsArray: value))
          } catch {
            return .failure(error)
          }
        }
      }
      self = try parsed.get()
    } else {
      try self.init(operationsArray: operations)
    }
  }

  private init(operationsArray operations: JSONValue) throws(RecordProblem) {
    guard let list = operations.array else {
      throw .wrongType("Operations", is: operations, expected: "an array")
    }
    var index = 0
    for element in list {
      let label = "Operations[\(index)]"
      index += 1
      guard let operation = element.object else {
        throw .wrongType(label, is: element, expected: "an object")
      }
      guard let opValue = operation["op"], !opValue.isNull else {
        throw RecordProblem("\(label) has no op")
      }
      guard let op = opValue.string else {
        throw .wrongType("\(label).op", is: opValue, expected: "a string")
      }
      let verb = op.lowercased()
      guard verb == "add" || verb == "replace" || verb == "remove" else {
        ignoredOperations += 1
        continue
      }
      let value = operation["value"].flatMap { $0.isNull ? nil : $0 }
      if let pathValue = operation["path"], !pathValue.isNull {
        guard let path = pathValue.string else {
          throw .wrongType("\(label).path", is: pathValue, expected: "a string")
        }
        try apply(verb, path: path, value: value, label: label)
      } else if let fields = value?.object {
        // Path-less: each key of the value object is an attribute path.
        var failure: RecordProblem?
        fields.forEachMember { key, member in
          guard failure == nil else { return }
          do throws(RecordProblem) {
            try apply(verb, path: key, value: member.isNull ? nil : member, label: "\(label).value.\(key)")
          } catch {
            failure = error
          }
        }
        if let failure { throw failure }
      } else {
        // Neither a path nor an attribute object: the operation changes nothing nameable.
        ignoredOperations += 1
      }
    }
  }

  private mutating func apply(
    _ verb: String, path: String, value: JSONValue?, label: String
  ) throws(RecordProblem) {
    let lowered = path.lowercased()
    if lowered == "active" {
      guard verb != "remove" else {
        changedAttributes.append(path)
        return
      }
      guard let value, let flag = value.bool else {
        throw RecordProblem(
          "\(label) sets active to \(value.map(RecordProblem.shortDescription) ?? "nothing"), not a boolean")
      }
      active = flag
    } else if lowered == "members" {
      switch verb {
      case "remove":
        if let value {
          removedMembers += try Self.members(value, label: label)
        } else {
          removesAllMembers = true
        }
      case "replace":
        if let value {
          replacedMembers = try Self.members(value, label: label)
        } else {
          replacedMembers = []
        }
      default:
        guard let value else { throw RecordProblem("\(label) adds members without a value") }
        addedMembers += try Self.members(value, label: label)
      }
    } else if verb == "remove", let filter = SCIMEqualityFilter(valuePath: path, on: "members"),
      filter.attribute.lowercased() == "value"
    {
      removedMembers.append(Member(value: filter.value, display: nil))
    } else {
      changedAttributes.append(path)
    }
  }

  /// The members of a `members` value: an array of `{value, display}` objects.
  private static func members(_ value: JSONValue, label: String) throws(RecordProblem) -> [Member] {
    guard let list = value.array else {
      throw .wrongType("\(label).value", is: value, expected: "an array of members")
    }
    var members: [Member] = []
    for element in list {
      guard let member = element.object else {
        throw .wrongType("\(label).value[]", is: element, expected: "a member object")
      }
      members.append(Member(value: member["value"]?.scalarText, display: member["display"]?.string))
    }
    return members
  }
}
