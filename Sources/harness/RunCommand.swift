import ArgumentParser
import Conformance
import Foundation
import ReferenceModel
import TokenSigning

/// `harness run`: the conformance suite against a SUT. The main job.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run the scenario suite against a SUT and write reports.",
    discussion: """
      With no options, runs every scenario under ./scenarios against the bundled reference \
      simulator (`harness simulate interactive`, one process per session) and writes \
      reports/simulator/{report.json,junit.xml,summary.md}.

      The IAM profile (scenarios with `# profile: iam`) runs with --profile iam, or when the \
      SUT file's profile is iam; without --sut it tests the bundled IAM simulator over HTTP on \
      a free loopback port (reports/iam-simulator/). IAM cases run one at a time.

      Levels (--level): outcome compares success or failure and, on success, the data \
      (fields in any order); state also compares `user list` after each test case; strict \
      also compares documented error messages and fails on inferred rules too. Below strict, \
      a divergence on an inferred rule is reported as unspecified and does not fail the run.

      Exit codes: 0 conformant (or only divergences listed in --baseline), 1 new divergences \
      or errors, 2 usage or input error (bad SUT file, bad scenario), 3 the SUT could not be \
      run at all. Ctrl-C or SIGTERM stops the run: no new case or step starts, the reports are \
      written with the unfinished cases as errors, and the exit code is 130 or 143; a second \
      signal ends it at once.

      Examples:
        harness run
        harness run --sut vendor.json --level state --baseline known.json
        harness run --filter user-delete --filter HSM-CHPW-005 --jobs 4
        harness run --profile iam
        harness run --sut examples/moto-iam.json --baseline examples/moto-iam-baseline.json
      """)

  @Option(help: "SUT description file (sut-contract.md §1). Default: the bundled simulator.")
  var sut: String?

  @Option(
    help: "The profile: cloudhsm-cli or iam (default: the SUT file's, else cloudhsm-cli).")
  var profile: String?

  @Option(help: "Comparison level: outcome, state or strict.")
  var level: Level = .outcome

  @Option(
    name: .long,
    help: "Run only scenarios whose id or path contains this text, or naming this rule ID.")
  var filter: [String] = []

  @Option(help: "Test cases run in parallel (default: the number of cores).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Baseline of known divergences: a baseline file or an earlier report.json.")
  var baseline: String?

  @Option(help: "The scenarios folder.")
  var scenarios = "scenarios"

  @Option(help: "Where reports go: <reports>/<run-name>/.")
  var reports = "reports"

  @Option(help: "Name of this run's report folder (default: derived from the SUT's name).")
  var runName: String?

  @Flag(help: "Test the model in process instead of a SUT (checks the scenarios themselves).")
  var inProcess = false

  @Flag(help: "Write a baseline file listing this run's divergences to <run-folder>/baseline.json.")
  var writeBaseline = false

  enum Level: String, ExpressibleByArgument, CaseIterable {
    case outcome, state, strict
  }

  func validate() throws {
    guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be 1 to 256") }
    try OutputFiles.requirePath(reports, option: "--reports")
    try OutputFiles.requirePath(scenarios, option: "--scenarios")
    if let runName { try OutputFiles.requireName(runName, option: "--run-name") }
    if inProcess && sut != nil {
      throw ValidationError("--in-process and --sut exclude each other")
    }
  }

  func run() throws {
    if try selectedProfile() == "iam" { return try runIAM() }
    let systemUnderTest = try RunSetup.systemUnderTest(sut: sut, inProcess: inProcess)
    let catalog = ScenarioCatalog.load(root: scenarios)
    guard catalog.errors.isEmpty else {
      throw HarnessFailure.input(catalog.errors.map(\.rendered).joined(separator: "\n"))
    }
    let selected = catalog.filtered(filter)
    guard !selected.isEmpty else {
      throw HarnessFailure.input(
        filter.isEmpty
          ? "error: no CloudHSM scenarios in \(scenarios) (the IAM suite runs with --profile iam)"
          : "error: no scenario matches --filter \(filter.joined(separator: ", "))")
    }
    let known = try baseline.map(RunSetup.loadBaseline) ?? []
    let name =
      runName ?? RunSetup.defaultRunName(systemUnderTest.summary.name, inProcess: inProcess)
    try RunSetup.checkReportFolder(under: reports, runName: name)
    var runner = Runner(
      sut: systemUnderTest, level: ComparisonLevel(rawValue: level.rawValue) ?? .outcome,
      jobs: jobs, crypto: .rsa)
    let interrupt = Interrupt(stopsWaits: true)
    runner.shouldStop = { interrupt.requested }
    let progress = Progress(total: selected.count)
    let clock = ContinuousClock()
    let start = clock.now
    let cases = runner.run(selected) { done, total in progress.update(done, total) }
    progress.finish()
    let elapsed = clock.now - start
    let report = RunReport(
      runName: name, sut: systemUnderTest.summary, level: runner.level, cases: cases,
      baseline: known,
      timing: RunReport.Timing(seconds: elapsed.seconds, steps: Runner.stepCount(selected)))
    try RunSetup.finishRun(report, under: reports, baseline: writeBaseline, interrupt: interrupt)
  }
}
