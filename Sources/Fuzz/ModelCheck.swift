package import ReferenceModel

/// Checks the model on the command sequence that `bytes` decode to (see `ModelProgram`).
///
/// The model never traps, and after every step `ModelStepCheck` holds: the invariants, every
/// named rule catalogued, and a rejection without effects leaves the state unchanged (see
/// `ModelStepReport.violations` for token steps). The program stops where the bytes run out.
/// A violation's detail lists the steps up to the one that broke the property, as scenario
/// lines with their answers and `[harness]` actions, so that it reads as a reproducer.
/// `mutant` runs the model with that deliberate bug instead of the reference rules, for tests
/// that show the check catching a broken model; the fuzz target never sets it.
/// Spec: house-style.md §5 (stateful property) and §6; issue #7 ("model" target).
package func checkModel(_ bytes: UnsafeRawBufferPointer, mutant: Mutant? = nil)
  -> [PropertyViolation]
{
  guard var run = ModelRun(bytes, mutant: mutant) else { return [] }
  let start = run.workbench.state
  var violations = ModelStepCheck.check(
    "the start", before: start, after: start, rules: [], isUnchangingRejection: false)
  while violations.isEmpty, let report = run.next() {
    let steps = run.steps
    // The loop goes on only while the previous step kept every invariant.
    violations = report.violations(
      "step \(steps.count) of [" + steps.map(\.text).joined(separator: "; ") + "]")
  }
  return violations
}

/// A model program running step by step: the first byte's configuration, then one decoded
/// step per `next()`, on a `ModelWorkbench` with the keys of `ModelProgram.keyNames`.
///
/// Password and user steps are applied to the workbench's state with `ClusterState.apply`, as
/// before token steps existed; token steps run as CLI lines with their answers through the
/// workbench, and `[harness]` steps change its files. `checkModel` and the tests that look at
/// what programs reach both run programs this way.
/// Spec: house-style.md §6; scenarios/README.md "Token files".
package struct ModelRun {
  /// The cluster and the token files so far.
  package private(set) var workbench: ModelWorkbench
  /// Whether the first byte switched on token steps.
  package let tokenSteps: Bool
  /// The steps run so far.
  package private(set) var steps: [ModelStep] = []
  private var reader: ByteReader

  /// The program `bytes` decode to; nil when there is not even a configuration byte.
  package init?(_ bytes: some Collection<UInt8>, mutant: Mutant? = nil) {
    var reader = ByteReader(bytes)
    guard var header = try? ModelProgram.header(&reader) else { return nil }
    header.configuration.mutant = mutant
    self.workbench = ModelProgram.workbench(header.configuration)
    self.tokenSteps = header.tokenSteps
    self.reader = reader
  }

  /// Decodes and runs the next step; nil when the bytes run out.
  package mutating func next() -> ModelStepReport? {
    guard
      let step = try? ModelProgram.step(
        &reader, in: workbench.state, files: workbench.files, tokenSteps: tokenSteps)
    else { return nil }
    steps.append(step)
    let before = workbench.state
    let answer: ModelStepReport.Answer
    switch step {
    case .command(let session, let command):
      answer = .applied(workbench.state.apply(command, in: session))
    case .endSession(let session):
      answer = .ended(workbench.state.endSession(session))
    case .tokenCommand(let session, let command, let answers):
      answer = .executed(
        workbench.execute(canonicalText(.command(command)), answers: answers, in: session))
    case .harness(let action):
      answer = .performed(workbench.perform(action))
    }
    return ModelStepReport(step: step, before: before, after: workbench.state, answer: answer)
  }
}

/// One step of a `ModelRun`: the step, the cluster before and after it, and its answer.
///
/// Spec: house-style.md §5 (stateful property, invariants after every step).
package struct ModelStepReport: Sendable {
  /// What the step answered.
  package enum Answer: Sendable {
    /// A password or user step's outcome (`ClusterState.apply`).
    case applied(Outcome)
    /// A session's end of input, with its effects.
    case ended([Effect])
    /// A token step's response (`ModelWorkbench.execute`).
    case executed(Response)
    /// A `[harness]` action's result; a failure (no such file, say) is not a violation.
    case performed(Result<Void, TokenActionError>)
  }

  package var step: ModelStep
  package var before: ClusterState
  package var after: ClusterState
  package var answer: Answer

  package init(step: ModelStep, before: ClusterState, after: ClusterState, answer: Answer) {
    self.step = step
    self.before = before
    self.after = after
    self.answer = answer
  }

  /// The outcome, for a step that ran a command.
  package var outcome: Outcome? {
    switch answer {
    case .applied(let outcome), .executed(.outcome(let outcome)): outcome
    default: nil
    }
  }

  /// `ModelStepCheck`'s violations of this step, `trace` naming it in their details; the
  /// step before kept every invariant.
  ///
  /// Commands are checked as they always were, with one allowance: a token-sign command
  /// refused in its second phase (a login with a bad signature, say) had already issued its
  /// unsigned tokens, so it may have advanced `tokenSerial` by one — the model's stand-in for
  /// the HSM's randomness, which must not hand out the same tokens again — and nothing else.
  /// Help, `quit` and a blank line run no command, and neither does a `[harness]` action
  /// (it changes token files only): the cluster must not change, which is checked as for a
  /// rejection without effects. (`quit` ends its session only once the caller closes it: an
  /// end of input is a step of its own.)
  package func violations(_ trace: @autoclosure () -> String) -> [PropertyViolation] {
    switch answer {
    case .applied(let outcome):
      return ModelStepCheck.check(
        trace(), before: before, after: after, outcome: outcome, invariantsBefore: [])
    case .ended(let effects):
      return ModelStepCheck.check(
        trace(), before: before, after: after, rules: effects.map(\.rule),
        isUnchangingRejection: false)
    case .executed(.outcome(let outcome)):
      let unchanging =
        !outcome.isAccepted && outcome.effects.isEmpty && !onlyIssuedTokens
      return ModelStepCheck.check(
        trace(), before: before, after: after, rules: outcome.rules,
        isUnchangingRejection: unchanging, invariantsBefore: [])
    case .executed(.help), .executed(.quit), .executed(.nothing), .performed:
      return ModelStepCheck.check(
        trace(), before: before, after: after, rules: [], isUnchangingRejection: true,
        invariantsBefore: [])
    }
  }

  /// Whether the step is a token-sign command that asks for signed tokens (`login …
  /// mfa-token-sign`, `user change-mfa token-sign --token`) and changed nothing but
  /// `tokenSerial`, by exactly one.
  var onlyIssuedTokens: Bool {
    guard case .tokenCommand(_, let command, _) = step, Self.asksForSignedTokens(command),
      after.tokenSerial == before.tokenSerial + 1
    else { return false }
    return Self.withoutTokenSerial(after.snapshot) == Self.withoutTokenSerial(before.snapshot)
  }

  static func asksForSignedTokens(_ command: Command) -> Bool {
    switch command {
    case .login(let login): login.mfaToken != nil
    case .userChangeMFA(let change): !change.deregisters
    default: false
    }
  }

  /// A state snapshot without its `token_serial` field.
  static func withoutTokenSerial(_ snapshot: JSONValue) -> JSONValue {
    guard case .object(let fields) = snapshot else { return snapshot }
    return .object(fields.filter { $0.key != "token_serial" })
  }
}
