import ArgumentParser
import Conformance

/// `harness bench`: speed measurements, never timed tests.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure the speed of the harness's parts (build with -c release).",
    subcommands: [ModelBench.self])

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
      guard commands > 0, rounds > 0, sessions > 0 else {
        throw ValidationError("--commands, --rounds and --sessions must be positive")
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
