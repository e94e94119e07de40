import ReferenceModel

/// Checks the model on the command sequence that `bytes` decode to (see `ModelProgram`).
///
/// The model never traps, and after every step `ModelStepCheck` holds: the invariants, every
/// named rule catalogued, and a rejection without effects leaves the state unchanged. The
/// program stops where the bytes run out. A violation's detail lists the steps up to the one
/// that broke the property, as scenario lines, so that it reads as a reproducer.
/// Spec: house-style.md §5 (stateful property) and §6; issue #7 ("model" target).
package func checkModel(_ bytes: UnsafeRawBufferPointer) -> [PropertyViolation] {
  var reader = ByteReader(bytes)
  guard let configuration = try? ModelProgram.configuration(&reader) else { return [] }
  var state = ClusterState(configuration: configuration)
  var steps: [ModelStep] = []
  var violations = ModelStepCheck.check(
    "the start", before: state, after: state, rules: [], isUnchangingRejection: false)
  while violations.isEmpty, let step = try? ModelProgram.step(&reader, in: state) {
    steps.append(step)
    let before = state
    let trace = { () -> String in
      "step \(steps.count) of [" + steps.map(\.text).joined(separator: "; ") + "]"
    }
    switch step {
    case .command(let session, let command):
      let outcome = state.apply(command, in: session)
      // The loop goes on only while the previous step kept every invariant.
      violations = ModelStepCheck.check(
        trace(), before: before, after: state, outcome: outcome, invariantsBefore: [])
    case .endSession(let session):
      let effects = state.endSession(session)
      violations = ModelStepCheck.check(
        trace(), before: before, after: state, rules: effects.map(\.rule),
        isUnchangingRejection: false)
    }
  }
  return violations
}
