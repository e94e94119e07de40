package import ReferenceModel

/// Pins each step's expectation from the model, for `harness scenarios --update` and `--check`.
///
/// Spec: issue #4 "Each step's expected outcome is pinned in the file, written by
/// `harness scenarios --update` from the model and verified by `--check`".
package enum ScenarioUpdater {
  /// The scenario with every expectation replaced by the model's answer.
  package static func pinned(
    _ scenario: Scenario, configuration: ModelConfiguration = ModelConfiguration()
  ) -> Scenario {
    runOnModel(scenario, configuration: configuration).pinned
  }

  /// The file text `--update` would write (the same as the file when it is up to date).
  package static func updatedText(_ scenario: Scenario) -> String {
    ScenarioWriter.render(pinned(scenario))
  }

  /// `[harness]` steps the model cannot do (a file no step wrote, say), with the reason: the
  /// scenario itself is wrong, and a run would blame the SUT for it.
  package static func impossibleActions(_ scenario: Scenario) -> [(line: Int, problem: String)] {
    runOnModel(scenario).impossible
  }

  /// `updatedText` and `impossibleActions` from one run of the model, for the lint.
  package static func review(_ scenario: Scenario) -> (
    text: String, impossible: [(line: Int, problem: String)]
  ) {
    let run = runOnModel(scenario)
    return (ScenarioWriter.render(run.pinned), run.impossible)
  }

  /// Runs the scenario on the model: each step's expectation, and the `[harness]` steps it
  /// could not do. Outcomes depend only on which key signed, so symbolic keys pin what RSA
  /// keys give.
  private static func runOnModel(
    _ scenario: Scenario, configuration: ModelConfiguration = ModelConfiguration()
  ) -> (pinned: Scenario, impossible: [(line: Int, problem: String)]) {
    var model = ModelWorkbench(
      state: ClusterState(configuration: configuration), keys: .symbolic(scenario.keys),
      verifier: .symbolic)
    var pinned = scenario
    var impossible: [(line: Int, problem: String)] = []
    for index in pinned.steps.indices {
      let step = model.run(pinned.steps[index])
      pinned.steps[index].expectation = step.expectation
      if case .done(let problem?) = step {
        impossible.append((pinned.steps[index].lineNumber, problem))
      }
    }
    return (pinned, impossible)
  }

  /// Steps whose pinned expectation differs from the model's: (line, pinned, model).
  package static func stale(_ scenario: Scenario) -> [(line: Int, pinned: String, model: String)] {
    let fresh = pinned(scenario)
    return zip(scenario.steps, fresh.steps).compactMap { old, new in
      guard old.expectation != new.expectation else { return nil }
      return (
        old.lineNumber, old.expectation.map(ScenarioWriter.text) ?? "(none)",
        new.expectation.map(ScenarioWriter.text) ?? "(none)"
      )
    }
  }
}
