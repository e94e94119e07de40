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
    // Outcomes depend only on which key signed, so symbolic keys pin what RSA keys give.
    var model = ModelWorkbench(
      state: ClusterState(configuration: configuration), keys: .symbolic(scenario.keys),
      verifier: .symbolic)
    var result = scenario
    for index in result.steps.indices {
      result.steps[index].expectation = model.run(result.steps[index]).expectation
    }
    return result
  }

  /// The file text `--update` would write (the same as the file when it is up to date).
  package static func updatedText(_ scenario: Scenario) -> String {
    ScenarioWriter.render(pinned(scenario))
  }

  /// `[harness]` steps the model cannot do (a file no step wrote, say), with the reason: the
  /// scenario itself is wrong, and a run would blame the SUT for it.
  package static func impossibleActions(_ scenario: Scenario) -> [(line: Int, problem: String)] {
    var model = ModelWorkbench(
      state: ClusterState(), keys: .symbolic(scenario.keys), verifier: .symbolic)
    return scenario.steps.compactMap { step in
      guard case .done(let problem?) = model.run(step) else { return nil }
      return (step.lineNumber, problem)
    }
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
