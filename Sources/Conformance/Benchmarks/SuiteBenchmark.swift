import ReferenceModel

/// Measures the suite and the process adapter against a SUT, through real processes.
///
/// Two figures: the whole scenario suite (scenarios/s and steps/s, parallel as `harness run`),
/// and one long session of `steps` commands (steps/s through one adapter, which is what the
/// per-step cost of the protocol and the SUT amounts to without process start-up).
/// Spec: issue #4 "harness bench suite" (goals: suite under 5 s on 2 cores; 20,000 steps/s).
package struct SuiteBenchmark: Sendable {
  package var sut: any SystemUnderTest
  package var jobs: Int
  package var crypto: TokenCrypto = .symbolic

  package init(sut: any SystemUnderTest, jobs: Int) {
    self.sut = sut
    self.jobs = jobs
  }

  /// One measurement.
  package struct Figure: Sendable {
    package var seconds: Double
    package var cases: Int
    package var steps: Int
    package var failures: Int
  }

  /// Runs the whole suite once.
  package func suite(_ scenarios: [Scenario]) -> Figure {
    let clock = ContinuousClock()
    let start = clock.now
    let results = Runner(sut: sut, jobs: jobs, crypto: crypto).run(scenarios)
    let seconds = (clock.now - start).seconds
    return Figure(
      seconds: seconds, cases: results.count, steps: Runner.stepCount(scenarios),
      failures: results.filter { $0.verdict != .pass }.count)
  }

  /// One session sending `steps` commands: activation and login, then a mix of `user list`,
  /// own password changes, and refused commands.
  package func longSession(steps: Int) -> Figure {
    let scenario = Self.longScenario(steps: steps)
    let clock = ContinuousClock()
    let start = clock.now
    let result = Runner(sut: sut, jobs: 1).runCase(scenario)
    let seconds = (clock.now - start).seconds
    return Figure(
      seconds: seconds, cases: 1, steps: scenario.steps.count,
      failures: result.verdict == .pass ? 0 : 1)
  }

  static func longScenario(steps: Int) -> Scenario {
    var lines = [
      "cluster activate --password Admin-pw1",
      "login --username admin --role admin --password Admin-pw1",
    ]
    let cycle = [
      "user list",
      "user change-password --username admin --role admin --password Admin-pw1",
      "user create --username x --role admin --password short",
      "user delete --username nobody --role crypto-user",
    ]
    while lines.count < steps { lines.append(cycle[lines.count % cycle.count]) }
    return Scenario(
      id: "bench/long-session", path: "bench/long-session.scenario",
      description: "a long session for the adapter benchmark", rules: ["HSM-LIST-001"],
      spec: "benchmark", steps: lines.map { Scenario.Step(session: "bench", line: $0) })
  }
}

extension Duration {
  /// The duration in seconds, as a `Double`.
  package var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) * 1e-18
  }
}
