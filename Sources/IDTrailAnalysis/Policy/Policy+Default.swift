import IDTrailModel

extension Policy {
  /// The default identifier mappings: GitLab stores the IdP's SCIM `externalId` as the identity's
  /// `extern_uid` and returns it as the SCIM `id` (formats-gitlab.md §7), so the two are one value.
  static let defaultMappings: [IdentifierMappingRule] = [
    try? IdentifierMappingRule(
      name: "scim-external-id-is-gitlab-extern-uid", from: .scimExternalID, match: "{id}",
      to: .gitlabExternUID, value: "{id}")
  ].compactMap { $0 }

  /// The defaults as a commented policy file; `Policy.parse(yaml: defaultYAML)` gives `default`.
  public static let defaultYAML = """
    # idtrail policy. Every key is optional: a key left out (or left empty) keeps the default
    # shown here. Times are UTC unless a time zone is named.

    # How soon GitLab access must be gone after a person's upstream deprovision (directory
    # disable, IdP deactivation or unassignment). Either a number of hours:
    leaverSLA:
      hours: 24
    # or a number of business days, counted in a time zone, skipping weekend days and holidays
    # (an episode opened on a business day is due at the same local time N business days later):
    #   leaverSLA:
    #     businessDays: 1
    #     weekendDays: [saturday, sunday]
    #     holidays: ['2026-12-25', '2026-12-26']
    #     timeZone: Europe/Berlin

    # How far apart in time the steps of one change may be.
    matchingWindows:
      # after a leaver episode opens, how long its SCIM call and GitLab effect are looked for
      leaverHours: 720
      # after a joiner episode opens, how long its SCIM create and GitLab account are looked for
      joinerHours: 720
      # after an upstream group change, how long the GitLab role change is looked for
      moverHours: 72
      # a GitLab change made by a person with no upstream event for them this long before is drift
      upstreamCauseHours: 24

    # How far apart two sources' clocks may be: a GitLab effect up to this many seconds before the
    # SCIM call that caused it still counts.
    clockSkewSeconds: 300

    # Rules deriving one identifier from another; the record that states the first joins both.
    # 'match' is the first identifier with {placeholders}; 'value' builds the second. Quote
    # patterns with single quotes so a backslash stays a backslash. Listing rules replaces the
    # default below, so keep it in your list.
    identifierMappings:
      - name: scim-external-id-is-gitlab-extern-uid
        from: scim.external_id
        match: '{id}'
        to: gitlab.extern_uid
        value: '{id}'
    # For example, Active Directory accounts to email addresses:
    #   - name: ad-account-to-email
    #     from: ad.account
    #     match: 'CORP\\{name}'
    #     to: email
    #     value: '{name}@example.com'
    # Identifier kinds: \(IdentifierKindList.text)

    # Bot and integration accounts, as 'kind:value' or a bare value of any kind; changes to them
    # are never drift and they are never leavers.
    serviceAccounts: []

    # Emergency accounts kept outside the IdP; listed for review wherever they appear.
    breakGlassAccounts: []

    # Roles that count as privileged: GitLab role labels, or 'admin' for the instance admin flag.
    privilegedRoles: [Owner, admin]

    # The GitLab namespaces (full paths) the organisation owns, subgroups and projects included.
    # Empty means every namespace.
    organisationNamespaces: []

    # IdP applications whose assignment gives GitLab access, matched by a part of their name
    # (case-insensitive). Empty means every application.
    gitlabApplications: [GitLab]

    # IdP or directory groups whose membership drives GitLab roles, matched by a part of their
    # name (case-insensitive). Empty means every group.
    accessGroups: [GitLab]

    # Activity this many hours after a leaver episode opens is still reported, marked as within
    # the offboarding grace period.
    offboardingGraceHours: 0

    # Controls. A leaver without a GitLab effect counts as incomplete once their SLA deadline plus
    # this many hours has passed by the period's end.
    leaverGraceHours: 0

    # The longest an admin impersonation session may last, in minutes.
    impersonationMaxMinutes: 60

    # How often each SCIM token must be regenerated, in days.
    scimTokenRotationDays: 90

    # How long SCIM calls may be rejected with 401 after a token rotation (the time to give the IdP
    # the new token), in hours.
    staleTokenToleranceHours: 1

    # The longest stretch of the period an input kind may leave uncovered before controls that need
    # it say 'unknown' for that stretch, in hours.
    coverageGapLimitHours: 72

    """
}
