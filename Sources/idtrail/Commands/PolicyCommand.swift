import ArgumentParser
import Foundation
import IDTrailAnalysis

extension IDTrailCommand {
  /// `idtrail policy`: the default policy, and checking a policy file.
  struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "policy",
      abstract: "Print the default policy, or check a policy file.",
      discussion: """
        The policy sets the leaver SLA, matching windows, clock-skew tolerance, identifier \
        mappings, service and break-glass accounts, privileged roles and the organisation's \
        namespaces. --print-default prints every key with its default and what it means; save it, \
        edit it, and pass it with --policy. --check reads a file and names any unknown key or bad \
        value with its line.
        """
    )

    @Flag(help: "Print the default policy as a commented YAML file.")
    var printDefault = false

    @Option(help: ArgumentHelp("Check this policy file and report the first problem.", valueName: "file"))
    var check: String?

    func validate() throws {
      if printDefault == (check != nil) {
        throw ValidationError("give either --print-default or --check FILE")
      }
    }

    func run() throws {
      if printDefault {
        print(Policy.defaultYAML, terminator: "")
        return
      }
      if let check {
        _ = try PolicyOption.load(check)
        print("\(check): a valid policy")
      }
    }
  }
}

/// Loading `--policy FILE` for any command: problems are printed and end the run with exit 64.
enum PolicyOption {
  static func load(_ path: String?) throws -> Policy {
    guard let path else { return .default }
    do {
      return try Policy.load(path: path)
    } catch {
      printError("idtrail: \(error)")
      throw ExitCode.validationFailure
    }
  }
}

/// Writes one line to standard error (problems, so that standard output stays parseable).
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}
