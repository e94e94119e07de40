import ArgumentParser
import Conformance
import Foundation
import ReferenceModel

extension BenchCommand {
  /// `harness bench explore`: the explorer against its Hypothesis peer, in one run.
  struct ExploreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "explore",
      abstract:
        "Compare harness explore with a Hypothesis state machine: steps/s and time-to-kill.",
      discussion: """
        Both drive the same bundled simulator through the same process interface. First the \
        throughput against the true simulator (--steps each), then the time to the first \
        divergence against each mutant (--budget seconds each; a mutant not killed counts as \
        the budget). Prints both medians and the ratios (goal: 10x). The peer is \
        benchmarks/hypothesis_peer.py (python3 with hypothesis, installed from PyPI if missing). \
        Both sides test the same rules: the peer models the password and user rules, so explore \
        runs without token moves and the MFA and quorum mutants are left out. Explore runs \
        --jobs sequences at once; the peer, one Hypothesis run, runs one at a time. \
        benchmarks/compare.py is the fuller version (repeats, medians, a results file).
        """)

    @Option(help: "Steps for the throughput part.") var steps = 10_000
    @Option(help: "Seconds each tool gets per mutant.") var budget = 30
    @Option(help: "How many mutants (the first N of --list-mutants; 0 for all).") var mutants = 0
    @Option(help: "The peer script.") var peer = "benchmarks/hypothesis_peer.py"
    @Option(help: "Seed for both tools.") var seed: UInt64 = 1
    @Option(help: "Sequences explore runs at once (as harness explore --jobs).") var jobs = 2

    func validate() throws {
      guard steps > 0, (1...86_400).contains(budget), (1...256).contains(jobs), mutants >= 0 else {
        throw ValidationError(
          "--steps must be positive, --budget 1 to 86400, --jobs 1 to 256 and --mutants 0 or more")
      }
    }

    func run() throws {
      let signals = Interrupt.endingAtOnce()
      defer { withExtendedLifetime(signals) {} }
      let executable = RunSetup.executable
      let ours = try explore(nil, steps: steps, seconds: nil)
      let theirs = try runPeer(executable, mutant: nil, steps: steps, seconds: nil)
      Output.print(
        "throughput: harness \(format(ours.rate, 0)) steps/s, hypothesis "
          + "\(format(theirs.rate, 0)) steps/s, ratio \(format(ours.rate / max(theirs.rate, 0.001), 1))x"
      )
      // The peer does not model the MFA and quorum rules (compare.py's `token_rule`).
      let comparable = Mutant.allCases.filter { !$0.rule.isTokenRule }
      let chosen = mutants == 0 ? comparable : Array(comparable.prefix(mutants))
      var ourTimes: [Double] = []
      var theirTimes: [Double] = []
      Output.print(
        "| mutant | harness time-to-kill | hypothesis time-to-kill |\n| --- | --- | --- |")
      for mutant in chosen {
        let a = try explore(mutant, steps: Int.max / 2, seconds: Double(budget))
        let b = try runPeer(executable, mutant: mutant, steps: Int.max / 2, seconds: budget)
        ourTimes.append(a.timeToKill ?? Double(budget))
        theirTimes.append(b.timeToKill ?? Double(budget))
        Output.print(
          "| \(mutant.rawValue) | \(a.timeToKill.map { format($0, 2) + " s" } ?? "not killed") | "
            + "\(b.timeToKill.map { format($0, 2) + " s" } ?? "not killed") |")
      }
      let ourMedian = median(ourTimes)
      let theirMedian = median(theirTimes)
      Output.print(
        "median time-to-kill: harness \(format(ourMedian, 2)) s, hypothesis "
          + "\(format(theirMedian, 2)) s, ratio \(format(theirMedian / max(ourMedian, 0.001), 1))x")
    }

    struct Figures {
      var rate: Double
      var timeToKill: Double?
    }

    private func explore(_ mutant: Mutant?, steps: Int, seconds: Double?) throws -> Figures {
      let sut = RunSetup.bundledSimulator(mutant: mutant)
      let explorer = Explorer(
        runner: try RunSetup.traceRunner(sut: sut, level: .strict, tokenMoves: false),
        generator: TraceGenerator(tokenShare: 0), seed: seed, maximumSteps: steps,
        shrinkBudget: 0, jobs: jobs, pinsJobs: true)
      let clock = ContinuousClock()
      let start = clock.now
      let result = explorer.run(shouldStop: {
        seconds.map { (clock.now - start).seconds >= $0 } ?? false
      })
      let elapsed = (clock.now - start).seconds
      return Figures(
        rate: Double(result.steps) / max(elapsed, 0.001),
        timeToKill: result.finding == nil ? nil : elapsed)
    }

    private func runPeer(_ harness: String, mutant: Mutant?, steps: Int, seconds: Int?) throws
      -> Figures
    {
      var arguments = [peer, "--harness", harness, "--seed", String(seed)]
      if let mutant { arguments += ["--mutant", mutant.rawValue] }
      if steps < Int.max / 2 { arguments += ["--steps", String(steps)] }
      if let seconds { arguments += ["--max-seconds", String(seconds)] }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3"] + arguments
      let output = Pipe()
      process.standardOutput = output
      // The peer and its sessions on one CPU, as each explore job and its sessions are
      // (`CPUPinning`; compare.py does the same): the child inherits the thread's CPUs.
      do { try CPUPinning.withPinnedThread(job: 0, of: 1) { try process.run() } } catch {
        throw HarnessFailure(message: "error: cannot run the peer: \(error)", exitCode: 3)
      }
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      let lastLine = String(decoding: data, as: UTF8.self).split(separator: "\n").last ?? ""
      guard
        let object = try? JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any],
        let rate = object["steps_per_second"] as? Double
      else {
        throw HarnessFailure(
          message: "error: the peer printed no result line (exit \(process.terminationStatus))",
          exitCode: 3)
      }
      return Figures(rate: rate, timeToKill: object["time_to_kill"] as? Double)
    }

    private func median(_ values: [Double]) -> Double {
      let sorted = values.sorted()
      guard !sorted.isEmpty else { return 0 }
      return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
  }
}
