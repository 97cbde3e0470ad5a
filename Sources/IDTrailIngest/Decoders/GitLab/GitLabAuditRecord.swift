import IDTrailModel

/// The fields of a GitLab audit event that idtrail uses, read from any of GitLab's three JSON
/// shapes: REST (`details` holds most fields), streaming (author and target repeated at the top
/// level, `event_type`) and `audit_json.log` (details merged into the top level).
///
/// Every field is looked up at the top level first, then inside `details`.
struct GitLabAuditRecord: Sendable {
  /// `id`; nil after `Extent.disposition` reading and `read(_:as:into:)`, which note `idPosition`
  /// instead.
  var id: String?
  /// Where `id` is on the tape of the object read, set only by `Extent.disposition` reading and
  /// `read(_:as:into:)`: the delivery log and the event's native id take the id's bytes from the
  /// input (`idValue(in:)`), and no string is made of the id alone.
  var idPosition: Int?
  /// `event_name`, `event_type` or `details.event_name`; nil on legacy rows.
  var eventName: String?
  /// `created_at`, or the log line's `time`.
  var createdAt: String?
  /// `createdAt` already parsed from the input's bytes: set only by `Extent.disposition` reading,
  /// which then makes no string of a time that parses (its records build no event, and a time
  /// that does not parse keeps its text for the rejection), and by `read(_:as:into:)` for a time
  /// written in UTC (`createdAtSpelling`).
  var createdAtTime: Timestamp?
  /// How `createdAt` is written, when `read(_:as:into:)` found it in UTC as the parsed time spells it
  /// again: the event keeps the spelling, and no string is made of the time.
  var createdAtSpelling: TimeSpelling?
  var authorID: Int?
  var authorName: String?
  var authorClass: String?
  var authorEmail: String?
  var entityID: String?
  var entityType: String?
  var entityPath: String?
  var targetID: String?
  var targetType: String?
  var targetDetails: String?
  /// `custom_message` when it is a string; an object-valued message is kept as its JSON text.
  var customMessage: String?
  var add: String?
  var remove: String?
  var change: String?
  var from: String?
  var to: String?
  /// The role label of a membership (`as`).
  var role: String?
  /// `with`: how a sign-in authenticated.
  var signInMethod: String?
  var failedLogin: String?
  var systemEvent = false
  var reason: String?
  var impersonatedBy: String?
  /// `updated_ref`: a legacy ref update (checked between `change` and `custom_message`).
  var updatedRef: String?
  /// `meta.user` and `meta.user_id` of an `audit_json.log` line: the request's signed-in user.
  var metaUsername: String?
  var metaUserID: Int?
  /// A person author's identifiers (`GitLabAuditNormalizer.personIdentifiers`) as a list shared
  /// through the part's `PartTables.identifierLists`: set only by `read(_:as:into:)`, which then
  /// may leave `authorName`, `authorEmail`, `metaUsername` and `metaUserID` unread (a person's
  /// event uses them only for this list).
  var authorIdentifiers: [Identifier]?
  /// The event's raw name and mapping (`GitLabAuditNormalizer.classify`), for a person's event
  /// read by `read(_:as:into:)`, which classifies it to know which fields the event uses
  /// (`Field.deferrable`): the normaliser takes it from here.
  var classification: (rawAction: String, mapping: GitLabAuditEventMapping?)?

  /// Which of the fields a person's event may do without (`Field.deferrable`) it uses.
  enum DeferrableFields {
    /// None: most events.
    case none
    /// The target and the entity's id: whom an event about a user is about, and what a group or
    /// project without a path is.
    case targets
    /// All of them: the target, the author's class, the message and the details keys that roles,
    /// flags and failures are read from.
    case all
  }

  /// How much of a record a reading fills in.
  private enum Extent {
    /// The fields of a `Field` set (`Field.everyField` for all).
    case fields(UInt64)
    /// Only what `GitLabAuditNormalizer` needs to decide a record's disposition, time and id
    /// (`decodeDisposition`). The event's name and the
    /// author's name and class are read only for authors that are not a person (a person's event
    /// counts whatever they say), and the legacy `details` keys only for such events without a
    /// type, which are classified by them.
    case disposition
  }

  /// The name GitLab streams events under when they were written without a type (legacy
  /// `AuditEventService` events); such events are classified by their details keys.
  static let untypedEventName = "audit_operation"

  /// A record with no field set.
  init() {}

  init(_ object: JSONObject) {
    var strings = StringInterner()
    var keyOrder = JSONKeyOrder()
    self = Self.read(object, strings: &strings, keyOrder: &keyOrder)
  }

  /// The record `object` holds, every field read. (A static function rather than the body of
  /// `init`, which the optimiser would copy whole on return: thirty fields, once per record.)
  ///
  /// Values that repeat from record to record come from `strings`; `keyOrder` remembers the order
  /// of the top-level members from one record to the next.
  static func read(
    _ object: JSONObject, strings: inout StringInterner, keyOrder: inout JSONKeyOrder
  ) -> GitLabAuditRecord {
    var found = Positions(repeating: -1)
    var fromTopLevel: UInt64 = 0
    let details = readTopLevel(of: object, into: &found, fromTopLevel: &fromTopLevel, keyOrder: &keyOrder)
    if let details {
      readDetails(details, into: &found, fromTopLevel: fromTopLevel)
    }
    var record = GitLabAuditRecord()
    record.fill(found, in: object, extent: .fields(Field.everyField), strings: &strings)
    return record
  }

  /// Reads the record `object` holds into `record` (a record with no field set), for building its
  /// event into `output`: `read(_:strings:keyOrder:)` with the person author's identifiers
  /// (`authorIdentifiers`) taken from the part's `PartTables.identifierListCache` by the bytes of
  /// the fields they are made from. On a hit the author's name, email and `meta.*` fields are not
  /// read at all; on a miss they are, and the list made from them is shared and cached. A person's
  /// event is classified here (`classification`), and the fields it does not use are not read.
  ///
  /// The record is filled where the caller keeps it: returned, it was copied whole (thirty
  /// fields) and the original released, once per record.
  static func read(_ object: JSONObject, as record: inout GitLabAuditRecord, into output: inout DecodedInput) {
    var found = Positions(repeating: -1)
    var fromTopLevel: UInt64 = 0
    let details = readTopLevel(
      of: object, into: &found, fromTopLevel: &fromTopLevel, keyOrder: &output.tables.keyOrder)
    if let details {
      readDetails(details, into: &found, fromTopLevel: fromTopLevel)
    }
    // The id goes to the event from the input's bytes.
    var skipped = Field.id.bit
    let idIndex = found[Field.id.rawValue]
    record.idPosition = idIndex >= 0 ? idIndex : nil
    // `author_id` is read here, once, for the person test and the list's key.
    record.authorID = value(at: found[Field.authorID.rawValue], in: object)?.int
    skipped |= Field.authorID.bit
    let authorID = record.authorID ?? 0
    // A person's list is looked up while the rest of the record is read: its slot is asked for
    // first, its key and storage halfway through, and it is looked at last, when all three have
    // come from memory (a record seldom meets the same person as the records just before it).
    if authorID > 0 {
      output.tables.identifierListCache.beginKey()
      for field in Field.personAuthorKey {
        output.tables.identifierListCache.appendField(value(at: found[field.rawValue], in: object))
      }
      output.tables.identifierListCache.prefetchSlot()
    }
    // A time in UTC goes to the event from the input's bytes too.
    if let bytes = timeBytes(at: found, in: object), let time = TimestampParser.parse(bytes),
      let spelling = TimeSpelling(utcBytes: bytes, of: time)
    {
      record.createdAtTime = time
      record.createdAtSpelling = spelling
      skipped |= Field.createdAt.bit | Field.time.bit
    }
    guard authorID > 0 else {
      record.fill(
        found, in: object, extent: .fields(Field.everyField), skipping: skipped,
        strings: &output.tables.strings)
      return
    }
    // Mutating calls only, so that the record is built in place rather than copied.
    let others = Field.everyField & ~(Field.personAuthor | skipped)
    let now = others & ~Field.deferrable
    record.fill(found, in: object, extent: .fields(now & Field.firstHalf), strings: &output.tables.strings)
    output.tables.identifierListCache.prefetchEntry()
    record.fill(found, in: object, extent: .fields(now & ~Field.firstHalf), strings: &output.tables.strings)
    // The fields few of a person's events use are read only for those that use them: making their
    // strings was half the work of filling a record.
    let later = others & Field.deferrable
    if record.eventName == nil || record.eventName == untypedEventName {
      // Classified by its details keys.
      record.fill(found, in: object, extent: .fields(later), strings: &output.tables.strings)
      record.classification = GitLabAuditNormalizer.classify(record)
    } else {
      let classification = GitLabAuditNormalizer.classify(record)
      switch GitLabAuditNormalizer.deferrableFieldsUsed(by: classification.mapping, record) {
      case .none: break
      case .targets:
        record.fill(
          found, in: object, extent: .fields(later & Field.targets), strings: &output.tables.strings)
      case .all:
        record.fill(found, in: object, extent: .fields(later), strings: &output.tables.strings)
      }
      record.classification = classification
    }
    let cached = output.tables.identifierListCache.cachedList()
    if cached == nil {
      record.fill(found, in: object, extent: .fields(Field.personAuthor), strings: &output.tables.strings)
    }
    record.setAuthorIdentifiers(cached, authorID: authorID, output: &output)
  }

  /// Sets `authorIdentifiers` to `cached`, or when that is nil to the list made from the fields
  /// read, shared and stored under the key `output.tables.identifierListCache` last missed.
  private mutating func setAuthorIdentifiers(_ cached: [Identifier]?, authorID: Int, output: inout DecodedInput) {
    if let cached {
      authorIdentifiers = cached
      return
    }
    // Read only when events are kept, so the list is always shared.
    authorIdentifiers = output.tables.cache(
      GitLabAuditNormalizer.personIdentifiers(
        id: authorID, name: authorName, email: authorEmail, metaUserID: metaUserID, metaUsername: metaUsername),
      shared: true)
  }

  /// The value at tape position `index` of `object` (found by `readTopLevel` or `readDetails`),
  /// or nil for -1.
  @inline(__always)
  private static func value(at index: Int, in object: JSONObject) -> JSONValue? {
    index >= 0 ? JSONValue(bytes: object.value.bytes, tokens: object.value.tokens, index: index) : nil
  }

  /// Decides the disposition of `object` for callers that keep no events
  /// (`DecodedInput.retainsEvents`): reads only what decides it, its time and its id
  /// (`Extent.disposition`), and counts it into `output` as `GitLabAuditNormalizer` does.
  ///
  /// Most records are a person's events, settled by the top level alone: those are counted here
  /// with no record made, whose thirty fields would each be copied and released.
  static func decodeDisposition(
    _ object: JSONObject, source: FormatID, at locator: Locator, into output: inout DecodedInput
  ) -> RecordDisposition {
    var found = Positions(repeating: -1)
    var fromTopLevel: UInt64 = 0
    let details = readTopLevel(
      of: object, into: &found, fromTopLevel: &fromTopLevel, keyOrder: &output.tables.keyOrder)
    if topLevelSettlesDisposition(found, fromTopLevel, in: object) {
      if let time = parsedTime(at: found, in: object) {
        // A person's event with an id and a time counts whatever else the record says.
        output.tally(eventAt: time, deliveryKey: value(at: found[Field.id.rawValue], in: object))
        return .decoded
      }
    } else if let details {
      readDetails(details, into: &found, fromTopLevel: fromTopLevel)
    }
    var record = GitLabAuditRecord()
    record.fill(found, in: object, extent: .disposition, strings: &output.tables.strings)
    return GitLabAuditNormalizer.normalize(
      record, source: source, at: locator, into: &output, idValue: record.idValue(in: object))
  }

  // Where the fields of one record are on the tape: one pass over the top level, then one over
  // `details`, rather than a walk per field. A field takes its top-level value when that is
  // present and not null, else the one in `details`; a key that occurs twice counts at its first
  // occurrence, as `object[key]`. Each value's place is noted in `found` (a vector, so that
  // nothing is allocated; passed `inout`, so that it is not copied); only the values a reading
  // asks for become strings.

  /// Notes where the top-level fields of `object` are, and in `fromTopLevel` which are there and
  /// not null; returns `details` when it is an object. The member order is guessed from
  /// `keyOrder`.
  @inline(__always)
  private static func readTopLevel(
    of object: JSONObject, into found: inout Positions, fromTopLevel: inout UInt64,
    keyOrder: inout JSONKeyOrder
  ) -> JSONObject? {
    var details: JSONObject?
    object.forEachMember(in: keys, order: &keyOrder) { slot, value in
      guard let field = Field(rawValue: slot) else { return }
      switch field {
      case .details: details = value.object
      case .time, .metaUser, .metaUserID: found[slot] = value.index
      default:
        guard !value.isNull else { return }
        fromTopLevel |= field.bit
        found[slot] = value.index
      }
    }
    return details
  }

  /// Notes where the fields are that `details` holds and the top level does not.
  @inline(__always)
  private static func readDetails(_ details: JSONObject, into found: inout Positions, fromTopLevel: UInt64) {
    details.forEachMember(in: keys) { slot, value in
      guard let field = Field(rawValue: slot), !field.isTopLevelOnly,
        fromTopLevel & field.bit == 0, !value.isNull
      else { return }
      found[slot] = value.index
    }
  }

  /// Whether the top level alone settles what `.disposition` reads: it has an `id`, a
  /// `created_at` and an `author_id` above 0 (a person, whose event counts whatever its name,
  /// details and author name and class say). `details` could only fill fields the normaliser does
  /// not look at before it counts such an event, so it need not be walked. (Inlined, as is
  /// `parsedTime`, so that `found` is not copied to be passed.)
  @inline(__always)
  private static func topLevelSettlesDisposition(
    _ found: Positions, _ fromTopLevel: UInt64, in object: JSONObject
  ) -> Bool {
    guard fromTopLevel & Field.settlingMask == Field.settlingMask else { return false }
    return (value(at: found[Field.authorID.rawValue], in: object)?.int ?? 0) > 0
  }

  /// The time of `created_at` (or else `time`) when it is a string written without escapes that
  /// parses, read straight from its bytes; nil otherwise.
  @inline(__always)
  private static func parsedTime(at positions: Positions, in object: JSONObject) -> Timestamp? {
    timeBytes(at: positions, in: object).flatMap(TimestampParser.parse)
  }

  /// The bytes of `created_at` (or else `time`) when it is a string written without escapes.
  @inline(__always)
  private static func timeBytes(at positions: Positions, in object: JSONObject) -> UnsafeRawBufferPointer? {
    let createdAt = positions[Field.createdAt.rawValue]
    let index = createdAt >= 0 ? createdAt : positions[Field.time.rawValue]
    guard index >= 0 else { return nil }
    let token = object.value.tokens[index]
    guard token.kind == .string, !token.isEscaped else { return nil }
    return UnsafeRawBufferPointer(rebasing: object.value.bytes[token.start..<token.end])
  }

  /// Stores the values at `positions` that `extent` asks for, but for the fields in `skipped` (a
  /// `Field` set; for `.fields` only).
  private mutating func fill(
    _ positions: Positions, in object: JSONObject, extent: Extent, skipping skipped: UInt64 = 0,
    strings: inout StringInterner
  ) {
    var time: String?
    var eventType: String?
    switch extent {
    case .fields(let fields):
      read(
        fields & ~skipped, at: positions, in: object, time: &time, eventType: &eventType, strings: &strings)
    case .disposition:
      let idIndex = positions[Field.id.rawValue]
      idPosition = idIndex >= 0 ? idIndex : nil
      createdAtTime = Self.parsedTime(at: positions, in: object)
      read(
        createdAtTime == nil ? Field.disposition : Field.dispositionAfterTime, at: positions, in: object,
        time: &time, eventType: &eventType, strings: &strings)
      if (authorID ?? 0) <= 0 {
        read(
          Field.otherAuthor, at: positions, in: object, time: &time, eventType: &eventType, strings: &strings)
        let name = eventName ?? eventType
        if name == nil || name == Self.untypedEventName {
          read(
            Field.legacyKeys, at: positions, in: object, time: &time, eventType: &eventType,
            strings: &strings)
        }
      }
    }
    if eventName == nil { eventName = eventType }
    if createdAt == nil { createdAt = time }
  }

  /// Tape positions of the values found for each `Field` (by raw value), or -1.
  private typealias Positions = SIMD32<Int>

  /// Stores the values of the `fields` (a `Field.Set`) found at `positions` (`time` and
  /// `event_type` into the arguments, which `init` merges last).
  @inline(__always)
  private mutating func read(
    _ fields: UInt64, at positions: Positions, in object: JSONObject, time: inout String?,
    eventType: inout String?, strings: inout StringInterner
  ) {
    // The places are read from memory: indexing the vector with a variable copied all of it
    // (32 values) to the stack for every field.
    withUnsafeBytes(of: positions) { raw in
      let places = raw.assumingMemoryBound(to: Int.self)
      var remaining = fields
      while remaining != 0 {
        let slot = remaining.trailingZeroBitCount
        remaining &= remaining - 1
        guard places[slot] >= 0, let field = Field(rawValue: slot) else { continue }
        let value = JSONValue(bytes: object.value.bytes, tokens: object.value.tokens, index: places[slot])
        switch field {
        // `fill` uses `time` and `event_type` only in place of a missing `created_at` or
        // `event_name`, which are read first (lower raw values), so they are not made when unused.
        case .time: if createdAt == nil { time = value.string }
        case .eventType: if eventName == nil { eventType = value.scalarText(interning: &strings) }
        default: set(field, value, strings: &strings)
        }
      }
    }
  }

  /// The members `init` reads; `details`, `time` and the `meta.*` keys only at the top level.
  private enum Field: Int, CaseIterable {
    case id, eventName, eventType, createdAt, authorID, authorName, authorClass, authorEmail
    case entityID, entityType, entityPath, targetID, targetType, targetDetails, customMessage
    case add, remove, change, from, to, role, signInMethod, failedLogin, systemEvent, reason
    case impersonatedBy, updatedRef, details, time, metaUser, metaUserID

    /// The field as a one-bit mask: sets of fields are masks, read in raw-value order (each field
    /// sets its own property, so the order changes nothing).
    @inline(__always)
    var bit: UInt64 { 1 << UInt64(rawValue) }

    static var everyField: UInt64 { (1 << UInt64(allCases.count)) - 1 }
    /// What `Extent.disposition` reads first (it notes where `id` is instead of reading it).
    static var disposition: UInt64 { createdAt.bit | time.bit | authorID.bit }
    /// What `Extent.disposition` reads next when `author_id` is not above 0: the author is then
    /// classified by these and the event by its name, while a person (id above 0) is one, and
    /// their event counts, whatever these say.
    static var otherAuthor: UInt64 {
      eventName.bit | eventType.bit | authorName.bit | authorClass.bit | systemEvent.bit
    }
    /// What a person author's identifiers are made from (`GitLabAuditNormalizer.personIdentifiers`),
    /// but for `author_id`, which is read whatever the author.
    static var personAuthor: UInt64 {
      authorName.bit | authorEmail.bit | metaUserID.bit | metaUser.bit
    }
    /// The fields before `entity_path`: about half of those a record holds.
    static var firstHalf: UInt64 { entityPath.bit - 1 }
    /// The fields a person's event may do without (`GitLabAuditNormalizer.deferrableFieldsUsed`):
    /// all but its id, name, time, author id, entity type and path and whether a job wrote it
    /// (`time` and `event_type` stand in for a missing time or name).
    static var deferrable: UInt64 {
      everyField
        & ~(id.bit | eventName.bit | eventType.bit | createdAt.bit | time.bit | authorID.bit | entityType.bit
          | entityPath.bit | systemEvent.bit | details.bit)
    }
    /// The deferrable fields `DeferrableFields.targets` names.
    static var targets: UInt64 { targetID.bit | targetType.bit | targetDetails.bit | entityID.bit }
    /// The fields whose values, as written, key a person author's identifiers.
    static let personAuthorKey: [Field] = [.authorID, .authorName, .authorEmail, .metaUserID, .metaUser]
    /// The top-level fields that, with a person as author, settle a record's disposition.
    static var settlingMask: UInt64 { id.bit | createdAt.bit | authorID.bit }
    /// `disposition` once the time is parsed.
    static var dispositionAfterTime: UInt64 { disposition & ~(createdAt.bit | time.bit) }
    /// The `details` keys that classify an event without a type.
    static var legacyKeys: UInt64 {
      signInMethod.bit | add.bit | remove.bit | failedLogin.bit | change.bit | updatedRef.bit
        | customMessage.bit
    }

    var isTopLevelOnly: Bool {
      switch self {
      case .details, .time, .metaUser, .metaUserID: true
      default: false
      }
    }

    var key: StaticString {
      switch self {
      case .id: "id"
      case .eventName: "event_name"
      case .eventType: "event_type"
      case .createdAt: "created_at"
      case .authorID: "author_id"
      case .authorName: "author_name"
      case .authorClass: "author_class"
      case .authorEmail: "author_email"
      case .entityID: "entity_id"
      case .entityType: "entity_type"
      case .entityPath: "entity_path"
      case .targetID: "target_id"
      case .targetType: "target_type"
      case .targetDetails: "target_details"
      case .customMessage: "custom_message"
      case .add: "add"
      case .remove: "remove"
      case .change: "change"
      case .from: "from"
      case .to: "to"
      case .role: "as"
      case .signInMethod: "with"
      case .failedLogin: "failed_login"
      case .systemEvent: "system_event"
      case .reason: "reason"
      case .impersonatedBy: "impersonated_by"
      case .updatedRef: "updated_ref"
      case .details: "details"
      case .time: "time"
      case .metaUser: "meta.user"
      case .metaUserID: "meta.user_id"
      }
    }
  }

  /// The member names of `Field`, each at its raw value.
  private static let keys: JSONKeyTable = {
    precondition(
      Field.allCases.count <= Positions.scalarCount, "GitLabAuditRecord.Positions holds too few fields")
    return JSONKeyTable(Field.allCases.map(\.key))
  }()

  /// Stores the non-null `value` of `field`; values that tend to repeat (names, emails, paths,
  /// messages, roles) come from `strings`, ids and times do not.
  private mutating func set(_ field: Field, _ value: JSONValue, strings: inout StringInterner) {
    switch field {
    case .id: id = value.scalarText
    case .eventName: eventName = value.scalarText(interning: &strings)
    case .createdAt: createdAt = value.scalarText
    case .authorID: authorID = value.int
    case .authorName: authorName = value.scalarText(interning: &strings)
    case .authorClass: authorClass = value.scalarText(interning: &strings)
    case .authorEmail: authorEmail = value.scalarText(interning: &strings)
    case .entityID: entityID = value.scalarText
    case .entityType: entityType = value.scalarText(interning: &strings)
    case .entityPath: entityPath = value.scalarText(interning: &strings)
    case .targetID: targetID = value.scalarText
    case .targetType: targetType = value.scalarText(interning: &strings)
    case .targetDetails: targetDetails = value.scalarText(interning: &strings)
    // An object-valued message is kept as its JSON text.
    case .customMessage:
      customMessage =
        value.kind == .string ? value.scalarText(interning: &strings) : value.rawText(interning: &strings)
    case .add: add = value.scalarText(interning: &strings)
    case .remove: remove = value.scalarText(interning: &strings)
    case .change: change = value.scalarText(interning: &strings)
    case .from: from = value.scalarText(interning: &strings)
    case .to: to = value.scalarText(interning: &strings)
    case .role: role = value.scalarText(interning: &strings)
    case .signInMethod: signInMethod = value.scalarText(interning: &strings)
    case .failedLogin: failedLogin = value.scalarText(interning: &strings)
    case .systemEvent: systemEvent = value.bool ?? false
    case .reason: reason = value.scalarText(interning: &strings)
    case .impersonatedBy: impersonatedBy = value.scalarText(interning: &strings)
    case .updatedRef: updatedRef = value.scalarText(interning: &strings)
    case .metaUser: metaUsername = value.string
    case .metaUserID: metaUserID = value.int
    case .eventType, .details, .time: break
    }
  }

  /// The `id` value that `Extent.disposition` reading of `object` found, or nil when there is none.
  func idValue(in object: JSONObject) -> JSONValue? {
    idPosition.flatMap { Self.value(at: $0, in: object) }
  }

  /// Whether the record has the fields every shape of GitLab audit event carries.
  static func looksLikeAuditEvent(_ object: JSONObject) -> Bool {
    object.contains("author_id") && object.contains("entity_type")
  }
}
