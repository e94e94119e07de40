import Dispatch
package import ReferenceModel
import Synchronization

/// Model-based random testing: generated traces run on a SUT and on the model in lockstep.
///
/// Episodes are traces of `TraceGenerator.length` steps on a fresh cluster, each generated from
/// `seed` and its number, so any finding is reproducible from the printed seed. The first
/// divergence stops the run; it is shrunk to a small trace that still diverges on the same
/// rule. `shouldStop` is polled between episodes (Ctrl-C, time limit).
///
/// With `jobs` above 1, episodes run on that many SUT clusters at once, and the result is the
/// one a single job gives: the first episode (by number) that does not agree decides, and the
/// steps counted are those of the episodes before it.
/// Spec: issue #5 "harness explore".
package struct Explorer: Sendable {
  package var runner: TraceRunner
  package var generator: TraceGenerator
  package var seed: UInt64
  package var maximumSteps: Int
  package var shrinkBudget: Int
  /// Episodes run at once (each on its own cluster and session processes).
  package var jobs: Int
  /// Whether each job's thread, and the session processes it starts, stay on one CPU when the
  /// jobs are exactly as many as the CPUs the process may use: see `CPUPinning`. With fewer
  /// jobs nothing is pinned: two runs of one job each (two seeds at once, say) would otherwise
  /// share one CPU while the other idles; runs that fill the CPUs spread over all of them.
  /// Off by default (tests run in parallel); `harness explore` and `harness mutants` turn it on
  /// with the bundled simulator, and `harness bench explore` always.
  package var pinsJobs = false

  package init(
    runner: TraceRunner, generator: TraceGenerator, seed: UInt64, maximumSteps: Int,
    shrinkBudget: Int = 400, jobs: Int = 1, pinsJobs: Bool = false
  ) {
    self.runner = runner
    self.generator = generator
    self.seed = seed
    self.maximumSteps = maximumSteps
    self.shrinkBudget = shrinkBudget
    self.jobs = max(1, jobs)
    self.pinsJobs = pinsJobs
  }

  /// The steps a run without `--steps` stops after when it has no time limit either.
  package static let defaultMaximumSteps = 100_000

  /// The step limit of a run: the one given; else none when a time limit is given (an
  /// overnight `--time 8h` runs 8 hours, not the default 100,000 steps, about 10 seconds);
  /// else `defaultMaximumSteps`.
  package static func maximumSteps(given: Int?, hasTimeLimit: Bool) -> Int {
    given ?? (hasTimeLimit ? Int.max : defaultMaximumSteps)
  }

  /// Progress after each episode.
  package struct Progress: Sendable {
    package var steps: Int
    package var episodes: Int
  }

  /// A divergence and its shrunk reproducer.
  package struct Finding: Sendable {
    package var episodeSeed: UInt64
    package var original: Trace
    package var divergences: [Divergence]
    package var shrunk: Trace
    package var shrunkDivergences: [Divergence]
    package var shrinkEvaluations: Int
    /// Steps run before the divergence was found (the time-to-kill measure).
    package var stepsToFind: Int
  }

  /// What a run did.
  package struct Result: Sendable {
    package var steps: Int
    package var episodes: Int
    package var finding: Finding?
    package var error: String?
    /// With `error`: the sequence that made the SUT fail, up to the step that failed, and the
    /// seed of its episode (a crash or a hang is a finding too, to replay and to keep).
    package var errorTrace: Trace?
    package var errorEpisodeSeed: UInt64 = 0
    package var stopped: Bool
  }

  /// The seed of episode `index` (SplitMix64 of the run seed and the index).
  package func episodeSeed(_ index: Int) -> UInt64 {
    var rng = SplitMix64(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
    return rng.next()
  }

  /// Runs episodes until `maximumSteps`, a divergence, an error or `shouldStop()`;
  /// `progress` is called after each episode that agreed. Both may be called from any of the
  /// `jobs` threads, one call at a time.
  package func run(
    shouldStop: @Sendable () -> Bool = { false },
    progress: @Sendable (Progress) -> Void = { _ in }
  ) -> Result {
    let plan = Mutex(Plan())
    let pins = pinsJobs && jobs == CPUPinning.currentThreadCPUCount
    DispatchQueue.concurrentPerform(iterations: jobs) { job in
      CPUPinning.withPinnedThread(job: job, of: jobs, enabled: pins) {
        runEpisodes(plan, shouldStop: shouldStop, progress: progress)
      }
    }
    return plan.withLock { finish($0) }
  }

  /// One job's loop: episodes until there are none left to hand out.
  private func runEpisodes(
    _ plan: borrowing Mutex<Plan>, shouldStop: @Sendable () -> Bool,
    progress: @Sendable (Progress) -> Void
  ) {
    while let (index, trace) = nextEpisode(plan, shouldStop: shouldStop) {
      let outcome = runner.run(trace)
      plan.withLock { plan in
        if case .agreed = outcome {
          plan.record(index, .agreed(steps: trace.steps.count))
          plan.agreedSteps += trace.steps.count
          plan.agreedEpisodes += 1
          progress(Progress(steps: plan.agreedSteps, episodes: plan.agreedEpisodes))
        } else {
          plan.record(index, .disagreed(trace, outcome))
          plan.firstDisagreement = min(plan.firstDisagreement ?? index, index)
        }
      }
    }
  }

  /// The episodes handed out and what they found.
  ///
  /// Only what a result needs is kept: the episodes that agreed, from the first on without a
  /// gap, are counted and forgotten (an overnight run has millions), and a trace is kept only
  /// for an episode that did not agree.
  private struct Plan: Sendable {
    enum Done: Sendable {
      case agreed(steps: Int)
      case disagreed(Trace, TraceRunner.Finding)
    }

    var nextIndex = 0
    /// Steps of the episodes handed out (each is cut to fit `maximumSteps`).
    var plannedSteps = 0
    /// Episodes `0..<agreedPrefix` all agreed, with `agreedPrefixSteps` steps.
    var agreedPrefix = 0
    var agreedPrefixSteps = 0
    /// Finished episodes after the prefix.
    var done: [Int: Done] = [:]
    var firstDisagreement: Int?
    var stopped = false
    /// For progress: every episode that agreed so far, in any order.
    var agreedSteps = 0
    var agreedEpisodes = 0

    mutating func record(_ index: Int, _ outcome: Done) {
      done[index] = outcome
      while case .agreed(let steps)? = done[agreedPrefix] {
        done[agreedPrefix] = nil
        agreedPrefix += 1
        agreedPrefixSteps += steps
      }
    }
  }

  /// The next episode to run, or nil when the run is over for this thread: the step budget is
  /// planned, an earlier episode disagreed, or `shouldStop()`.
  private func nextEpisode(_ plan: borrowing Mutex<Plan>, shouldStop: () -> Bool) -> (Int, Trace)? {
    plan.withLock { plan -> (Int, Trace)? in
      guard plan.plannedSteps < maximumSteps, !plan.stopped,
        plan.firstDisagreement.map({ plan.nextIndex < $0 }) ?? true
      else { return nil }
      if shouldStop() {
        plan.stopped = true
        return nil
      }
      let index = plan.nextIndex
      var trace = generator.trace(seed: episodeSeed(index))
      trace.steps = Array(trace.steps.prefix(maximumSteps - plan.plannedSteps))
      plan.nextIndex += 1
      plan.plannedSteps += trace.steps.count
      return (index, trace)
    }
  }

  /// The result a single job gives: episodes in order up to the first that did not agree.
  private func finish(_ plan: Plan) -> Result {
    // Every episode handed out has finished, so the one after the prefix, if any, disagreed.
    guard case .disagreed(let trace, let outcome)? = plan.done[plan.agreedPrefix] else {
      return Result(
        steps: plan.agreedPrefixSteps, episodes: plan.agreedPrefix, stopped: plan.stopped)
    }
    let episodes = plan.agreedPrefix + 1
    switch outcome {
    case .agreed:
      return Result(
        steps: plan.agreedPrefixSteps, episodes: plan.agreedPrefix, stopped: plan.stopped)
    case .error(let step, let message):
      var failing = trace
      failing.steps = Array(trace.steps.prefix(max(1, step)))
      let place =
        step > trace.steps.count
        ? "the end-of-sequence user list (the state check: replay with --level state) of "
          + "sequence \(episodes)"
        : "step \(step) of sequence \(episodes)"
      return Result(
        steps: plan.agreedPrefixSteps + min(step, trace.steps.count), episodes: episodes,
        error: step > 0 ? "\(place): \(message)" : message,
        errorTrace: step > 0 ? failing : nil, errorEpisodeSeed: episodeSeed(plan.agreedPrefix),
        stopped: false)
    case .diverged(let step, let divergences):
      let steps = plan.agreedPrefixSteps + step
      let episode = episodeSeed(plan.agreedPrefix)
      let finding = shrink(trace, step: step, divergences: divergences, seed: episode)
      return Result(
        steps: steps, episodes: episodes,
        finding: Finding(
          episodeSeed: episode, original: trace, divergences: divergences,
          shrunk: finding.trace, shrunkDivergences: finding.divergences,
          shrinkEvaluations: finding.evaluations, stepsToFind: steps),
        stopped: false)
    }
  }

  /// Whether a shrinking candidate still shows the finding: it diverges on one of the same
  /// rules, and it is a valid test case (a candidate can drop the command that wrote the file
  /// a later `[harness]` step approves; the model cannot do that step, and such a trace would
  /// be a wrong scenario, not a reproducer).
  package static func reproduces(_ rules: Set<RuleID>, _ finding: TraceRunner.Finding) -> Bool {
    let divergences = finding.divergences
    return !divergences.contains(where: \.scenarioIsWrong)
      && divergences.contains { rules.contains($0.rule) }
  }

  private func shrink(_ trace: Trace, step: Int, divergences: [Divergence], seed: UInt64) -> (
    trace: Trace, divergences: [Divergence], evaluations: Int
  ) {
    let rules = Set(divergences.map(\.rule))
    let runner = self.runner
    var shrinker = Shrinker(budget: shrinkBudget) { candidate in
      Self.reproduces(rules, runner.run(candidate))
    }
    let shrunk = shrinker.shrink(trace, divergingStep: step)
    let final = runner.run(shrunk).divergences
    return (shrunk, final.isEmpty ? divergences : final, shrinker.evaluations)
  }
}

/// The ready-to-commit scenario a finding becomes: `scenarios/regressions/<key>.scenario`.
///
/// Spec: issue #5 ("writes it as a ready-to-commit scenarios/regressions/<key>.scenario").
package enum Regression {
  /// The file's path under the scenarios folder and its text (expectations pinned from the
  /// model, so the file passes on the reference and fails on the SUT that diverged).
  package static func scenario(
    for finding: Explorer.Finding, sutName: String, runSeed: UInt64
  ) -> (path: String, text: String) {
    let divergence = finding.shrunkDivergences.first ?? finding.divergences.first
    let rule = divergence?.rule ?? "HSM-ORDER-001"
    let lines = finding.shrunk.steps.map { "\($0.session) \($0.scenarioStep.line)" }
    let key = rule.rawValue.lowercased() + "-" + hexHash(lines.joined(separator: "\n"))
    let id = "regressions/\(key)"
    let description =
      "Found by harness explore (seed \(runSeed), episode seed \(finding.episodeSeed)) against "
      + "\(sutName.isEmpty ? "a SUT" : sutName): step \(divergence?.step ?? 0) `\(divergence?.command ?? "")`"
      + " expected \(divergence?.expected.prefix(80) ?? "") but observed "
      + "\(divergence?.observed.prefix(80) ?? "")."
    let spec = RuleCatalogue.rule(rule)?.sourceText ?? "regression"
    let scenario = finding.shrunk.scenario(
      id: id, description: oneLine(description), rules: [rule], spec: oneLine(spec))
    return (id + ".scenario", ScenarioUpdater.updatedText(scenario))
  }

  /// The reproducer of a SUT failure (a crash, a hang, output that is not an answer): the
  /// sequence up to the failing step, with the model's expectations, so that running it
  /// against that SUT gives the same `error` verdict.
  package static func errorScenario(
    for trace: Trace, error: String, episodeSeed: UInt64, sutName: String, runSeed: UInt64
  ) -> (path: String, text: String) {
    let lines = trace.steps.map { "\($0.session) \($0.scenarioStep.line)" }
    let id = "regressions/sut-error-" + hexHash(lines.joined(separator: "\n"))
    // Pinned once; the header is then filled in from the expectations.
    var scenario = ScenarioUpdater.pinned(
      trace.scenario(id: id, description: "", rules: [], spec: ""))
    // The rule of the last command the model judged (a `[harness]` step has none).
    let rule =
      scenario.steps.reversed().lazy.compactMap { step -> RuleID? in
        switch step.expectation {
        case .ok(let rule, _)?, .error(let rule)?: rule
        default: nil
        }
      }.first ?? "HSM-ACT-001"
    let description =
      "Found by harness explore (seed \(runSeed), episode seed \(episodeSeed)) against "
      + "\(sutName.isEmpty ? "a SUT" : sutName): the SUT failed at the last step: "
      + String(error.prefix(200))
    scenario.description = oneLine(description)
    scenario.rules = [rule]
    scenario.spec = oneLine(RuleCatalogue.rule(rule)?.sourceText ?? "regression")
    return (id + ".scenario", ScenarioWriter.render(scenario))
  }

  private static func oneLine(_ text: String) -> String {
    String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }

  /// FNV-1a, 32 bits, as 8 hex digits: a short stable name for the reproducer.
  static func hexHash(_ text: String) -> String {
    var hash: UInt32 = 0x811C_9DC5
    for byte in text.utf8 {
      hash ^= UInt32(byte)
      hash = hash &* 0x0100_0193
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }
}
