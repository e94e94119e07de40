package import ReferenceModel

/// The reference model in process, playing the SUT (NIOEmbedded's role in swift-nio).
///
/// Running the suite against it must pass by construction; it also computes the pinned
/// expectations of `harness scenarios --update`.
/// Spec: house-style.md §1 "ModelSUT".
package struct ModelSUT: SystemUnderTest {
  package var configuration: ModelConfiguration
  package var name: String

  package init(
    configuration: ModelConfiguration = ModelConfiguration(),
    name: String = "reference model (in process)"
  ) {
    self.configuration = configuration
    self.name = name
  }

  package var summary: RunReport.SUTSummary {
    RunReport.SUTSummary(name: name, profile: "cloudhsm-cli", capabilities: [])
  }

  package func startCase(_ scenario: Scenario) throws(AdapterError) -> any CaseConnection {
    ModelConnection(state: ClusterState(configuration: configuration))
  }
}

/// The model's answers to one scenario, step by step.
///
/// Spec: scenarios/README.md "Expectations".
package enum ModelStep: Hashable, Sendable {
  case outcome(Outcome)
  case help(String)
  case ended

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
    }
  }
}

extension ClusterState {
  /// Runs one scenario step on the model.
  package mutating func run(_ step: Scenario.Step) -> ModelStep {
    if step.isEndOfInput {
      endSession(step.session)
      return .ended
    }
    switch execute(step.line, answers: step.answers, in: step.session) {
    case .outcome(let outcome): return .outcome(outcome)
    case .help(let text): return .help(text)
    case .quit:
      endSession(step.session)
      return .ended
    case .nothing: return .help("")
    }
  }
}

/// A scenario's sessions on the in-process model.
final class ModelConnection: CaseConnection {
  var state: ClusterState

  init(state: ClusterState) { self.state = state }

  func send(_ step: Scenario.Step) throws(AdapterError) -> Observation {
    switch state.run(step) {
    case .outcome(let outcome): .answer(outcome.envelope)
    case .help(let text): .help(text: text, json: [])
    case .ended: .ended
    }
  }

  func userList() throws(AdapterError) -> JSONValue {
    .object([("error_code", .int(0)), ("data", state.userListData)])
  }

  func close() -> String { "" }
}
