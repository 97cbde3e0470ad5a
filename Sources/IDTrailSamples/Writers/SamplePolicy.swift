/// `policy.yaml` of a generated sample: the policy the ground truth assumes, in idtrail's policy
/// file format (the documented defaults, plus this organisation's namespaces and the mapping from
/// Acme's Active Directory accounts to email addresses).
enum SamplePolicy {
  static let yaml = """
    # Policy for the generated sample organisation (see README.md). Keys left out keep idtrail's
    # documented defaults; the values below are the ones ground-truth.json assumes.

    leaverSLA:
      hours: 24

    clockSkewSeconds: 300

    identifierMappings:
      - name: scim-external-id-is-gitlab-extern-uid
        from: scim.external_id
        match: '{id}'
        to: gitlab.extern_uid
        value: '{id}'
      # Acme's sAMAccountName is the local part of the work email.
      - name: acme-ad-account-to-email
        from: ad.account
        match: 'ACME\\{name}'
        to: email
        value: '{name}@acme.example'

    privilegedRoles: [Owner, admin]

    # Group SCIM provisions these two top-level groups; their subgroups are included.
    organisationNamespaces: [acme, globex]

    scimTokenRotationDays: 90

    coverageGapLimitHours: 72

    """
}
