import ReferenceModel
package import IAMModel

/// An IAM endpoint under test, one test case at a time.
///
/// Spec: sut-contract.md §3; house-style.md §1 (`HTTPSUT`).
package protocol IAMSystemUnderTest: Sendable {
  var summary: RunReport.SUTSummary { get }
  /// Arranges a fresh test case (no account password policy).
  func startCase(_ scenario: IAMScenario) throws(AdapterError) -> any IAMCaseConnection
}

/// One IAM test case's connection: sends its steps, then cleans up.
package protocol IAMCaseConnection: AnyObject {
  func send(_ step: IAMScenario.Step) throws(AdapterError) -> IAMObservation
  /// Deletes what the case created; returns notes on what could not be cleaned up.
  func close() -> String
}

/// Runs IAM scenarios against an IAM SUT and judges each step against the model.
///
/// Cases run one after another: the account password policy is account-wide, so cases that
/// set it must not overlap (sut-contract §3), and nearly every case depends on it.
/// Spec: sut-contract.md §2 (levels, strength), §3; issue #8.
package struct IAMRunner: Sendable {
  package var sut: any IAMSystemUnderTest
  package var level: ComparisonLevel
  /// Polled before each case (Ctrl-C, SIGTERM): the cases not run then get an `error`
  /// verdict saying so (`Runner.interruptedMessage`).
  package var shouldStop: @Sendable () -> Bool = { false }

  package init(sut: any IAMSystemUnderTest, level: ComparisonLevel = .outcome) {
    self.sut = sut
    self.level = level
  }

  package func run(
    _ scenarios: [IAMScenario], progress: (@Sendable (Int, Int) -> Void)? = nil
  ) -> [RunReport.CaseResult] {
    var results: [RunReport.CaseResult] = []
    for scenario in scenarios {
      guard !shouldStop() else {
        results.append(
          RunReport.CaseResult(
            scenario: scenario.id, path: scenario.path, description: scenario.description,
            rules: scenario.rules, verdict: .error(message: Runner.interruptedMessage)))
        continue
      }
      results.append(runCase(scenario))
      progress?(results.count, scenarios.count)
    }
    return results
  }

  package func runCase(_ scenario: IAMScenario) -> RunReport.CaseResult {
    var result = RunReport.CaseResult(
      scenario: scenario.id, path: scenario.path, description: scenario.description,
      rules: scenario.rules, verdict: .pass)
    if let reason = sut.summary.skipReason(requires: scenario.requires) {
      result.verdict = .skipped(reason: reason)
      return result
    }
    let connection: any IAMCaseConnection
    do {
      connection = try sut.startCase(scenario)
    } catch {
      result.verdict = .error(message: error.description)
      return result
    }
    var model = IAMCaseModel()
    let comparator = IAMComparator(level: level, scenario: scenario.id)
    for (index, step) in scenario.steps.enumerated() {
      let expected = model.run(step)
      do {
        let observed = try connection.send(step)
        result.divergences += comparator.compare(expected, observed, step: index + 1, step)
      } catch {
        result.verdict = .error(
          message: "step \(index + 1) (model: \(IAMComparator.describe(expected)), "
            + "\(expected.rule)): \(error.description)")
        break
      }
    }
    result.stderr = connection.close()
    if case .pass = result.verdict, result.divergences.contains(where: { !$0.unspecified }) {
      result.verdict = .fail
    }
    return result
  }
}

/// Compares one IAM reply with the model's outcome and names the rule that differs.
///
/// Success against failure is an `outcome` divergence on the deciding rule; two failures with
/// different codes a `code` divergence on the rule behind the model's code; two successes with
/// different compared fields a `data` divergence. An `AccessDenied` where the model authorized
/// the request is attributed to the rule that authorized it (for example the documented
/// `${aws:username}` policy, IAM-AUTHZ-001), since nothing after authorization was reached.
/// Spec: sut-contract.md §3 (the `Code` is compared), §2 (strength, unspecified).
package struct IAMComparator: Sendable {
  package var level: ComparisonLevel
  package var scenario: String

  package init(level: ComparisonLevel, scenario: String) {
    self.level = level
    self.scenario = scenario
  }

  package func compare(
    _ expected: IAMOutcome, _ observed: IAMObservation, step number: Int, _ step: IAMScenario.Step
  ) -> [Divergence] {
    switch (expected.result, observed) {
    case (.accepted(let result), .success(let data, _)):
      guard let wanted = result.comparable, wanted.normalized != data?.normalized else { return [] }
      return [
        make(
          number, step, "data", wanted.compactText, data?.compactText ?? "(nothing)", expected.rule)
      ]
    case (.rejected(let error), .failure(_, let code, _)):
      guard error.code.rawValue != code else { return [] }
      let rule =
        code == "AccessDenied" ? expected.grant ?? expected.ruleForCode : expected.ruleForCode
      return [
        make(number, step, "code", Self.describe(expected), Self.describe(observed), rule)
      ]
    case (.accepted, .failure(_, "AccessDenied", _)):
      return [
        make(
          number, step, "outcome", Self.describe(expected), Self.describe(observed),
          expected.grant ?? expected.rule)
      ]
    default:
      return [
        make(
          number, step, "outcome", Self.describe(expected), Self.describe(observed), expected.rule)
      ]
    }
  }

  package static func describe(_ outcome: IAMOutcome) -> String {
    switch outcome.result {
    case .accepted(let result): "success" + (result.comparable.map { ": " + $0.compactText } ?? "")
    case .rejected(let error): "error \(error.code) (HTTP \(error.code.httpStatus))"
    }
  }

  package static func describe(_ observation: IAMObservation) -> String {
    switch observation {
    case .success(let data, _): "success" + (data.map { ": " + $0.compactText } ?? "")
    case .failure(let status, let code, let message):
      "error \(code) (HTTP \(status))" + (message.isEmpty ? "" : ": \(message)")
    }
  }

  private func make(
    _ number: Int, _ step: IAMScenario.Step, _ field: String, _ expected: String,
    _ observed: String, _ rule: RuleID
  ) -> Divergence {
    let strength = RuleCatalogue.rule(rule)?.strength ?? .documented
    return Divergence(
      scenario: scenario, step: number, session: step.caller.rawValue, command: step.line,
      field: field, expected: expected, observed: observed, rule: rule, strength: strength,
      unspecified: strength == .inferred && level != .strict)
  }
}

/// The IAM model in process, playing the SUT: the suite must pass against it.
///
/// Spec: house-style.md §1 (`ModelSUT`).
package struct IAMModelSUT: IAMSystemUnderTest {
  package init() {}

  package var summary: RunReport.SUTSummary {
    RunReport.SUTSummary(
      name: "reference model (in process)", profile: "iam",
      capabilities: [IAMHTTPSUT.rootCapability])
  }

  package func startCase(_ scenario: IAMScenario) throws(AdapterError) -> any IAMCaseConnection {
    IAMModelConnection()
  }
}

final class IAMModelConnection: IAMCaseConnection {
  var model = IAMCaseModel()

  func send(_ step: IAMScenario.Step) throws(AdapterError) -> IAMObservation {
    let outcome = model.run(step)
    switch outcome.result {
    case .accepted(let result): return .success(data: result.comparable, accessKey: nil)
    case .rejected(let error):
      return .failure(
        status: error.code.httpStatus, code: error.code.rawValue, message: error.message)
    }
  }

  func close() -> String { "" }
}
