import IDTrailModel
import Testing

@testable import IDTrailSamples

@Suite struct SampleConfigurationTests {
  @Test func theDefaultIsTheThirdQuarterOf2026() throws {
    let configuration = try SampleConfiguration()
    #expect(configuration == SampleConfiguration.standard)
    #expect(configuration.start.rfc3339 == "2026-07-01T00:00:00Z")
    #expect(configuration.end.rfc3339 == "2026-10-01T00:00:00Z")
    #expect(configuration.dayCount == 92)
    #expect(configuration.people == 80)
  }

  @Test(arguments: [
    ("2026-13-01", "2026-12-31", SampleConfigurationError.badDate(option: "--from", value: "2026-13-01")),
    ("2026-07-01", "2026-7-31", .badDate(option: "--to", value: "2026-7-31")),
    ("2026-07-01", "2026-07-20", .badPeriod(from: "2026-07-01", to: "2026-07-20", days: 20)),
    ("2026-07-01", "2028-07-01", .badPeriod(from: "2026-07-01", to: "2028-07-01", days: 732)),
  ])
  func rejectsPeriodsItCannotFill(from: String, to: String, error: SampleConfigurationError) {
    #expect(throws: error) { _ = try SampleConfiguration(from: from, to: to) }
  }

  @Test func rejectsTooFewPeople() {
    #expect(throws: SampleConfigurationError.badPeople(39)) { _ = try SampleConfiguration(people: 39) }
    #expect(
      SampleConfigurationError.badPeople(39).description
        == "--people 39 is out of range; the sample organisation needs 40...20000 people")
  }

  @Test func otherPeriodsAndSizesStillPlantEveryIncident() throws {
    for (seed, people, from, to) in [
      (UInt64(7), 40, "2026-01-05", "2026-02-06"), (11, 150, "2026-04-01", "2026-06-30"),
      (23, 300, "2025-10-01", "2026-03-31"),
    ] {
      let rendered = SampleGenerator.render(
        try SampleConfiguration(seed: seed, people: people, from: from, to: to))
      #expect(Set(rendered.manifest.incidents.map(\.incident)) == GroundTruthTests.incidentNames)
      let configuration = try SampleConfiguration(seed: seed, people: people, from: from, to: to)
      for incident in rendered.manifest.incidents {
        #expect(
          incident.time >= configuration.start && incident.time < configuration.end, "\(incident.incident)")
      }
    }
  }
}
