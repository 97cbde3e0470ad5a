import Foundation
import IDTrailAnalysis
import IDTrailModel
import Testing

/// What timelines do with hostile input text: CSV cells cannot become formulas, terminal output
/// cannot carry escape sequences.
@Suite struct TimelineRenderingTests {
  private func timeline(resource: String) throws -> Timeline {
    var log = ScenarioLog()
    log.gitlab(
      .membershipAdd, "2026-02-01T09:00:00Z", raw: "member_created", ScenarioLog.ann, id: 1,
      by: .person(ScenarioLog.admin), group: resource, role: RoleChange(before: nil, after: "Developer"))
    let analysis = Analysis(events: log.events)
    return Timeline(person: try Timeline.findPerson("42", in: analysis.graph), in: analysis)
  }

  @Test func csvCellsAreGuardedAgainstFormulas() throws {
    let csv = try TimelineFormat.csv.render(try timeline(resource: "=HYPERLINK(\"http://x\",\"a,b\")"))
    let row = try #require(csv.split(separator: "\n").dropFirst().first)
    #expect(row.contains(#","'=HYPERLINK(""http://x"",""a,b"")","#))
    #expect(row.contains(#"member.add '=HYPERLINK"#) == false)
  }

  @Test func terminalEscapesAreShownNotSent() throws {
    let text = try TimelineFormat.text.render(try timeline(resource: "evil\u{1B}[2Jgroup\nnext"))
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains("evil\\u{1B}[2Jgroup\\u{A}next"))
  }

  @Test func missingLatenciesAreWrittenAsNull() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = String(decoding: try encoder.encode(Latencies(scimToGitlab: -100)), as: UTF8.self)
    #expect(json == #"{"endToEnd":null,"idpToScim":null,"scimToGitlab":-100}"#)
  }
}
