// The stateful property: random multi-session command sequences keep every invariant.
// Spec: house-style.md §5 "a Hypothesis-style stateful property"; the invariants are listed on
// `ClusterState.checkInvariants()`.
import PropertyBased
import ReferenceModel
import Testing

@Suite struct ModelPropertyTests {
  /// A small user limit so that HSM-CREATE-004 is reachable in a short sequence.
  static let configuration: ModelConfiguration = {
    var configuration = ModelConfiguration()
    configuration.maximumUsers = 5
    return configuration
  }()

  /// Runs `steps` generated steps from `seed`; returns the rules the outcomes named.
  static func run(seed: UInt64, steps: Int) -> Set<RuleID> {
    var rng = SplitMix64(seed: seed)
    var state = ClusterState(configuration: configuration)
    let generator = CommandGenerator(sessionCount: 3)
    var seen = Set<RuleID>()
    for step in 0..<steps {
      if rng.next() % 40 == 0 {
        let session = generator.sessions[Int(rng.next() % 3)]
        seen.formUnion(state.endSession(session).map(\.rule))
        continue
      }
      let (session, command) = generator.next(state, using: &rng)
      let before = state
      let outcome = state.apply(command, in: session)
      seen.formUnion(outcome.rules)
      let violations = state.checkInvariants()
      #expect(
        violations.isEmpty, "seed \(seed) step \(step) [\(session)] \(command): \(violations)")
      if !outcome.isAccepted && outcome.effects.isEmpty {
        #expect(state == before, "seed \(seed) step \(step): a plain rejection changed the state")
      }
      for rule in outcome.rules where RuleCatalogue.rule(rule) == nil {
        Issue.record("seed \(seed) step \(step): \(rule) is not in the catalogue")
      }
      // The parser and the model agree: the printed command, executed, gives the same outcome.
      var replay = before
      let line = CommandLinePrinter.text(for: .command(command))
      let replayed = replay.execute(line, in: session)
      #expect(replayed == .outcome(outcome), "seed \(seed) step \(step): '\(line)'")
    }
    return seen
  }

  /// Rules that state a property of other outcomes (case handling, counting, ordering, the
  /// initial state) rather than decide an outcome of their own; their table cases check them.
  static let propertyRules: Set<RuleID> = [
    "HSM-ACT-001", "HSM-LOGIN-006", "HSM-NAME-003", "HSM-PW-002", "HSM-PW-003", "HSM-PW-004",
    "HSM-LIST-002", "HSM-LIST-003",
    // Prompts belong to the interactive layer; the generator makes complete typed commands.
    "HSM-PW-006",
  ]

  /// Token-sign and quorum rules need token files and signatures, which this typed-command
  /// generator does not make (issue #6 leaves the explorer's token commands for later); their
  /// cases are in TokenRuleTests and the scenarios cover each (`harness rules --coverage`).
  static func needsTokenFiles(_ id: RuleID) -> Bool { id.isTokenRule }

  @Test func invariantsHoldAfterEveryStep() async {
    await propertyCheck(count: 200, input: Gen.uint64()) { seed in
      _ = Self.run(seed: seed, steps: 150)
    }
  }

  /// Hypothesis's `target`/coverage idea: the generator must reach every model rule, or the
  /// property above proves little. Syntax rules are out of its reach by design (it generates
  /// typed commands), as is the precedence rule, which decides nothing by itself.
  @Test func generatorReachesEveryModelRule() {
    var seen = Set<RuleID>()
    for seed in UInt64(1)...40 { seen.formUnion(Self.run(seed: seed &* 0x9E37_79B9, steps: 400)) }
    let unreached = RuleCatalogue.all.map(\.id).filter { id in
      !seen.contains(id) && !id.rawValue.hasPrefix("HSM-SYNTAX-")
        && !id.rawValue.hasPrefix("IAM-") && id != "HSM-ORDER-001"
        && !Self.propertyRules.contains(id) && !Self.needsTokenFiles(id)
    }
    #expect(unreached.isEmpty, "the generator never reached \(unreached)")
  }
}
