package import ReferenceModel
package import IAMModel

/// One scenario file of the IAM profile (`# profile: iam`): Query API requests made by named
/// callers, each with the model's pinned answer.
///
/// The header is the CloudHSM scenarios' (`id`, `description`, `rules`, `spec`, `requires`)
/// plus `profile: iam`. A step is `[caller] Action Name=value …`: `admin` (and `root`) sign with
/// the SUT description's keys, any other caller with the access key the admin last created for
/// that user in this scenario. `scenarios/README.md` gives the format.
/// Spec: issue #8 "Scenarios under `scenarios/iam/`, same format"; sut-contract.md §3.
package struct IAMScenario: Hashable, Sendable {
  /// A step's pinned answer.
  package enum Expectation: Hashable, Sendable {
    /// `=> ok RULE` or `=> ok RULE DATA`: success, with the compared fields when there are any.
    case ok(rule: RuleID, data: JSONValue?)
    /// `=> error RULE Code`: an `ErrorResponse` with this code.
    case error(rule: RuleID, code: String)
  }

  /// One request.
  package struct Step: Hashable, Sendable {
    package var caller: SessionID
    package var action: IAMAction
    /// Parameters in the order written.
    package var parameters: [Parameter]
    package var expectation: Expectation?
    package var comments: [String]
    package var lineNumber: Int

    package init(
      caller: SessionID, action: IAMAction, parameters: [Parameter] = [],
      expectation: Expectation? = nil, comments: [String] = [], lineNumber: Int = 0
    ) {
      self.caller = caller
      self.action = action
      self.parameters = parameters
      self.expectation = expectation
      self.comments = comments
      self.lineNumber = lineNumber
    }

    /// The value of `name`, if given.
    package subscript(name: String) -> String? { parameters.last { $0.name == name }?.value }

    /// The step as written after `[caller] `, in canonical form.
    package var line: String {
      ([action.rawValue] + parameters.map { "\($0.name)=\(IAMScenarioWriter.value($0.value))" })
        .joined(separator: " ")
    }

    /// The model's request (with `PolicyDocument` read as JSON when it is JSON).
    package var request: IAMRequest {
      let pairs = [("Action", action.rawValue)] + parameters.map { ($0.name, $0.value) }
      switch IAMWire.modelRequest(pairs) {
      case .success(let request): return request
      case .failure: return IAMRequest(action)
      }
    }
  }

  /// `Name=value`.
  package struct Parameter: Hashable, Sendable {
    package var name: String
    package var value: String
    package init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The callers that sign with the SUT description's keys rather than a created key.
  package static let accountCallers: Set<SessionID> = ["admin", "root"]

  package var id: String
  package var path: String
  package var description: String
  package var rules: [RuleID]
  package var spec: String
  package var requires: [String]
  package var steps: [Step]

  package init(
    id: String, path: String, description: String, rules: [RuleID], spec: String,
    requires: [String] = [], steps: [Step]
  ) {
    self.id = id
    self.path = path
    self.description = description
    self.rules = rules
    self.spec = spec
    self.requires = requires
    self.steps = steps
  }
}

/// The model's side of an IAM scenario: one fresh account, callers mapped to principals.
///
/// `admin` and `root` are the root user in the model (the admin's requests only arrange a case,
/// and a SUT's admin may be an IAM user with every permission); others are IAM users.
/// Spec: sut-contract.md §3.
package struct IAMCaseModel: Sendable {
  package var account: IAMAccount

  package init(configuration: IAMConfiguration = IAMConfiguration()) {
    account = IAMAccount(configuration: configuration)
  }

  package static func principal(_ caller: SessionID) -> IAMPrincipal {
    IAMScenario.accountCallers.contains(caller) ? .root : .user(caller.rawValue)
  }

  /// The model's outcome of a step; time stands still within a case.
  package mutating func run(_ step: IAMScenario.Step) -> IAMOutcome {
    account.apply(step.request, as: Self.principal(step.caller), at: .origin)
  }
}

extension IAMOutcome {
  /// The expectation line that pins this outcome.
  package var expectation: IAMScenario.Expectation {
    switch result {
    case .accepted(let value): .ok(rule: rule, data: value.comparable)
    case .rejected(let error): .error(rule: rule, code: error.code.rawValue)
    }
  }
}
