import ArgumentParser
import Conformance
import Dispatch
import Foundation
import ReferenceModel
import Synchronization

/// `harness explore`: model-based random testing with shrinking.
struct ExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract:
      "Run generated command sequences on a SUT and the model in lockstep; shrink findings.",
    discussion: """
      Generates random multi-session command sequences from the model (biased towards existing \
      users in the wrong case, names and passwords at their length limits, wrong roles, other \
      sessions' users, deleted users), runs each on a fresh cluster of the SUT and on the model, \
      and compares every answer (and `user list` at the end with --level state or strict). On \
      the first divergence it shrinks the sequence to a small one that still diverges on the \
      same rule, prints it, and writes it to scenarios/regressions/<key>.scenario, ready to \
      commit. Every run prints its seed; the same seed and options reproduce it. Ctrl-C stops \
      cleanly with a report. The default level is strict: any difference from the model is \
      a finding (use --level outcome to ignore inferred rules).

      Exit codes: 0 no divergence, 1 a divergence (or the SUT failed), 2 usage error; 130 or \
      143 when Ctrl-C or SIGTERM stopped it (after its report).

      Examples:
        harness explore --steps 100000
        harness explore --mutant crypto-user-changes-others --time 30s
        harness explore --sut vendor.json --seed 42 --time 8h
      """)

  @Option(help: "SUT description file. Default: the bundled simulator.") var sut: String?
  @Option(help: "Explore the bundled simulator serving this mutant.") var mutant: String?
  @Flag(help: "Explore the model in process (fast; for checking the harness itself).")
  var inProcess = false
  @Option(help: "Seed (default: from the clock; always printed).") var seed: UInt64?
  @Option(
    help: ArgumentHelp(
      "Stop after this many steps (default: 100000, or no limit with --time).",
      discussion: "With both --steps and --time, the run stops at whichever comes first."))
  var steps: Int?
  @Option(help: "Stop after this long: 30s, 10m, 8h, 1h30m or seconds.") var time: String?
  @Option(help: "Comparison level: outcome, state or strict.") var level: RunCommand.Level = .strict
  @Option(help: "Steps per generated sequence (one fresh cluster each).") var length = 200
  @Option(help: "Sessions per sequence.") var sessions = 3
  @Option(
    help: ArgumentHelp(
      "Sequences run at once, each on its own cluster.",
      discussion: "Any number of jobs finds what one job finds, from the same seed: the first "
        + "sequence (in order) that diverges is the one reported and shrunk. With the bundled "
        + "simulator and as many jobs as CPUs (the default on 2 cores), each job and its "
        + "sessions stay on a CPU of their own: they take turns, and a wake-up on the same "
        + "CPU is cheaper."))
  var jobs = 2
  @Option(
    help: ArgumentHelp(
      "Percent of moves that are MFA and quorum token moves (0 to 100).",
      discussion: "Token moves sign files with RSA keys made once per run; 0 keeps to the "
        + "password and user rules (as the Hypothesis peer of `harness bench explore` does)."))
  var tokenMoves = 12
  @Option(help: "Where regressions/ is written.") var scenarios = "scenarios"
  @Flag(help: "Do not write the regression scenario.") var noWrite = false

  func validate() throws {
    try OutputFiles.requirePath(scenarios, option: "--scenarios")
    guard steps.map({ $0 > 0 }) ?? true else { throw ValidationError("--steps must be positive") }
    // Upper bounds: a sequence is generated whole, and every session and job is a process.
    guard (1...100_000).contains(length), (1...64).contains(sessions), (1...256).contains(jobs)
    else {
      throw ValidationError("--length must be 1 to 100000, --sessions 1 to 64 and --jobs 1 to 256")
    }
    guard (0...100).contains(tokenMoves) else {
      throw ValidationError("--token-moves is a percentage from 0 to 100 (got \(tokenMoves))")
    }
    if let time, DurationText.seconds(time) == nil {
      throw ValidationError(
        "--time takes a length of time: \(DurationText.examples) (got '\(time)')")
    }
    if [sut != nil, mutant != nil, inProcess].filter({ $0 }).count > 1 {
      throw ValidationError("--sut, --mutant and --in-process exclude each other")
    }
  }

  func run() throws {
    let systemUnderTest: any SystemUnderTest =
      if let mutant { RunSetup.bundledSimulator(mutant: try RunSetup.mutant(mutant)) } else {
        try RunSetup.systemUnderTest(sut: sut, inProcess: inProcess)
      }
    let seed = self.seed ?? UInt64(Date().timeIntervalSince1970 * 1000)
    let explorer = Explorer(
      runner: try RunSetup.traceRunner(
        sut: systemUnderTest, level: ComparisonLevel(rawValue: level.rawValue) ?? .strict,
        tokenMoves: tokenMoves > 0),
      generator: TraceGenerator(length: length, sessions: sessions, tokenShare: tokenMoves),
      seed: seed,
      // Each job on a CPU of its own only with the bundled simulator, where it was measured;
      // a vendor's CLI may want more than one CPU per session (its own threads).
      maximumSteps: Explorer.maximumSteps(given: steps, hasTimeLimit: time != nil), jobs: jobs,
      pinsJobs: sut == nil && !inProcess)
    Output.error("explore: seed \(seed), \(systemUnderTest.summary.name), level \(level.rawValue)")
    let interrupt = Interrupt()
    let clock = ContinuousClock()
    let start = clock.now
    let limit = time.flatMap(DurationText.seconds)
    let lastReport = Mutex(start)
    let result = explorer.run(
      shouldStop: {
        interrupt.requested || limit.map { (clock.now - start).seconds >= $0 } ?? false
      },
      progress: { progress in
        let now = clock.now
        let due = lastReport.withLock { last in
          guard now - last >= .seconds(1) else { return false }
          last = now
          return true
        }
        guard due else { return }
        let rate = Double(progress.steps) / max(0.001, (clock.now - start).seconds)
        Output.error(
          "explore: \(progress.steps) steps, \(format(rate, 0)) steps/s, "
            + "\(progress.episodes) sequences, 0 divergences")
      })
    let elapsed = (clock.now - start).seconds
    Output.print(
      "explore: \(result.steps) steps in \(format(elapsed, 1)) s "
        + "(\(format(Double(result.steps) / max(0.001, elapsed), 0)) steps/s), "
        + "\(result.episodes) sequences, seed \(seed)"
        + (!result.stopped ? "" : interrupt.requested ? " (interrupted)" : " (time limit reached)"))
    if let error = result.error {
      try reportFailure(result, error: error, seed: seed, sutName: systemUnderTest.summary.name)
    }
    guard let finding = result.finding else {
      Output.print("no divergence")
      if let code = interrupt.exitCode { throw ExitCode(code) }
      return
    }
    try report(finding, seed: seed, sutName: systemUnderTest.summary.name, elapsed: elapsed)
    throw ExitCode(1)
  }

  /// A SUT that failed (crashed, hung, printed no answer) is a finding too: the sequence up to
  /// the failing step is printed and written as a regression, which gives the same `error`
  /// verdict when run against that SUT. It is not shrunk: each try could cost a timeout.
  private func reportFailure(
    _ result: Explorer.Result, error: String, seed: UInt64, sutName: String
  )
    throws -> Never
  {
    Output.print(Output.printable("the SUT failed at \(error)"))
    if let trace = result.errorTrace {
      let regression = Regression.errorScenario(
        for: trace, error: error, episodeSeed: result.errorEpisodeSeed, sutName: sutName,
        runSeed: seed)
      Output.print("\nreproducer (\(regression.path)):\n\(Output.printable(regression.text))")
      if !noWrite { try write(regression) }
    }
    throw HarnessFailure(message: "explore: the SUT failed", exitCode: 1)
  }

  /// Writes a regression scenario under --scenarios; a finding all the same if it cannot.
  private func write(_ regression: (path: String, text: String)) throws {
    let path = scenarios + "/" + regression.path
    do {
      try OutputFiles.createFolder((path as NSString).deletingLastPathComponent)
      try OutputFiles.write(regression.text, to: path)
    } catch {
      throw HarnessFailure(
        message: "error: cannot write the regression scenario: \(error)", exitCode: 1)
    }
    Output.print("written: \(path)")
  }

  private func report(_ finding: Explorer.Finding, seed: UInt64, sutName: String, elapsed: Double)
    throws
  {
    Output.print(
      "divergence after \(finding.stepsToFind) steps (\(format(elapsed, 1)) s); shrunk "
        + "\(finding.original.steps.count) → \(finding.shrunk.steps.count) steps with "
        + "\(finding.shrinkEvaluations) runs:")
    for divergence in finding.divergences {
      Output.print(
        "  first seen: \(divergence.rule) at step \(divergence.step) of the generated sequence, "
          + "[\(divergence.session)] \(divergence.command)")
    }
    Output.print("shrunk:")
    for divergence in finding.shrunkDivergences {
      Output.print(
        Output.printable(
          "  \(divergence.rule) (\(divergence.strength.rawValue)) at step \(divergence.step) "
            + "[\(divergence.session)] \(divergence.command)\n    expected: \(divergence.expected)"
            + "\n    observed: \(divergence.observed)"))
    }
    let regression = Regression.scenario(for: finding, sutName: sutName, runSeed: seed)
    Output.print("\nreproducer (\(regression.path)):\n\(regression.text)")
    guard !noWrite else { return }
    try write(regression)
  }
}

/// Ctrl-C (SIGINT) or SIGTERM sets a flag instead of killing the process, so a run can stop
/// cleanly: end its sessions, write its reports, and say what it did. A second signal ends the
/// process at once (exit 128 + the signal).
///
/// `@unchecked Sendable`: the signal sources are set up in `init` and only kept alive after;
/// the flag is atomic.
final class Interrupt: @unchecked Sendable {
  private let flag = Atomic<Int32>(0)
  private var sources: [any DispatchSourceSignal] = []

  /// With `stopsWaits`, the first signal also ends the waits for SUT answers at once
  /// (`StopRequest`; `harness run`, whose steps may wait long). Explore stops between
  /// sequences instead: a step cut short there would read as a SUT failure.
  init(stopsWaits: Bool = false) {
    sources = Self.handle([SIGINT, SIGTERM]) { [unowned self] number in
      if stopsWaits { StopRequest.request() }
      if flag.exchange(number, ordering: .relaxed) != 0 {
        // A second signal: stop now, and take the SUT's processes along.
        ChildProcess.killAll()
        exit(128 + number)
      }
    }
  }

  var requested: Bool { flag.load(ordering: .relaxed) != 0 }

  /// For commands that do not stop cleanly (mutants, bench): the first Ctrl-C or SIGTERM
  /// ends the process at once, with the SUT processes it started (they have process groups
  /// of their own, so the terminal's signal no longer reaches them). Returns the handlers, to
  /// keep alive for the command's life.
  static func endingAtOnce() -> [any DispatchSourceSignal] {
    handle([SIGINT, SIGTERM]) { number in
      ChildProcess.killAll()
      exit(128 + number)
    }
  }

  /// Takes each signal of `numbers` from its default action and runs `body` with its number
  /// when it comes (on a Dispatch queue). Returns the handlers, to keep alive while needed.
  static func handle(
    _ numbers: [Int32], _ body: @escaping @Sendable (Int32) -> Void
  ) -> [any DispatchSourceSignal] {
    numbers.map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { body(number) }
      source.resume()
      return source
    }
  }

  /// The exit code of a run that stopped on the signal: 128 + its number (130 for Ctrl-C).
  var exitCode: Int32? {
    let number = flag.load(ordering: .relaxed)
    return number == 0 ? nil : 128 + number
  }
}
