package import ReferenceModel

/// A generated test case: typed steps in sessions, as `harness explore` runs and shrinks them.
///
/// Steps stay typed (a `Command`, or `nil` for end of input) so that shrinking can simplify
/// arguments consistently; `scenario` prints them as CloudHSM CLI lines.
/// Spec: issue #5 "harness explore".
package struct Trace: Hashable, Sendable {
  /// One step: a command in a session, or the end of that session's input.
  package struct Step: Hashable, Sendable {
    package var session: SessionID
    package var command: Command?
    /// Answers to the command's questions (when it omits its password).
    package var answers: [String]

    package init(session: SessionID, command: Command?, answers: [String] = []) {
      self.session = session
      self.command = command
      self.answers = answers
    }

    package var scenarioStep: Scenario.Step {
      Scenario.Step(
        session: session,
        line: command.map { CommandLinePrinter.text(for: .command($0)) } ?? Scenario.endOfInput,
        answers: answers)
    }
  }

  package var steps: [Step]

  package init(steps: [Step]) { self.steps = steps }

  /// The trace as a scenario (expectations not pinned).
  package func scenario(id: String, description: String, rules: [RuleID], spec: String)
    -> Scenario
  {
    Scenario(
      id: id, path: id + ".scenario", description: description, rules: rules, spec: spec,
      steps: steps.map(\.scenarioStep))
  }
}

/// Runs traces against a SUT and the model in lockstep.
///
/// Spec: issue #5 ("runs them on the SUT and on the model in lockstep, and compares every
/// answer").
package struct TraceRunner: Sendable {
  package var sut: any SystemUnderTest
  package var level: ComparisonLevel
  package var configuration: ModelConfiguration

  package init(
    sut: any SystemUnderTest, level: ComparisonLevel,
    configuration: ModelConfiguration = ModelConfiguration()
  ) {
    self.sut = sut
    self.level = level
    self.configuration = configuration
  }

  /// What running a trace found.
  package enum Finding: Sendable {
    /// No divergence; the number of steps run.
    case agreed
    /// The divergences of the first diverging step (1-based index into the trace).
    case diverged(step: Int, [Divergence])
    /// The SUT could not be judged.
    case error(String)

    package var divergences: [Divergence] {
      if case .diverged(_, let divergences) = self { return divergences }
      return []
    }
  }

  /// Runs the whole trace on a fresh cluster; stops at the first diverging step.
  package func run(_ trace: Trace) -> Finding {
    let scenario = trace.scenario(id: "explore/trace", description: "", rules: [], spec: "")
    let connection: any CaseConnection
    do { connection = try sut.startCase(scenario, keys: .empty) } catch { return .error(error.description) }
    defer { _ = connection.close() }
    var model = ClusterState(configuration: configuration)
    let comparator = Comparator(level: level, scenario: scenario.id)
    do {
      for (index, step) in scenario.steps.enumerated() {
        let expected = model.run(step)
        let observed = try connection.send(step)
        let divergences = comparator.compare(expected, observed, step: index + 1, step)
        if !divergences.isEmpty { return .diverged(step: index + 1, divergences) }
      }
      if level != .outcome {
        let state = comparator.compareState(
          expected: model.userListData, observed: try connection.userList())
        if !state.isEmpty { return .diverged(step: scenario.steps.count, state) }
      }
    } catch {
      return .error(error.description)
    }
    return .agreed
  }
}
