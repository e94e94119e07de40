import ArgumentParser
import Conformance
import Foundation
import ReferenceModel
import TokenSigning

/// `harness mutants`: how good the suite and explore are at catching broken rules.
struct MutantsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mutants",
    abstract: "Run the suite and explore against every mutant; print the kill matrix.",
    discussion: """
      Each mutant is the bundled simulator with exactly one rule broken (`harness simulate \
      --list-mutants`). The suite runs at the strict level until its first divergence; explore \
      runs with a fixed seed and budget. The matrix (also written to \
      reports/mutants/summary.md) shows, per mutant, whether each killed it and how fast. Exit \
      code 1 when the suite lets a mutant survive: that is a missing scenario.
      """)

  @Option(help: "The scenarios folder.") var scenarios = "scenarios"
  @Option(help: "Only these mutants (repeatable).") var mutant: [String] = []
  @Option(help: "Explore's step budget per mutant (0 to skip explore).") var exploreSteps = 20_000
  @Option(help: "Explore's seed.") var seed: UInt64 = 1
  @Option(help: "Parallel test cases for the suite, and sequences at once for explore.")
  var jobs = 2
  @Flag(help: "Serve the mutants in process instead of through simulator processes (faster).")
  var inProcess = false
  @Option(help: "Where reports go.") var reports = "reports"

  func validate() throws {
    guard exploreSteps >= 0, jobs > 0 else {
      throw ValidationError("--explore-steps must be 0 or more, and --jobs at least 1")
    }
    try OutputFiles.requirePath(scenarios, option: "--scenarios")
    try OutputFiles.requirePath(reports, option: "--reports")
  }

  func run() throws {
    let signals = Interrupt.endingAtOnce()
    defer { withExtendedLifetime(signals) {} }
    let catalog = ScenarioCatalog.load(root: scenarios)
    guard catalog.errors.isEmpty else {
      throw HarnessFailure.input(catalog.errors.map(\.rendered).joined(separator: "\n"))
    }
    try RunSetup.checkReportFolder(under: reports, runName: "mutants")
    let selected = try mutant.isEmpty ? Mutant.allCases : mutant.map(RunSetup.mutant)
    let inProcess = self.inProcess
    let steps = exploreSteps
    let seed = self.seed
    // The explore runs' keys, made once for all of them (an RSA key generation is slow).
    let crypto: TokenCrypto = inProcess ? .symbolic : .rsa
    let exploreKeys = try RunSetup.exploreKeys(crypto)
    let matrix = MutantMatrix.measure(
      mutants: selected, scenarios: catalog.scenarios, jobs: jobs,
      crypto: crypto,
      sut: { mutant in
        if inProcess {
          var configuration = ModelConfiguration()
          configuration.mutant = mutant
          return ModelSUT(
            configuration: configuration, name: "mutant \(mutant.rawValue)", verifier: .symbolic)
        }
        return RunSetup.bundledSimulator(mutant: mutant)
      },
      explore: steps == 0
        ? nil
        : { target in
          Explorer(
            runner: TraceRunner(
              sut: target, level: .strict, keys: exploreKeys, verifier: crypto.verifier),
            generator: TraceGenerator(), seed: seed, maximumSteps: steps, shrinkBudget: 200,
            jobs: jobs, pinsJobs: !inProcess)
        },
      progress: { row in
        Output.error(
          "mutants: \(row.mutant.rawValue): suite "
            + (row.suiteSeconds == nil ? "survived" : "killed")
            + (row.exploreRan
              ? ", explore " + (row.exploreSeconds == nil ? "survived" : "killed") : ""))
      })
    let text = matrix.markdown()
    Output.print(text)
    let folder = reports + "/mutants"
    do {
      try OutputFiles.createFolder(folder)
      try OutputFiles.write(text, to: folder + "/summary.md")
    } catch {
      throw HarnessFailure(
        message: "error: cannot write the kill matrix: \(error)",
        exitCode: matrix.suiteKills < matrix.rows.count ? 1 : 2)
    }
    if matrix.suiteKills < matrix.rows.count { throw ExitCode(1) }
  }
}
