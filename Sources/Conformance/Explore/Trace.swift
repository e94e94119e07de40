package import ReferenceModel

/// A generated test case: typed steps in sessions, as `harness explore` runs and shrinks them.
///
/// Steps stay typed (a `Command`, or `nil` for end of input) so that shrinking can simplify
/// arguments consistently; `scenario` prints them as CloudHSM CLI lines.
/// Spec: issue #5 "harness explore".
package struct Trace: Hashable, Sendable {
  /// One step: a command in a session, the end of that session's input, or a token action
  /// the harness does itself (a `[harness]` step: sign, approve or tamper with a token file).
  package struct Step: Hashable, Sendable {
    package var session: SessionID
    package var command: Command?
    /// Answers to the command's questions: prompted passwords, token-sign directives
    /// (`{sign KEY}`) and public-key paths.
    package var answers: [String]
    /// The `[harness]` token action; `command` is nil then.
    package var action: TokenAction?

    package init(session: SessionID, command: Command?, answers: [String] = []) {
      self.session = session
      self.command = command
      self.answers = answers
    }

    /// A `[harness]` step.
    package static func harness(_ action: TokenAction) -> Step {
      var step = Step(session: Scenario.harnessSession, command: nil)
      step.action = action
      return step
    }

    package var scenarioStep: Scenario.Step {
      if let action {
        return Scenario.Step(session: session, line: action.stepText, answers: [])
      }
      return Scenario.Step(
        session: session,
        line: command.map { CommandLinePrinter.text(for: .command($0)) } ?? Scenario.endOfInput,
        answers: answers)
    }

    /// Whether the step touches token files (so the case needs its keys).
    var usesTokens: Bool {
      action != nil || !(command?.inputFiles.isEmpty ?? true)
        || answers.contains { TokenAction.answerDirective($0) != nil }
    }
  }

  package var steps: [Step]

  package init(steps: [Step]) { self.steps = steps }

  /// The signing keys a trace's token steps may name (`TraceGenerator` uses only these).
  package static let keyNames = ["k1", "k2", "k3"]

  /// The trace as a scenario (expectations not pinned).
  package func scenario(id: String, description: String, rules: [RuleID], spec: String)
    -> Scenario
  {
    var scenario = Scenario(
      id: id, path: id + ".scenario", description: description, rules: rules, spec: spec,
      steps: steps.map(\.scenarioStep))
    if steps.contains(where: \.usesTokens) { scenario.keys = Self.keyNames }
    return scenario
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
  /// The keys of `Trace.keyNames`, made once per run (fresh keys per trace would cost an RSA
  /// key generation each), and the signature check that goes with them.
  package var keys: KeyRing
  package var verifier: SignatureVerifier

  package init(
    sut: any SystemUnderTest, level: ComparisonLevel,
    configuration: ModelConfiguration = ModelConfiguration(),
    keys: KeyRing = .symbolic(Trace.keyNames), verifier: SignatureVerifier = .symbolic
  ) {
    self.sut = sut
    self.level = level
    self.configuration = configuration
    self.keys = keys
    self.verifier = verifier
  }

  /// What running a trace found.
  package enum Finding: Sendable {
    /// No divergence; the number of steps run.
    case agreed
    /// The divergences of the first diverging step (1-based index into the trace).
    case diverged(step: Int, [Divergence])
    /// The SUT could not be judged at `step` (1-based; 0: the case could not start; one past
    /// the trace's length: the end-of-trace state check).
    case error(step: Int, String)

    package var divergences: [Divergence] {
      if case .diverged(_, let divergences) = self { return divergences }
      return []
    }
  }

  /// Runs the whole trace on a fresh cluster; stops at the first diverging step.
  package func run(_ trace: Trace) -> Finding {
    let scenario = trace.scenario(id: "explore/trace", description: "", rules: [], spec: "")
    let keys = scenario.keys.isEmpty ? KeyRing.empty : self.keys
    let connection: any CaseConnection
    do { connection = try sut.startCase(scenario, keys: keys) } catch {
      return .error(step: 0, error.description)
    }
    defer { _ = connection.close() }
    var model = ModelWorkbench(
      state: ClusterState(configuration: configuration), keys: keys, verifier: verifier)
    let comparator = Comparator(level: level, scenario: scenario.id)
    var current = 0
    do {
      for (index, step) in scenario.steps.enumerated() {
        current = index + 1
        let expected = model.run(step)
        let observed = try connection.send(step)
        let divergences = comparator.compare(expected, observed, step: index + 1, step)
        if !divergences.isEmpty { return .diverged(step: index + 1, divergences) }
      }
      try connection.finish()
      if level != .outcome {
        current = scenario.steps.count + 1
        let state = comparator.compareState(
          expected: model.state.userListData, observed: try connection.userList())
        if !state.isEmpty { return .diverged(step: scenario.steps.count, state) }
      }
    } catch {
      return .error(step: current, error.description)
    }
    return .agreed
  }
}
