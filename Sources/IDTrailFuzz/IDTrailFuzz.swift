import CLibFuzzer
import Foundation
import Glibc

/// The fuzz harness: libFuzzer's driver around one `FuzzTarget` when built by `.ci/fuzz` (with
/// `-sanitize=fuzzer,address -D IDTRAIL_FUZZING`); in a plain build, a replayer that runs a target
/// over files, so that a crash libFuzzer found can be run again under the debugger.
///
/// Fuzzing: `IDTRAIL_FUZZ_TARGET=json .build/fuzz/release/IDTrailFuzz [libFuzzer options] CORPUS…`.
/// Replaying: `swift run IDTrailFuzz json crash-1234…`. `list` as the target prints the names.
@main
struct IDTrailFuzz {
  static func main() {
    #if IDTRAIL_FUZZING
      fuzz()
    #else
      replay(Array(CommandLine.arguments.dropFirst()))
    #endif
  }

  #if IDTRAIL_FUZZING
    private static func fuzz() {
      // No string may be alive across `exit`: LeakSanitizer would report it as a leak.
      if getenv("IDTRAIL_FUZZ_TARGET").map({ strcmp($0, "list") == 0 }) == true { listTargets() }
      guard selectedTarget != nil else { usage("IDTRAIL_FUZZ_TARGET must name a target") }
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
    }
  #endif

  private static func replay(_ arguments: [String]) {
    guard let name = arguments.first else { usage("name a target, then the files to run it on") }
    if name == "list" { listTargets() }
    guard let target = FuzzTarget(named: name) else { usage("no target is called '\(name)'") }
    for path in arguments.dropFirst() {
      // The bytes as libFuzzer gave them: not inflated, even when they look like gzip.
      guard let bytes = FileManager.default.contents(atPath: path) else {
        printError("IDTrailFuzz: cannot read \(path)")
        exit(74)
      }
      bytes.withUnsafeBytes { target.run($0) }
      print("\(path): ok")
    }
  }

  private static func listTargets() -> Never {
    print(FuzzTarget.names.joined(separator: "\n"))
    exit(0)
  }

  private static func usage(_ problem: String) -> Never {
    printError(
      "IDTrailFuzz: \(problem); targets: \(FuzzTarget.names.joined(separator: ", "))\n"
        + "usage: IDTrailFuzz TARGET FILE… (replay), or IDTRAIL_FUZZ_TARGET=TARGET with -sanitize=fuzzer")
    exit(64)
  }

  private static func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}

#if IDTRAIL_FUZZING
  /// The target libFuzzer's callback runs: the C callback cannot capture it, so it is read once from
  /// the environment.
  private let selectedTarget = getenv("IDTRAIL_FUZZ_TARGET").flatMap {
    FuzzTarget(named: String(cString: $0))
  }

  /// libFuzzer's callback, under the name its own `main` looks for as well.
  @_cdecl("LLVMFuzzerTestOneInput")
  func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    selectedTarget?.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
  }
#endif
