import IDTrailModel

extension Policy {
  /// The policy as applied, as flat key-and-text pairs for reports (`report.json` `policy`).
  ///
  /// Keys are the policy file's, with nested ones joined by dots (`matchingWindows.leaverHours`);
  /// lists are joined with `, ` and are empty text when empty.
  public var summary: [String: String] {
    let number = LeaverSLA.number
    return [
      "leaverSLA": leaverSLA.description,
      "matchingWindows.leaverHours": number(matchingWindows.leaverHours),
      "matchingWindows.joinerHours": number(matchingWindows.joinerHours),
      "matchingWindows.moverHours": number(matchingWindows.moverHours),
      "matchingWindows.upstreamCauseHours": number(matchingWindows.upstreamCauseHours),
      "clockSkewSeconds": number(clockSkewSeconds),
      "identifierMappings": identifierMappings.map {
        "\($0.name): \($0.from.rawValue) '\($0.match)' -> \($0.to.rawValue) '\($0.value)'"
      }.joined(separator: ", "),
      "serviceAccounts": serviceAccounts.map(\.description).joined(separator: ", "),
      "breakGlassAccounts": breakGlassAccounts.map(\.description).joined(separator: ", "),
      "privilegedRoles": privilegedRoles.joined(separator: ", "),
      "organisationNamespaces": organisationNamespaces.joined(separator: ", "),
      "gitlabApplications": gitlabApplications.joined(separator: ", "),
      "accessGroups": accessGroups.joined(separator: ", "),
      "offboardingGraceHours": number(offboardingGraceHours),
      "leaverGraceHours": number(leaverGraceHours),
      "impersonationMaxMinutes": number(impersonationMaxMinutes),
      "scimTokenRotationDays": number(scimTokenRotationDays),
      "staleTokenToleranceHours": number(staleTokenToleranceHours),
      "coverageGapLimitHours": number(coverageGapLimitHours),
    ]
  }
}

extension LeaverSLA {
  /// The SLA in seconds when it is a fixed number of hours; nil for business days, whose length
  /// depends on when the episode opens (use `deadline(after:)`).
  public var fixedSeconds: Double? {
    if case .hours(let hours) = measure { return hours * 3600 }
    return nil
  }
}
