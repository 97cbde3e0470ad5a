import Foundation
import IDTrailModel
import IDTrailReport
import Testing

/// `report.html` in headless Chromium: no console errors, no network requests, filters that hide
/// rows, hostile names that never run, and a screenshot to look at.
///
/// The page under test gets a small hook: a script at the top of `<head>` that records errors,
/// warnings, blocked requests and dialogs, and one at the end of `<body>` that, once the page has
/// loaded, drives the filters and writes what it saw (base64 JSON) into the DOM that
/// `--dump-dom` prints.
@Suite(
  .enabled(
    if: Chromium.isInstalled,
    "Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"))
struct HTMLBrowserTests {
  /// The shared sample with 30 more findings under `mfa-weakened` (3 of them critical), so that
  /// one control's group starts folded.
  static let manyFindings: Report = {
    var report = ReportSample.report
    let start = ReportSample.time("2026-08-10T08:00:00Z")
    for index in 1...30 {
      let severity = index % 10 == 0 ? "critical" : "medium"
      let evidence = Report.Evidence(
        locator: "logs/audit.ndjson:\(100 + index)", nativeID: nil, kind: "observed")
      let finding = Report.Finding(
        id: "f-bulk-\(index)", control: "mfa-weakened", severity: severity, person: nil,
        summary: "two-factor disabled for person-\(index)@example.com",
        time: start.adding(seconds: Double(index) * 3600), evidence: [evidence])
      report.findings.append(finding)
    }
    report.controls[1].status = "fail"
    report.controls[1].findingCount = 30
    return report
  }()

  /// What the hook saw.
  struct Observation: Decodable {
    var errors: [String]
    var alerts: Int
    var resources: [String]
    var filtersShown: Bool
    var initial: [String]
    var critical: [String]?
    var count: String?
    var search: [String]?
    var cleared: [String]?
  }

  @Test func filtersHideRowsWithoutErrorsOrRequests() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (observation, output) = try Self.observe(Self.manyFindings, in: folder)
    #expect(observation.errors == [])
    #expect(output.consoleLines == [])
    #expect(observation.resources == [], "the page asked for resources")
    #expect(observation.filtersShown)
    // The 30 findings of mfa-weakened start folded; leaver-sla's one is open.
    #expect(observation.initial == ["f-0c1d2e3f4a5b"])
    #expect(observation.critical == ["f-bulk-10", "f-bulk-20", "f-bulk-30"])
    #expect(observation.count == "3 of 31 findings shown")
    #expect(observation.search == ["f-bulk-7"])
    #expect(observation.cleared == ["f-0c1d2e3f4a5b"])
  }

  @Test func hostileNamesNeverRun() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (observation, output) = try Self.observe(HostileReport.report, in: folder)
    #expect(observation.alerts == 0)
    #expect(observation.errors == [])
    #expect(output.consoleLines == [])
    #expect(observation.resources == [])
    // Every finding row is there: no hostile text ended a row or a table early.
    #expect(observation.initial.count == HostileReport.report.findings.count)
  }

  @Test func screenshotIsWritten() throws {
    let folder = try Self.folder()
    let page = folder + "/report.html"
    try Self.html(Self.manyFindings).write(toFile: page, atomically: true, encoding: .utf8)
    for (name, dark) in [("report.png", false), ("report-dark.png", true)] {
      let png = folder + "/" + name
      let output = try Chromium.screenshot(of: page, to: png, height: 2400, dark: dark, workingIn: folder)
      #expect(output.status == 0, "\(output.stderr)")
      #expect(output.consoleLines == [])
      let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
      #expect(
        bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(png) is not a PNG")
      // IHDR: the width is the big-endian word at offset 16.
      let width = bytes.count > 20 ? bytes[16..<20].reduce(0) { $0 << 8 | Int($1) } : 0
      #expect(width == 1280)
      #expect(bytes.count > 20_000, "\(png) is suspiciously small")
      print("HTML report screenshot: \(png)")
    }
  }

  // MARK: - Running the page

  private static func html(_ report: Report) throws -> String {
    try #require(try HTMLRenderer().render(report, context: RenderContext()).first).contents
  }

  /// A folder for one test's files (the screenshot test leaves its folder in place, so that the
  /// pictures can be looked at).
  private static func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.path + "/idtrail-html-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  private static func observe(_ report: Report, in folder: String) throws -> (Observation, Chromium.Output) {
    let html = try Self.html(report)
    let hooked =
      html
      .replacingOccurrences(of: "<head>\n", with: "<head>\n<script>\(recorder)</script>\n")
      .replacingOccurrences(of: "</body>", with: "<script>\(driver)</script>\n</body>")
    #expect(hooked.count > html.count + recorder.count, "the hook did not go in")
    let page = folder + "/hooked.html"
    try hooked.write(toFile: page, atomically: true, encoding: .utf8)
    let output = try Chromium.dumpDOM(of: page, workingIn: folder)
    #expect(output.status == 0, "\(output.stderr)")
    let marker = "<pre id=\"idtrail-test-result\">"
    let start = try #require(output.stdout.range(of: marker), "the page did not report back")
    let end = try #require(output.stdout[start.upperBound...].range(of: "</pre>"))
    let encoded = String(output.stdout[start.upperBound..<end.lowerBound])
    let json = try #require(Data(base64Encoded: encoded))
    return (try JSONDecoder().decode(Observation.self, from: json), output)
  }

  /// Records errors, warnings, failed loads, blocked requests and dialogs from the first moment.
  private static let recorder = """
    window.__idtrail = { errors: [], alerts: 0 };
    window.addEventListener('error', function (event) {
      __idtrail.errors.push('error: ' + (event.message || (event.target && (event.target.src || event.target.href)) || 'unknown'));
    }, true);
    window.addEventListener('unhandledrejection', function (event) { __idtrail.errors.push('rejection: ' + event.reason); });
    document.addEventListener('securitypolicyviolation', function (event) {
      __idtrail.errors.push('blocked: ' + event.violatedDirective + ' ' + event.blockedURI);
    });
    ['error', 'warn'].forEach(function (level) {
      var original = console[level];
      console[level] = function () {
        __idtrail.errors.push(level + ': ' + Array.prototype.join.call(arguments, ' '));
        original.apply(console, arguments);
      };
    });
    window.alert = window.confirm = window.prompt = function () { __idtrail.alerts += 1; };
    """

  /// After load: the finding rows a reader sees, before and after each filter, then the report.
  private static let driver = """
    window.addEventListener('load', function () {
      setTimeout(function () {
        function shown() {
          return Array.prototype.filter.call(document.querySelectorAll('table.findings tbody tr'), function (row) {
            var group = row.closest('details');
            return getComputedStyle(row).display !== 'none' && group.open && getComputedStyle(group).display !== 'none';
          }).map(function (row) { return row.id; });
        }
        var result = { errors: __idtrail.errors, alerts: __idtrail.alerts };
        var filters = document.querySelector('.filters');
        result.filtersShown = Boolean(filters) && !filters.hidden;
        result.initial = shown();
        var severity = document.getElementById('finding-severity');
        var search = document.getElementById('finding-search');
        if (severity && search) {
          severity.value = 'critical';
          severity.dispatchEvent(new Event('change'));
          result.critical = shown();
          result.count = document.getElementById('finding-count').textContent;
          severity.value = '';
          search.value = 'person-7@';
          search.dispatchEvent(new Event('input'));
          result.search = shown();
          search.value = '';
          search.dispatchEvent(new Event('input'));
          result.cleared = shown();
        }
        result.resources = performance.getEntriesByType('resource').map(function (entry) { return entry.name; });
        var out = document.createElement('pre');
        out.id = 'idtrail-test-result';
        out.textContent = btoa(unescape(encodeURIComponent(JSON.stringify(result))));
        document.body.appendChild(out);
      }, 100);
    });
    """
}
