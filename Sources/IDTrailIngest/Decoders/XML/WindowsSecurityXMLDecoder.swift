import Glibc
import IDTrailModel
import IDTrailXML

/// `windows.security.xml`: Windows Security events as XML: `wevtutil qe Security /f:xml` output with
/// or without a root element (a run of sibling `<Event>` elements), Event Viewer or PowerShell
/// exports in an `<Events>` root, `Get-WinEvent` `ToXml()` output, with or without `RenderingInfo`.
///
/// Account management (4720, 4722, 4725, 4726, 4738, 4740, 4767), security-group membership (4728,
/// 4729, 4732, 4733, 4756, 4757) and logons (4624, 4625) become events at the directory stage;
/// other events are skipped with their ID. A malformed event is rejected with its line, and reading
/// resumes at the next `<Event`.
public struct WindowsSecurityXMLDecoder: XMLRecordDecoding {
  public init() {}

  public let format = FormatID.windowsSecurityXML
  public let summary = "Windows Security events as XML (wevtutil /f:xml, with or without a root element)"

  static let eventNamespace = "http://schemas.microsoft.com/win/2004/08/events/event"

  /// Events sit at the top level of a `wevtutil` export or in an `<Events>` root; anything else
  /// there (a damaged `<Evnt>` tag, say) is rejected rather than passed over.
  public let reader = XMLRecordReader(
    resumeTag: "Event", isContainer: { $0.depth == 1 && $0.name == "Events" }
  ) { $0.name == "Event" }

  public func recognizes(_ sample: InputSample) -> Bool {
    guard let head = XMLSniffing.head(sample.bytes) else { return false }
    return head.contains("<Event") && head.contains(Self.eventNamespace)
  }

  public func decode(
    record: XMLRecord, at locator: Locator, options: DecodeOptions, into output: inout DecodedInput
  ) -> RecordDisposition {
    let event = record.root
    guard let system = event.child("System") else { return .rejected("the Event has no System element") }
    guard let idText = system.childText("EventID") else { return .rejected("the Event has no EventID") }
    guard let eventID = Int(idText) else { return .rejected("EventID '\(idText)' is not a number") }
    guard let kind = WindowsSecurityEventKind(rawValue: eventID) else {
      return .skipped("event ID \(eventID) is not an account-management event")
    }
    let provider = system.child("Provider")?.attribute("Name") ?? ""
    guard provider == "Microsoft-Windows-Security-Auditing" else {
      return .skipped("event ID \(eventID) from provider '\(provider)' is not a Security audit event")
    }
    guard let originalTime = system.child("TimeCreated")?.attribute("SystemTime") else {
      return .rejected("event \(eventID) has no TimeCreated SystemTime")
    }
    guard let time = TimestampParser.parse(originalTime) else {
      return .rejected("event \(eventID): TimeCreated SystemTime '\(originalTime)' is not a valid time")
    }
    let data = WindowsEventData(event.child("EventData"))
    if kind.isLogon, let reason = data.systemLogonReason {
      return .skipped(reason)
    }
    let subject = kind.subject(data, into: &output)
    guard !subject.isEmpty else {
      return .rejected("event \(eventID) names no account (no SID and no user name in EventData)")
    }
    let auditFailure = system.childText("Keywords").map(Self.isAuditFailure) ?? false
    var outcome = Outcome.success
    if kind == .logonFailed || auditFailure {
      outcome = .failure(data.failureReason ?? "audit failure")
    }
    let actor = data.actor(into: &output)
    let action = kind == .accountChanged ? data.accountChangeAction : kind.action
    let computer = system.childText("Computer")
    let recordID = system.childText("EventRecordID")
    output.emit(
      sharedLists: IdentityEvent(
        time: time, originalTime: originalTime, source: format, stage: .directory,
        nativeID: recordID.map { "windows-security:\(computer ?? "-"):\($0)" }, locator: locator,
        action: action, rawAction: String(eventID), subject: subject, actor: actor,
        resource: kind.isGroupMembership ? data.group : nil, outcome: outcome,
        channel: actor.kind == .system ? .systemJob : .unknown))
    return .decoded
  }

  /// Whether a `Keywords` value has the Audit Failure bit (0x0010000000000000).
  private static func isAuditFailure(_ keywords: String) -> Bool {
    guard keywords.hasPrefix("0x"), let value = UInt64(keywords.dropFirst(2), radix: 16) else { return false }
    return value & 0x0010_0000_0000_0000 != 0
  }
}

/// The Security event IDs idtrail reads, and what each means.
enum WindowsSecurityEventKind: Int {
  case accountCreated = 4720
  case accountEnabled = 4722
  case accountDisabled = 4725
  case accountDeleted = 4726
  case accountChanged = 4738
  case accountLockedOut = 4740
  case accountUnlocked = 4767
  case globalGroupMemberAdded = 4728
  case globalGroupMemberRemoved = 4729
  case localGroupMemberAdded = 4732
  case localGroupMemberRemoved = 4733
  case universalGroupMemberAdded = 4756
  case universalGroupMemberRemoved = 4757
  case logon = 4624
  case logonFailed = 4625

  var action: Action {
    switch self {
    case .accountCreated: return .accountCreate
    case .accountEnabled: return .accountEnable
    case .accountDisabled: return .accountDisable
    case .accountDeleted: return .accountDelete
    case .accountChanged: return .accountUpdate
    case .accountLockedOut: return .accountLock
    case .accountUnlocked: return .accountUnlock
    case .globalGroupMemberAdded, .localGroupMemberAdded, .universalGroupMemberAdded: return .groupMemberAdd
    case .globalGroupMemberRemoved, .localGroupMemberRemoved, .universalGroupMemberRemoved:
      return .groupMemberRemove
    case .logon: return .authSuccess
    case .logonFailed: return .authFailure
    }
  }

  var isGroupMembership: Bool { action == .groupMemberAdd || action == .groupMemberRemove }
  var isLogon: Bool { self == .logon || self == .logonFailed }

  /// Who the event is about: the member for group events (`TargetUserName` is the group there), the
  /// account that signed in for logons, the target account otherwise.
  func subject(_ data: WindowsEventData, into output: inout DecodedInput) -> [Identifier] {
    switch self {
    case .globalGroupMemberAdded, .globalGroupMemberRemoved, .localGroupMemberAdded, .localGroupMemberRemoved,
      .universalGroupMemberAdded, .universalGroupMemberRemoved:
      return WindowsIdentifierLists.account(sid: data[.memberSid], domain: nil, name: nil, into: &output)
    case .logon, .logonFailed:
      return WindowsIdentifierLists.account(
        sid: data[.targetUserSid], domain: data[.targetDomainName], name: data[.targetUserName],
        into: &output)
    case .accountLockedOut:
      // 4740's TargetDomainName is the caller computer's name; the domain is the (SYSTEM) subject's.
      return WindowsIdentifierLists.account(
        sid: data[.targetSid], domain: data[.subjectDomainName], name: data[.targetUserName], into: &output)
    case .accountCreated, .accountChanged:
      return WindowsIdentifierLists.account(
        sid: data[.targetSid], domain: data[.targetDomainName], name: data[.targetUserName],
        upn: data[.userPrincipalName], displayName: data[.displayName], into: &output)
    default:
      return WindowsIdentifierLists.account(
        sid: data[.targetSid], domain: data[.targetDomainName], name: data[.targetUserName], into: &output)
    }
  }
}

/// The `EventData` fields idtrail reads from a Security event, `-` (Windows' "none") read as absent.
struct WindowsEventData {
  enum Field: Int, CaseIterable {
    case targetUserName, targetDomainName, targetSid, targetUserSid, subjectUserSid, subjectUserName
    case subjectDomainName, memberSid, userPrincipalName, displayName, userAccountControl
    case oldUacValue, newUacValue, status, subStatus, failureReason

    /// The field's `Name` attribute: the case's name with its first letter upper-cased.
    var name: String {
      let text = String(describing: self)
      return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// The UTF-8 bytes of every field's name, in case order.
    static let names: [[UInt8]] = allCases.map { Array($0.name.utf8) }

    /// The field whose name is `bytes`, or nil.
    static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> Field? {
      guard let key = bytes.baseAddress else { return nil }
      for (index, name) in names.enumerated() where name.count == bytes.count {
        if name.withUnsafeBufferPointer({ $0.baseAddress.map { memcmp($0, key, bytes.count) == 0 } ?? false })
        {
          return Field(rawValue: index)
        }
      }
      return nil
    }
  }

  private var values = [String?](repeating: nil, count: Field.allCases.count)

  init(_ eventData: XMLElement?) {
    eventData?.forEachChild(keyedBy: "Name") { key, data in
      guard let field = Field.named(key) else { return }
      let value = data.trimmedText
      if !value.isEmpty && value != "-" { values[field.rawValue] = value }
    }
  }

  subscript(_ field: Field) -> String? { values[field.rawValue] }

  /// Who acted: the event's Subject. SYSTEM, LOCAL SERVICE, NETWORK SERVICE and computer accounts
  /// (`NAME$`) are the system.
  func actor(into output: inout DecodedInput) -> Actor {
    let identifiers = WindowsIdentifierLists.account(
      sid: self[.subjectUserSid], domain: self[.subjectDomainName], name: self[.subjectUserName],
      into: &output)
    if identifiers.isEmpty { return .unknown }
    let isSystem =
      WindowsEventData.isBuiltIn(sid: self[.subjectUserSid]) || self[.subjectUserName]?.hasSuffix("$") == true
    return Actor(kind: isSystem ? .system : .person, identifiers: identifiers)
  }

  /// The directory group of a membership event: `TargetDomainName\TargetUserName`.
  var group: Resource? {
    guard let name = self[.targetUserName] else { return nil }
    return Resource(kind: .directoryGroup, name: self[.targetDomainName].map { "\($0)\\\(name)" } ?? name)
  }

  /// Why a logon is not a person's: the service accounts, virtual accounts and computer accounts
  /// that sign in all day.
  var systemLogonReason: String? {
    if WindowsEventData.isBuiltIn(sid: self[.targetUserSid]) || self[.targetUserName]?.hasSuffix("$") == true
    {
      return "logon of a built-in, virtual or computer account"
    }
    return nil
  }

  /// 4625's reason: status, sub-status and the `FailureReason` token.
  var failureReason: String? {
    let parts = [
      self[.status].map { "status \($0)" }, self[.subStatus].map { "sub-status \($0)" },
      self[.failureReason].map { "reason \($0)" },
    ].compactMap { $0 }
    return parts.isEmpty ? nil : "logon failed (" + parts.joined(separator: ", ") + ")"
  }

  /// 4738: `account.disable` or `account.enable` when the account-disabled bit (0x1 in the SAM
  /// account-control values, `%%2080` added / `%%2048` removed in `UserAccountControl`) changed,
  /// `account.update` otherwise.
  var accountChangeAction: Action {
    if let old = Self.hex(self[.oldUacValue]), let new = Self.hex(self[.newUacValue]), old & 1 != new & 1 {
      return new & 1 == 1 ? .accountDisable : .accountEnable
    }
    let tokens = (self[.userAccountControl] ?? "").split(whereSeparator: { $0.isWhitespace })
    if tokens.contains("%%2080") { return .accountDisable }
    if tokens.contains("%%2048") { return .accountEnable }
    return .accountUpdate
  }

  private static func hex(_ text: String?) -> UInt64? {
    guard let text, text.hasPrefix("0x") || text.hasPrefix("0X") else { return nil }
    return UInt64(text.dropFirst(2), radix: 16)
  }

  /// SYSTEM, LOCAL SERVICE, NETWORK SERVICE, ANONYMOUS LOGON, and the Window Manager and font
  /// driver virtual accounts.
  static func isBuiltIn(sid: String?) -> Bool {
    guard let sid else { return false }
    return ["S-1-5-18", "S-1-5-19", "S-1-5-20", "S-1-5-7"].contains(sid) || sid.hasPrefix("S-1-5-90-")
      || sid.hasPrefix("S-1-5-96-")
  }
}
