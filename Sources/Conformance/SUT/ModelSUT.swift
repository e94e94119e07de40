package import ReferenceModel

/// The reference model in process, playing the SUT (NIOEmbedded's role in swift-nio).
///
/// Running the suite against it must pass by construction; it also computes the pinned
/// expectations of `harness scenarios --update`.
/// Spec: house-style.md §1 "ModelSUT".
package struct ModelSUT: SystemUnderTest {
  package var configuration: ModelConfiguration
  package var name: String
  package var verifier: SignatureVerifier
  package var capabilities: [String]

  package init(
    configuration: ModelConfiguration = ModelConfiguration(),
    name: String = "reference model (in process)", verifier: SignatureVerifier = .symbolic,
    capabilities: [String] = ScenarioCatalog.allCapabilities
  ) {
    self.configuration = configuration
    self.name = name
    self.verifier = verifier
    self.capabilities = capabilities
  }

  package var summary: RunReport.SUTSummary {
    RunReport.SUTSummary(name: name, profile: "cloudhsm-cli", capabilities: capabilities)
  }

  package func startCase(_ scenario: Scenario, keys: KeyRing) throws(AdapterError)
    -> any CaseConnection
  {
    ModelConnection(
      workbench: ModelWorkbench(
        state: ClusterState(configuration: configuration), keys: keys, verifier: verifier))
  }
}

/// The model's answers to one scenario, step by step.
///
/// Spec: scenarios/README.md "Expectations".
package enum ModelStep: Hashable, Sendable {
  case outcome(Outcome)
  case help(String)
  case ended
  /// A `[harness]` action was done, or could not be (the reason).
  case done(String?)

  /// The expectation line this step pins.
  package var expectation: Scenario.Expectation {
    switch self {
    case .outcome(let outcome):
      switch outcome.result {
      case .accepted(let data): .ok(rule: outcome.rule, data: data)
      case .rejected: .error(rule: outcome.rule)
      }
    case .help: .help
    case .ended: .ended
    case .done: .done
    }
  }
}

extension ClusterState {
  /// Runs one scenario step on the model, without files (token-sign commands fail on them).
  package mutating func run(_ step: Scenario.Step) -> ModelStep {
    var files: [String: FileInput] = [:]
    return run(step, files: &files, keys: .empty, verifier: .refusing)
  }

  /// Runs one scenario step on the model and the in-memory `files`, signing with `keys`.
  mutating func run(
    _ step: Scenario.Step, files: inout [String: FileInput], keys: KeyRing,
    verifier: SignatureVerifier
  ) -> ModelStep {
    if let action = step.action {
      if case .failure(let error) = action.perform(on: &files, keys: keys) {
        return .done(error.message)
      }
      return .done(nil)
    }
    if step.isEndOfInput {
      endSession(step.session)
      return .ended
    }
    let response = execute(
      line: Array(step.line.utf8), answers: step.answers, in: step.session, files: &files,
      keys: keys, verifier: verifier)
    switch response {
    case .outcome(let outcome): return .outcome(outcome)
    case .help(let text): return .help(text)
    case .quit:
      endSession(step.session)
      return .ended
    case .nothing: return .help("")
    }
  }
}

extension ModelWorkbench {
  /// Runs one scenario step on the model and its in-memory files.
  package mutating func run(_ step: Scenario.Step) -> ModelStep {
    state.run(step, files: &files, keys: keys, verifier: verifier)
  }
}

/// A scenario's sessions on the in-process model.
final class ModelConnection: CaseConnection {
  var workbench: ModelWorkbench

  init(workbench: ModelWorkbench) { self.workbench = workbench }

  func send(_ step: Scenario.Step) throws(AdapterError) -> Observation {
    switch workbench.run(step) {
    case .outcome(let outcome): .answer(outcome.envelope)
    case .help(let text): .help(text: text, json: [])
    case .ended: .ended
    case .done(let problem): .done(problem)
    }
  }

  func userList() throws(AdapterError) -> JSONValue {
    .object([("error_code", .int(0)), ("data", workbench.state.userListData)])
  }

  func close() -> String { "" }
}
