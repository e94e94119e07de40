import Dispatch
package import ReferenceModel
import Synchronization

/// Runs scenarios against a SUT, in parallel, and judges each against the model.
///
/// Each test case gets a fresh cluster on the SUT and on the model; steps run in file order;
/// a SUT that crashes, hangs or prints garbage turns its case into an `error` verdict while the
/// other cases go on. Scenarios needing a capability the SUT lacks are skipped with the reason.
/// Spec: issue #4 "The runner"; sut-contract.md §1 (capabilities), §2 (levels).
package struct Runner: Sendable {
  package var sut: any SystemUnderTest
  package var level: ComparisonLevel
  package var jobs: Int
  package var configuration: ModelConfiguration
  /// Makes each case's signing keys and checks signatures for the model.
  package var crypto: TokenCrypto
  /// Polled before each case and each step (Ctrl-C, SIGTERM): once true, no case or step
  /// starts, and the cases that did not finish get an `error` verdict saying so.
  package var shouldStop: @Sendable () -> Bool = { false }

  /// The error of a case that an interrupted run did not finish.
  package static let interruptedMessage = "not finished: the run was interrupted"

  package init(
    sut: any SystemUnderTest, level: ComparisonLevel = .outcome, jobs: Int = 2,
    configuration: ModelConfiguration = ModelConfiguration(), crypto: TokenCrypto = .symbolic
  ) {
    self.sut = sut
    self.level = level
    self.jobs = max(1, jobs)
    self.configuration = configuration
    self.crypto = crypto
  }

  /// Runs every scenario; `progress(done, total)` is called after each case, from any thread.
  /// With `stopAtFirstDivergence`, no new case starts once one has diverged (the results then
  /// hold only the cases that ran).
  package func run(
    _ scenarios: [Scenario], stopAtFirstDivergence: Bool = false,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) -> [RunReport.CaseResult] {
    let results = Mutex<[RunReport.CaseResult?]>(Array(repeating: nil, count: scenarios.count))
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    let diverged = Atomic<Bool>(false)
    DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, scenarios.count))) { _ in
      while !(stopAtFirstDivergence && diverged.load(ordering: .relaxed)) {
        guard !shouldStop() else { return }
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard index < scenarios.count else { return }
        let result = runCase(scenarios[index])
        if !result.divergences.isEmpty { diverged.store(true, ordering: .relaxed) }
        results.withLock { $0[index] = result }
        let count = done.wrappingAdd(1, ordering: .relaxed).newValue
        progress?(count, scenarios.count)
      }
    }
    if shouldStop() {
      // Interrupted: every case is in the report, those that did not run as errors.
      return results.withLock { ran in
        zip(scenarios, ran).map { scenario, result in
          result
            ?? RunReport.CaseResult(
              scenario: scenario.id, path: scenario.path, description: scenario.description,
              rules: scenario.rules, verdict: .error(message: Self.interruptedMessage))
        }
      }
    }
    return results.withLock { $0.compactMap { $0 } }
  }

  /// The number of steps the scenarios send (for throughput figures).
  package static func stepCount(_ scenarios: [Scenario]) -> Int {
    scenarios.reduce(0) { $0 + $1.steps.count }
  }

  /// Runs one test case.
  package func runCase(_ scenario: Scenario) -> RunReport.CaseResult {
    var result = RunReport.CaseResult(
      scenario: scenario.id, path: scenario.path, description: scenario.description,
      rules: scenario.rules, verdict: .pass)
    if let reason = sut.summary.skipReason(requires: scenario.requires) {
      result.verdict = .skipped(reason: reason)
      return result
    }
    let keys: KeyRing
    switch crypto.makeKeys(scenario.keys) {
    case .success(let ring): keys = ring
    case .failure(let error):
      result.verdict = .error(message: "could not make the case's keys: \(error.message)")
      return result
    }
    var model = ModelWorkbench(
      state: ClusterState(configuration: configuration), keys: keys, verifier: crypto.verifier)
    let comparator = Comparator(level: level, scenario: scenario.id)
    let connection: any CaseConnection
    do {
      connection = try sut.startCase(scenario, keys: keys)
    } catch {
      result.verdict = .error(message: error.description)
      return result
    }
    do {
      var interrupted = false
      for (index, step) in scenario.steps.enumerated() {
        guard !shouldStop() else {
          interrupted = true
          break
        }
        let expected = model.run(step)
        let observed = try connection.send(step)
        result.divergences += comparator.compare(expected, observed, step: index + 1, step)
      }
      if interrupted {
        result.verdict = .error(message: Self.interruptedMessage)
      } else {
        if level != .outcome {
          let observed = try connection.userList()
          result.divergences += comparator.compareState(
            expected: model.state.userListData, observed: observed)
        }
        try connection.finish()
      }
    } catch {
      if case .interrupted = error {
        result.verdict = .error(message: Self.interruptedMessage)
      } else {
        result.verdict = .error(message: error.description)
      }
    }
    result.stderr = connection.close()
    if case .pass = result.verdict, result.divergences.contains(where: { !$0.unspecified }) {
      result.verdict = .fail
    }
    return result
  }
}
