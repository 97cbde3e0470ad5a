import IDTrailAnalysis
import IDTrailModel
import Testing

/// Runs every example of every registered control: the tests generated from the controls'
/// descriptions (STYLE C7), so adding an example adds a test.
@Suite struct ControlExamplesTests {
  /// One example of one control, named for the test list.
  struct Case: Sendable, CustomTestStringConvertible {
    var control: any Control.Type
    var example: ControlExample
    var testDescription: String { "\(control.description.id): \(example.name)" }
  }

  static let cases: [Case] = ControlRegistry.all.flatMap { control in
    control.description.examples.map { Case(control: control, example: $0) }
  }

  @Test(arguments: cases)
  func exampleComesOutAsItSays(_ item: Case) throws {
    let context = try item.example.context()
    let result = item.control.init().evaluate(context)
    #expect(result.status == item.example.status, "\(result.statusReason)")
    let found = result.findings.map {
      ExpectedFinding.finding(ControlExample.shortName($0.person), $0.severity)
    }
    #expect(found.sorted() == item.example.findings.sorted(), "\(result.findings.map(\.summary))")
    #expect(result.id == item.control.description.id)
    #expect(result.findings.allSatisfy { $0.control == item.control.description.id })
    #expect(!result.statusReason.isEmpty)
  }

  /// Every control shows by example at least one pass, one fail and one unknown.
  @Test(arguments: ControlRegistry.all.map { $0.description.id })
  func everyControlHasPassFailAndUnknownExamples(_ id: String) throws {
    let control = try ControlRegistry.control(id: id)
    let statuses = Set(control.description.examples.map(\.status))
    #expect(statuses.isSuperset(of: [.pass, .fail, .unknown]), "\(id) examples: \(statuses)")
  }

  /// Every example's findings name a person, or are about the evidence itself, as expected; and
  /// a fail example expects at least one violation.
  @Test(arguments: cases)
  func failExamplesExpectAViolation(_ item: Case) {
    let violations = item.example.findings.filter { $0.severity != .info }
    #expect((item.example.status == .fail) == !violations.isEmpty, "\(item.testDescription)")
  }
}
