import IDTrailModel

/// Globex's Entra ID: directory audits, provisioning logs, and the SCIM traffic to GitLab that
/// the reverse proxy captured as HAR.
extension TimelineBuilder {
  /// The Globex administrator that Entra audits name as initiator.
  static let globexAdminUPN = "it-admin@globex.example"

  /// A `directoryAudit` record.
  mutating func entraAudit(
    _ time: Timestamp, activity: String, category: String, operation: String, person: SamplePerson,
    modified: [(String, String, String)], group: Bool = false
  ) {
    var targets: [JSONText] = []
    if group {
      targets.append(
        .object([
          ("id", .string(organisation.systems.entraGroupID)), ("displayName", .string("GitLab Users")),
          ("type", .string("Group")), ("userPrincipalName", .null), ("groupType", .string("azureAD")),
          ("modifiedProperties", .array([])),
        ]))
    }
    targets.append(
      .object([
        ("id", .string(person.entraObjectID ?? "")), ("displayName", .null), ("type", .string("User")),
        ("userPrincipalName", .string(person.email)), ("groupType", .null),
        (
          "modifiedProperties",
          .array(
            modified.map {
              .object([
                ("displayName", .string($0.0)), ("oldValue", .string($0.1)), ("newValue", .string($0.2)),
              ])
            })
        ),
      ]))
    let record: JSONText = .object([
      (
        "id",
        .string(
          "Directory_" + random.uuid() + "_" + random.string(5, from: SampleRandom.base62) + "_"
            + String(random.int(10_000_000...99_999_999)))
      ),
      ("category", .string(category)), ("correlationId", .string(random.uuid())),
      ("result", .string("success")),
      ("resultReason", .string("")), ("activityDisplayName", .string(activity)),
      ("activityDateTime", .string(TimeText.iso(time, digits: 7))),
      ("loggedByService", .string("Core Directory")),
      ("operationType", .string(operation)),
      (
        "initiatedBy",
        .object([
          (
            "user",
            .object([
              ("id", .string(organisation.systems.entraAdminID)), ("displayName", .null),
              ("userPrincipalName", .string(Self.globexAdminUPN)), ("ipAddress", .string("203.0.113.90")),
              ("userType", .null), ("homeTenantId", .null), ("homeTenantName", .null),
            ])
          ),
          ("app", .null),
        ])
      ),
      ("targetResources", .array(targets)),
      ("additionalDetails", .array([.object([("key", .string("UserType")), ("value", .string("Member"))])])),
    ])
    timeline.entraAudit.append(TimedRecord(time: time, sequence: timeline.nextSequence(), json: record))
  }

  /// A provisioning cycle's change for one person: the Graph record, the SCIM call GitLab logged,
  /// and the same call in the proxy's HAR capture.
  ///
  /// - Parameters:
  ///   - action: `create`, `update`, `disable` or `delete`.
  ///   - status: the HTTP status GitLab answered.
  mutating func entraProvision(
    _ time: Timestamp, action: String, person: SamplePerson, status: Int,
    modified: [(String, String?, String)],
    scimParams: [(String, JSONText)], scimBody: JSONText?
  ) {
    let failed = status >= 400
    let duration = random.int(400...2_600)
    let gitlabTime = gitlabClock(time.plus(milliseconds: -duration / 2))
    let method: String
    switch action {
    case "create": method = "POST"
    case "delete": method = "DELETE"
    default: method = "PATCH"
    }
    let externUID = action == "create" ? nil : person.externUID
    scimRequest(
      gitlabTime, method: method, externUID: externUID, status: status, params: scimParams,
      ip: organisation.systems.entraSCIMAddress, userAgent: "Microsoft.Identity.Provisioning")
    harEntry(
      gitlabTime.plus(milliseconds: -random.int(60...200)), method: method, person: person, status: status,
      body: scimBody)
    let verb =
      ["create": "created", "update": "updated", "disable": "updated", "delete": "deleted"][action] ?? action
    var steps: [JSONText] = [
      step(
        "EntryImport" + (action == "create" ? "Add" : "Update"), "import", "success",
        "Received User '\(person.email)' change of type (\(action == "create" ? "Add" : "Update")) "
          + "from Azure Active Directory",
        [:]),
      step(
        "EntrySynchronizationScoping", "scoping", "success",
        "Determined that User '\(person.email)' is in scope", [:]),
      step(
        "EntryExport" + (action == "create" ? "Add" : "Update"), "export", failed ? "failure" : "success",
        failed
          ? "Failed to \(action == "create" ? "create" : "update") User '\(person.email)' in GitLab"
          : "User '\(person.email)' was \(verb) in GitLab",
        ["ReportableIdentifier": person.email]),
    ]
    if action == "create" {
      steps.insert(
        step(
          "EntrySynchronizationAdd", "matching", "success",
          "User '\(person.email)' will be created in GitLab (User is active and assigned in Azure Active "
            + "Directory, but no matching User was found in GitLab)",
          [:]), at: 2)
    }
    let errorInformation: JSONText =
      failed
      ? .object([
        ("errorCode", .string("SystemForCrossDomainIdentityManagementBadResponse")),
        ("errorCategory", .string("nonServiceFailure")),
        (
          "reason",
          .string(
            "Message: GitLab returned an error response with the HTTP status code \(status). The service "
              + "encountered an internal error; the operation will be retried in the next cycle."
          )
        ),
        ("additionalDetails", .null),
        (
          "recommendedAction",
          .string("Check the health of the GitLab SCIM endpoint, then restart provisioning.")
        ),
      ]) : .null
    let record: JSONText = .object([
      ("id", .string(random.uuid())), ("activityDateTime", .string(TimeText.iso(time, digits: 0))),
      ("tenantId", .string(organisation.systems.entraTenantID)),
      ("jobId", .string(organisation.systems.entraJobID)),
      ("cycleId", .string(random.uuid())), ("changeId", .string(random.uuid())),
      ("provisioningAction", .string(action)), ("durationInMilliseconds", .int(duration)),
      (
        "sourceSystem",
        .object([
          ("id", .string("0404601d-a9c0-4ec7-bbcd-02660120d8c9")),
          ("displayName", .string("Azure Active Directory")),
          ("details", .object([])),
        ])
      ),
      (
        "targetSystem",
        .object([
          ("id", .string(organisation.systems.entraApplicationID)), ("displayName", .string("GitLab")),
          (
            "details",
            .object([
              ("ApplicationId", .string(organisation.systems.entraApplicationID)),
              ("ServicePrincipalId", .string(organisation.systems.entraServicePrincipalID)),
              ("ServicePrincipalDisplayName", .string("GitLab")),
            ])
          ),
        ])
      ),
      (
        "initiatedBy",
        .object([
          ("id", .string("")), ("displayName", .string("Azure AD Provisioning Service")),
          ("initiatorType", .string("system")),
        ])
      ),
      (
        "servicePrincipal",
        .object([
          ("id", .string(organisation.systems.entraServicePrincipalID)), ("displayName", .string("GitLab")),
        ])
      ),
      (
        "sourceIdentity",
        .object([
          ("id", .string(person.entraObjectID ?? "")), ("displayName", .string(person.displayName)),
          ("identityType", .string("User")), ("details", .object([])),
        ])
      ),
      (
        "targetIdentity",
        .object([
          ("id", .string(action == "create" && failed ? "" : person.externUID)),
          ("displayName", .string(person.username)),
          ("identityType", .string("urn:ietf:params:scim:schemas:core:2.0:User")), ("details", .object([])),
        ])
      ),
      (
        "provisioningStatusInfo",
        .object([("status", .string(failed ? "failure" : "success")), ("errorInformation", errorInformation)])
      ),
      ("provisioningSteps", .array(steps)),
      (
        "modifiedProperties",
        .array(
          modified.map {
            .object([
              ("displayName", .string($0.0)), ("oldValue", .optional($0.1)), ("newValue", .string($0.2)),
            ])
          })
      ),
    ])
    timeline.entraProvisioning.append(
      TimedRecord(time: time, sequence: timeline.nextSequence(), json: record))
  }

  private func step(
    _ name: String, _ type: String, _ status: String, _ description: String, _ details: [String: String]
  )
    -> JSONText
  {
    .object([
      ("name", .string(name)), ("provisioningStepType", .string(type)), ("status", .string(status)),
      ("description", .string(description)),
      ("details", .object(details.keys.sorted().map { ($0, .string(details[$0] ?? "")) })),
    ])
  }

  /// The SCIM resource GitLab returns for a person (GitLab's newer entity shape).
  static func scimUserResource(_ person: SamplePerson) -> JSONText {
    .object([
      ("schemas", .array([.string("urn:ietf:params:scim:schemas:core:2.0:User")])),
      ("id", .string(person.externUID)), ("active", .bool(true)),
      (
        "emails",
        .array([
          .object([("type", .string("work")), ("value", .string(person.email)), ("primary", .bool(true))])
        ])
      ),
      (
        "name",
        .object([
          ("formatted", .string(person.displayName)), ("givenName", .string(person.givenName)),
          ("familyName", .string(person.familyName)),
        ])
      ),
      ("meta", .object([("resourceType", .string("User"))])), ("userName", .string(person.username)),
    ])
  }

  /// One SCIM exchange between Entra and GitLab, as the proxy's HAR capture holds it.
  mutating func harEntry(
    _ time: Timestamp, method: String, person: SamplePerson, status: Int, body: JSONText?
  ) {
    let host = organisation.systems.gitlabHost
    let path =
      method == "POST"
      ? "/api/scim/v2/application/Users" : "/api/scim/v2/application/Users/\(person.externUID)"
    let wait = random.int(90...600)
    var request: [(String, JSONText)] = [
      ("method", .string(method)), ("url", .string("https://\(host)\(path)")),
      ("httpVersion", .string("HTTP/1.1")),
      ("cookies", .array([])),
      (
        "headers",
        .array(
          [
            ("Host", host), ("Authorization", "Bearer SAMPLE-SCIM-TOKEN-not-a-secret"),
            ("Content-Type", "application/scim+json"), ("Accept", "application/scim+json"),
            ("User-Agent", "Microsoft.Identity.Provisioning"),
          ].map { .object([("name", .string($0.0)), ("value", .string($0.1))]) })
      ),
      ("queryString", .array([])),
    ]
    var requestSize = 0
    if let body {
      let text = body.compact
      requestSize = text.utf8.count
      request.append(
        ("postData", .object([("mimeType", .string("application/scim+json")), ("text", .string(text))])))
    }
    request += [("headersSize", .int(-1)), ("bodySize", .int(requestSize))]
    var responseText: String?
    let statusText: String
    switch status {
    case 201:
      responseText = Self.scimUserResource(person).compact
      statusText = "Created"
    case 204: statusText = "No Content"
    case 401: statusText = "Unauthorized"
    default:
      statusText = status == 500 ? "Internal Server Error" : "Error"
      responseText = JSONText.object([("message", .string("\(status) \(statusText)"))]).compact
    }
    var content: [(String, JSONText)] = [
      ("size", .int(responseText?.utf8.count ?? 0)), ("mimeType", .string("application/scim+json")),
    ]
    if let responseText { content.append(("text", .string(responseText))) }
    let response: JSONText = .object([
      ("status", .int(status)), ("statusText", .string(statusText)), ("httpVersion", .string("HTTP/1.1")),
      ("cookies", .array([])),
      (
        "headers",
        .array(
          [("Content-Type", "application/scim+json; charset=utf-8"), ("X-Request-Id", correlationID())].map {
            .object([("name", .string($0.0)), ("value", .string($0.1))])
          })
      ),
      ("content", .object(content)), ("redirectURL", .string("")), ("headersSize", .int(-1)),
      ("bodySize", .int(responseText?.utf8.count ?? 0)),
    ])
    let entry: JSONText = .object([
      ("startedDateTime", .string(TimeText.milliseconds(time))), ("time", .int(wait + 3)),
      ("request", .object(request)), ("response", response), ("cache", .object([])),
      ("timings", .object([("send", .int(1)), ("wait", .int(wait)), ("receive", .int(2))])),
    ])
    timeline.har.append(TimedRecord(time: time, sequence: timeline.nextSequence(), json: entry))
  }
}
