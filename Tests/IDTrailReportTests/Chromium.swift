import Foundation

/// Headless Chromium for the HTML report's browser tests (Debian's `chromium` package, which
/// `.ci/run` installs); tests that need it are skipped when it is absent.
enum Chromium {
  /// The browser, if this machine has one.
  static let executable: String? = [
    "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
  ]
  .first { FileManager.default.isExecutableFile(atPath: $0) }

  static var isInstalled: Bool { executable != nil }

  /// What one browser run printed.
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Lines Chromium logs for console messages, script errors and blocked requests of the page.
    var consoleLines: [String] {
      stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
    }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Loads `page` and prints its DOM once scripts have run and timers have fired.
  static func dumpDOM(of page: String, workingIn folder: String) throws -> Output {
    try run(["--dump-dom", URL(fileURLWithPath: page).absoluteString], workingIn: folder)
  }

  /// Loads `page` and writes a PNG of its top `height` pixels at `width` to `png`.
  static func screenshot(
    of page: String, to png: String, width: Int = 1280, height: Int, dark: Bool = false,
    workingIn folder: String
  )
    throws -> Output
  {
    var arguments = ["--screenshot=\(png)", "--window-size=\(width),\(height)", "--hide-scrollbars"]
    if dark { arguments.append("--force-dark-mode") }
    return try run(arguments + [URL(fileURLWithPath: page).absoluteString], workingIn: folder)
  }

  /// Runs the browser headless, with its own profile under `folder`, no network, and a virtual
  /// clock that lets the page's timers fire; gives up after a minute.
  private static func run(_ arguments: [String], workingIn folder: String) throws -> Output {
    guard let executable else { throw Failure(description: "Chromium is not installed") }
    let outPath = folder + "/chromium.stdout"
    let errPath = folder + "/chromium.stderr"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.arguments =
      [
        "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
        // Containers run tests as root, where Chromium's sandbox cannot start; the page is our own.
        "--no-sandbox",
        "--user-data-dir=\(folder)/profile", "--disable-extensions", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps",
        // Nothing the page asks for may leave the machine, whatever the CSP says.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
      ] + arguments
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    try process.run()
    // The profile is only scratch space for this one run.
    defer { try? FileManager.default.removeItem(atPath: folder + "/profile") }
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline { usleep(50_000) }
    if process.isRunning {
      process.terminate()
      throw Failure(
        description: "Chromium did not finish within a minute: \(arguments.joined(separator: " "))")
    }
    return Output(
      status: process.terminationStatus, stdout: try String(contentsOfFile: outPath, encoding: .utf8),
      stderr: try String(contentsOfFile: errPath, encoding: .utf8))
  }
}
