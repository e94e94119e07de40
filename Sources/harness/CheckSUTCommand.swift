import ArgumentParser
import Conformance

/// `harness check-sut`: validate a system-under-test description file.
struct CheckSUTCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-sut",
    abstract: "Validate a SUT description file (sut-contract.md section 1) and summarise it.",
    discussion: """
      The file is JSON: name, profile (cloudhsm-cli or iam), session argv with {cluster} and \
      {workdir} placeholders, optional setup argv, timeout_ms, capabilities and env (see \
      sut-contract.md). Unknown keys, wrong types and missing keys are errors that name the \
      file, line and column; the exit code is then 2.
      """)

  @Argument(help: "Path of the SUT description file.")
  var file: String

  func run() throws {
    let description: SUTDescription
    do {
      description = try SUTDescription.load(path: file)
    } catch {
      throw HarnessFailure.input(error.description)
    }
    var lines = [
      "\(file): ok", "  name: \(description.name)", "  profile: \(description.profile.name)",
      "  timeout_ms: \(description.timeoutMilliseconds)",
      "  capabilities: \(description.capabilities.isEmpty ? "(none)" : description.capabilities.joined(separator: ", "))",
    ]
    switch description.profile {
    case .cloudhsmCLI(let cli):
      lines.append("  session: \(cli.session.joined(separator: " "))")
      if let setup = cli.setup { lines.append("  setup: \(setup.joined(separator: " "))") }
    case .iam(let iam):
      lines.append("  endpoint: \(iam.endpoint) (region \(iam.region))")
      lines.append(
        "  root key: \(iam.root == nil ? "none ([root] scenarios are skipped)" : "given")")
    }
    Output.print(lines.joined(separator: "\n"))
  }
}
