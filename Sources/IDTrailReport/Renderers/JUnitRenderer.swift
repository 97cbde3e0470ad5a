/// `junit.xml` for GitLab's pipeline Tests tab: one test suite per SOC 2 criterion, one test case
/// per control. A failing control is a failure carrying its findings; `unknown` and
/// `not-applicable` are skipped with their reason, never passed. The file follows the JUnit dialect
/// Jenkins and GitLab read (`Tests/Schemas/junit.xsd` checks it).
public struct JUnitRenderer: ReportRenderer {
  public init() {}

  public let identifier = "junit"

  public func render(_ report: Report, context: RenderContext) throws -> [RenderedFile] {
    let criteria = Set(report.controls.flatMap(Self.suites)).sorted()
    // A control that maps to several criteria is a test case in each of their suites, and the
    // totals count test cases, as JUnit readers sum them.
    let cases = report.controls.flatMap { control in Self.suites(of: control).map { _ in control.status } }
    let failures = cases.filter { $0 == "fail" }.count
    let skipped = cases.filter { $0 != "fail" && $0 != "pass" }.count
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    xml +=
      "<testsuites name=\"idtrail\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">\n"
    for criterion in criteria {
      let controls = report.controls.filter { Self.suites(of: $0).contains(criterion) }
      let suiteFailures = controls.filter { $0.status == "fail" }.count
      let suiteSkipped = controls.filter { $0.status != "fail" && $0.status != "pass" }.count
      xml +=
        "  <testsuite name=\"\(Escaping.xml(criterion))\" tests=\"\(controls.count)\" failures=\"\(suiteFailures)\" errors=\"0\" skipped=\"\(suiteSkipped)\">\n"
      for control in controls {
        xml +=
          "    <testcase classname=\"\(Escaping.xml(criterion))\" name=\"\(Escaping.xml(control.id)): \(Escaping.xml(control.title))\""
        switch control.status {
        case "pass":
          xml += "/>\n"
        case "fail":
          let findings = report.findings.filter { $0.control == control.id }
          xml +=
            ">\n      <failure message=\"\(findings.count) finding(s)\" type=\"\(Escaping.xml(control.id))\">"
          xml += findings.map { finding in
            let evidence = finding.evidence.map(\.locator).joined(separator: ", ")
            return Escaping.xml("[\(finding.severity)] \(finding.summary) (evidence: \(evidence))")
          }.joined(separator: "\n")
          xml += "</failure>\n    </testcase>\n"
        default:
          let reason = control.statusReason.map { ": \($0)" } ?? ""
          xml += ">\n      <skipped message=\"\(Escaping.xml(control.status + reason))\"/>\n    </testcase>\n"
        }
      }
      xml += "  </testsuite>\n"
    }
    xml += "</testsuites>\n"
    return [RenderedFile(name: "junit.xml", contents: xml)]
  }

  /// The suites a control's test case goes in: its criteria, or `idtrail` when it names none.
  private static func suites(of control: Report.Control) -> [String] {
    let named = control.criteria.filter { !$0.isEmpty }
    return named.isEmpty ? ["idtrail"] : named
  }
}
