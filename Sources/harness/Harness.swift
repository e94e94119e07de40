import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

/// The `harness` command: conformance tests, fuzzing and reports for the user, permission and
/// password rules of the AWS CloudHSM CLI and of IAM's ChangePassword.
///
/// The only module that prints, writes files and chooses exit codes: 0 conformant or success,
/// 1 divergences, 2 usage or input error, 3 the SUT could not be run.
/// Spec: sut-contract.md §4 (exit codes); house-style.md §1.
@main struct Harness: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "harness",
    abstract: "Check a CloudHSM CLI (or IAM) implementation against an executable reference model.",
    discussion: """
      The reference model encodes the user, permission and password rules of the AWS CloudHSM \
      CLI, each rule with a stable ID and its source (see `harness rules`).

      Examples:
        harness rules                      list every rule with its source
        harness rules --json               the same, as JSON
        harness parse 'user list --all'    how the model reads one CloudHSM CLI line
        harness check-sut vendor.json      validate a system-under-test description
        harness bench model                commands per second of the model (use -c release)

      Exit codes: 0 success, 1 divergences found, 2 usage or input error, 3 the SUT could not \
      be run.
      """,
    subcommands: [
      RunCommand.self, ExploreCommand.self, MutantsCommand.self, ScenariosCommand.self,
      DiffCommand.self, RulesCommand.self,
      SimulateCommand.self, ParseCommand.self, CheckSUTCommand.self, BenchCommand.self,
      FuzzCommand.self,
    ]
  )

  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
      if let session = SimulateCommand.Interactive.Arguments(quickly: arguments) {
        try SimulateCommand.Interactive.run(session)
        return
      }
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch let failure as HarnessFailure {
      if !failure.message.isEmpty { Output.error(failure.message) }
      Glibc.exit(failure.exitCode)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        Output.print(fullMessage(for: error))
        Glibc.exit(0)
      }
      // 1 and 3 are run verdicts; 130 and 143 a run stopped by SIGINT or SIGTERM (Interrupt).
      if [1, 3, 130, 143].contains(code.rawValue) {
        Glibc.exit(code.rawValue)
      }
      Output.error(ArgumentLocator.describe(fullMessage(for: error), in: arguments))
      Glibc.exit(2)
    }
  }
}

/// A failure that a subcommand reports with its own message and exit code.
struct HarnessFailure: Error {
  var message: String
  var exitCode: Int32

  /// Usage or input error: exit code 2.
  static func input(_ message: String) -> HarnessFailure {
    HarnessFailure(message: message, exitCode: 2)
  }
}
