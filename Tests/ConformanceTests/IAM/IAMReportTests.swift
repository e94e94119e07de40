import Conformance
import ReferenceModel
import IAMModel
import Testing

/// Baselined errors and the attribution of IAM divergences.
@Suite struct IAMReportTests {
  static let erroring = RunReport.CaseResult(
    scenario: "iam/x", path: "iam/x.scenario", description: "d", rules: ["IAM-CHPW-002"],
    verdict: .error(message: "step 5: HTTP 500 (text/html), not an IAM reply"))

  @Test func anErrorListedInTheBaselineNoLongerFailsTheRun() throws {
    let passing = RunReport.CaseResult(
      scenario: "iam/y", path: "iam/y.scenario", description: "d", rules: [], verdict: .pass)
    let sut = RunReport.SUTSummary(name: "s", profile: "iam", capabilities: [])
    let fresh = RunReport(runName: "r", sut: sut, level: .outcome, cases: [Self.erroring, passing])
    #expect(fresh.exitCode == 1 && fresh.newErrors.count == 1)
    let baseline = try Baseline.load(bytes: Array(Baseline.render(from: fresh).utf8), file: "b")
    #expect(baseline.keys == ["iam/x/error"])
    let known = RunReport(
      runName: "r", sut: sut, level: .outcome, cases: [Self.erroring, passing],
      baseline: baseline.keys)
    #expect(known.exitCode == 0 && known.newErrors.isEmpty)
    #expect(SummaryMarkdown.render(known).contains("(known, in the baseline)"))
  }

  /// moto denies the documented `${aws:username}` policy: whatever the model expected after
  /// authorization, the divergence is on the rule that authorized the request.
  @Test func accessDeniedAfterTheModelAuthorizedIsOnTheGrantingRule() {
    var model = IAMCaseModel()
    let policy =
      #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ChangePassword","#
      + #""Resource":"arn:aws:iam::*:user/${aws:username}"}]}"#
    let setup: [(IAMAction, [IAMScenario.Parameter])] = [
      (.createUser, [.init("UserName", "alice")]),
      (.createLoginProfile, [.init("UserName", "alice"), .init("Password", "Old-Passw0rd!")]),
      (
        .putUserPolicy,
        [.init("UserName", "alice"), .init("PolicyName", "p"), .init("PolicyDocument", policy)]
      ),
    ]
    for (action, parameters) in setup {
      #expect(model.run(.init(caller: "admin", action: action, parameters: parameters)).isAccepted)
    }
    let step = IAMScenario.Step(
      caller: "alice", action: .changePassword,
      parameters: [.init("OldPassword", "Old-Passw0rd!"), .init("NewPassword", "short")])
    let outcome = model.run(step)
    #expect(outcome.rule == "IAM-POL-007" && outcome.grant == "IAM-AUTHZ-001")
    let comparator = IAMComparator(level: .outcome, scenario: "s")
    let denied = comparator.compare(
      outcome, .failure(status: 403, code: "AccessDenied", message: ""), step: 1, step)
    #expect(denied.map(\.rule) == ["IAM-AUTHZ-001"] && denied.map(\.field) == ["code"])
    let otherCode = comparator.compare(
      outcome, .failure(status: 400, code: "ValidationError", message: ""), step: 1, step)
    #expect(otherCode.map(\.rule) == ["IAM-POL-007"])
    #expect(
      comparator.compare(
        outcome,
        .failure(
          status: 400, code: "PasswordPolicyViolation",
          message: ""), step: 1, step
      ).isEmpty)
  }
}
