import ArgumentParser
import Conformance
import TokenSigning

/// `harness bench`: speed measurements, never timed tests.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure the speed of the harness's parts (build with -c release).",
    subcommands: [ModelBench.self, SuiteBench.self, ExploreBench.self, FuzzBench.self])

  /// `harness bench model`.
  struct ModelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "model",
      abstract: "Apply seeded random command sequences to the model in process; print commands/s.",
      discussion: """
        A seeded generator produces a multi-session sequence of commands biased towards the \
        interesting (existing users, wrong case, wrong role, passwords at their length limits). \
        Each round applies the whole sequence to a fresh cluster on one core; the median round \
        is the figure. Goal: 1,000,000 commands/s. Run it as
          swift run -c release harness bench model
        """)

    @Option(help: "Commands per round.")
    var commands = 2_000_000

    @Option(help: "Timed rounds (the median is reported).")
    var rounds = 5

    @Option(help: "Seed of the command generator.")
    var seed: UInt64 = 1

    @Option(help: "Concurrent sessions the commands are spread over.")
    var sessions = 3

    func validate() throws {
      // Upper bounds too: the commands of a round are generated up front, in memory.
      guard (1...100_000_000).contains(commands), (1...1_000).contains(rounds),
        (1...64).contains(sessions)
      else {
        throw ValidationError(
          "--commands must be 1 to 100000000, --rounds 1 to 1000 and --sessions 1 to 64")
      }
    }

    func run() throws {
      let benchmark = ModelBenchmark(
        commands: commands, seed: seed, sessions: sessions, rounds: rounds)
      Output.print("bench model: \(commands) commands, seed \(seed), \(sessions) sessions")
      let result = benchmark.run()
      for (index, round) in result.rounds.enumerated() {
        Output.print(
          "  round \(index + 1): \(format(round.seconds, 3)) s, "
            + "\(format(round.commandsPerSecond, 0)) commands/s")
      }
      let median = result.median
      Output.print(
        "median: \(format(median.commandsPerSecond, 0)) commands/s "
          + "(\(format(median.commandsPerSecond / 1_000_000, 2))x the 1,000,000 goal); "
          + "\(format(result.acceptedShare * 100, 1))% of commands accepted")
    }
  }
}

extension BenchCommand {
  /// `harness bench suite`.
  struct SuiteBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "suite",
      abstract: "Run the suite against the simulator through real processes; print rates.",
      discussion: """
        Two figures, each the median of --rounds runs: the whole scenario suite (scenarios/s, \
        steps/s; goal: under 5 s on 2 cores) and one long session of --steps commands through \
        one adapter (steps/s; goal: 20,000). Run it as
          swift run -c release harness bench suite
        """)

    @Option(help: "The scenarios folder.") var scenarios = "scenarios"
    @Option(help: "Commands in the long session.") var steps = 20_000
    @Option(help: "Rounds of each measurement (the median is reported).") var rounds = 3
    @Option(help: "Parallel test cases for the suite.") var jobs = 2

    func validate() throws {
      guard (1...1_000_000).contains(steps), (1...1_000).contains(rounds), (1...256).contains(jobs)
      else {
        throw ValidationError(
          "--steps must be 1 to 1000000, --rounds 1 to 1000 and --jobs 1 to 256")
      }
      try OutputFiles.requirePath(scenarios, option: "--scenarios")
    }

    func run() throws {
      let signals = Interrupt.endingAtOnce()
      defer { withExtendedLifetime(signals) {} }
      let catalog = ScenarioCatalog.load(root: scenarios)
      guard catalog.errors.isEmpty else {
        throw HarnessFailure.input(catalog.errors.map(\.rendered).joined(separator: "\n"))
      }
      var benchmark = SuiteBenchmark(sut: RunSetup.bundledSimulator(), jobs: jobs)
      benchmark.crypto = .rsa
      var suite: [SuiteBenchmark.Figure] = []
      var long: [SuiteBenchmark.Figure] = []
      for round in 1...rounds {
        let s = benchmark.suite(catalog.scenarios)
        let l = benchmark.longSession(steps: steps)
        suite.append(s)
        long.append(l)
        Output.print(
          "round \(round): suite \(s.cases) cases, \(s.steps) steps in \(format(s.seconds, 3)) s; "
            + "long session \(l.steps) steps in \(format(l.seconds, 3)) s")
        if s.failures + l.failures > 0 {
          throw HarnessFailure(
            message: "error: \(s.failures + l.failures) test case(s) did not pass", exitCode: 1)
        }
      }
      let s = suite.sorted { $0.seconds < $1.seconds }[suite.count / 2]
      let l = long.sorted { $0.seconds < $1.seconds }[long.count / 2]
      Output.print(
        "suite (median): \(format(s.seconds, 3)) s for \(s.cases) scenarios = "
          + "\(format(Double(s.cases) / s.seconds, 1)) scenarios/s, "
          + "\(format(Double(s.steps) / s.seconds, 0)) steps/s (jobs \(jobs)); goal < 5 s")
      Output.print(
        "adapter (median): \(format(Double(l.steps) / l.seconds, 0)) steps/s in one session "
          + "(\(format(Double(l.steps) / l.seconds / 20_000, 2))x the 20,000 goal)")
    }
  }
}

/// A fixed-point decimal rendering without Foundation.
func format(_ value: Double, _ decimals: Int) -> String {
  guard value.isFinite else { return "\(value)" }
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let scaled = (value * scale).rounded()
  let whole = Int(scaled / scale)
  guard decimals > 0 else { return String(whole) }
  let fraction = Int(abs(scaled - Double(whole) * scale))
  let digits = String(fraction)
  return "\(whole).\(String(repeating: "0", count: decimals - digits.count))\(digits)"
}
