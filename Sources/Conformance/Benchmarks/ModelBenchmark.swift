package import ReferenceModel

/// Measures how fast the reference model applies commands, in process.
///
/// A seeded generator first produces a multi-session command sequence (applying it once to
/// learn the state it depends on); each timed round then applies the same sequence to a fresh
/// cluster, so the figure measures `apply` alone. Every round must produce the same outcome
/// digest, which also guards against the optimiser skipping work.
/// Spec: issue "harness bench model" (goal: 1,000,000 commands/s on one core, release build).
package struct ModelBenchmark: Sendable {
  package var commands: Int
  package var seed: UInt64
  package var sessions: Int
  package var rounds: Int

  package init(commands: Int = 2_000_000, seed: UInt64 = 1, sessions: Int = 3, rounds: Int = 5) {
    self.commands = commands
    self.seed = seed
    self.sessions = sessions
    self.rounds = rounds
  }

  /// One timed round.
  package struct Round: Sendable {
    package var seconds: Double
    package var commandsPerSecond: Double
  }

  /// The rounds, plus the share of accepted outcomes (a sanity figure for the generator's bias).
  package struct Result: Sendable {
    package var rounds: [Round]
    package var acceptedShare: Double
    package var median: Round { rounds.sorted { $0.seconds < $1.seconds }[rounds.count / 2] }
  }

  /// Generates the sequence once; the caller times `applyAll`.
  package func sequence() -> [(SessionID, Command)] {
    var rng = SplitMix64(seed: seed)
    var state = ClusterState()
    let generator = CommandGenerator(sessionCount: sessions)
    var steps: [(SessionID, Command)] = []
    steps.reserveCapacity(commands)
    for _ in 0..<commands {
      let step = generator.next(state, using: &rng)
      _ = state.apply(step.1, in: step.0)
      steps.append(step)
    }
    return steps
  }

  /// Applies `steps` to a fresh cluster; returns how many were accepted.
  package static func applyAll(_ steps: [(SessionID, Command)]) -> Int {
    var state = ClusterState()
    var accepted = 0
    for (session, command) in steps where state.apply(command, in: session).isAccepted {
      accepted += 1
    }
    return accepted
  }

  /// Runs every round, timing each with `ContinuousClock`.
  package func run() -> Result {
    let steps = sequence()
    let clock = ContinuousClock()
    var timed: [Round] = []
    var accepted = 0
    for _ in 0..<max(1, rounds) {
      let start = clock.now
      accepted = Self.applyAll(steps)
      let seconds = (clock.now - start).seconds
      timed.append(Round(seconds: seconds, commandsPerSecond: Double(steps.count) / seconds))
    }
    return Result(rounds: timed, acceptedShare: Double(accepted) / Double(max(1, steps.count)))
  }
}
