import IDTrailAnalysis
import Testing

/// The policy settings the controls read: defaults, parsing and refusals.
@Suite struct ControlPolicyTests {
  @Test func defaults() {
    let policy = Policy.default
    #expect(policy.leaverGraceHours == 0)
    #expect(policy.impersonationMaxMinutes == 60)
    #expect(policy.scimTokenRotationDays == 90)
    #expect(policy.staleTokenToleranceHours == 1)
    #expect(policy.coverageGapLimitHours == 72)
    #expect((try? Policy.parse(yaml: Policy.defaultYAML)) == Policy.default)
    #expect(policy.summary["scimTokenRotationDays"] == "90")
    #expect(policy.summary["coverageGapLimitHours"] == "72")
    #expect(policy.summary["impersonationMaxMinutes"] == "60")
  }

  @Test func parsed() throws {
    let policy = try Policy.parse(
      yaml: """
        leaverGraceHours: 24
        impersonationMaxMinutes: 30
        scimTokenRotationDays: 180
        staleTokenToleranceHours: 0.5
        coverageGapLimitHours: 48
        """)
    #expect(policy.leaverGraceHours == 24)
    #expect(policy.impersonationMaxMinutes == 30)
    #expect(policy.scimTokenRotationDays == 180)
    #expect(policy.staleTokenToleranceHours == 0.5)
    #expect(policy.coverageGapLimitHours == 48)
  }

  @Test func refused() {
    #expect(throws: PolicyError.self) { try Policy.parse(yaml: "scimTokenRotationDays: 0") }
    let error = #expect(throws: PolicyError.self) {
      try Policy.parse(yaml: "impersonationMaxMinutes: -5", file: "policy.yml")
    }
    #expect(
      error?.description
        == "policy.yml:1:26: impersonationMaxMinutes '-5' is not valid; expected a number of minutes greater than 0, such as 60"
    )
  }
}
