// Model-based random testing, shrinking, regressions and the mutant kill matrix.
// Spec: issue #5 (explore, shrinking, regression scenarios, mutants, "A test asserts that the
// scenario suite kills every mutant").
import Conformance
import ReferenceModel
import Synchronization
import Testing

@Suite struct ExploreTests {
  static func mutantSUT(_ mutant: Mutant) -> ModelSUT {
    var configuration = ModelConfiguration()
    configuration.mutant = mutant
    return ModelSUT(configuration: configuration, name: "mutant \(mutant.rawValue)")
  }

  @Test func exploringTheModelFindsNothing() {
    let explorer = Explorer(
      runner: TraceRunner(sut: ModelSUT(), level: .strict), generator: TraceGenerator(),
      seed: UInt64.random(in: 0...UInt64.max), maximumSteps: 5_000)
    let result = explorer.run()
    #expect(result.finding == nil && result.error == nil, "seed \(explorer.seed)")
    #expect(result.steps == 5_000)
  }

  /// `harness explore --time 8h` without `--steps` must run 8 hours, not stop after the
  /// default 100,000 steps (about 10 seconds); `--steps` still bounds a timed run.
  @Test func aTimeLimitWithoutStepsHasNoStepLimit() {
    #expect(Explorer.maximumSteps(given: nil, hasTimeLimit: true) == Int.max)
    #expect(Explorer.maximumSteps(given: nil, hasTimeLimit: false) == 100_000)
    #expect(Explorer.maximumSteps(given: 500, hasTimeLimit: true) == 500)
    #expect(Explorer.maximumSteps(given: 500, hasTimeLimit: false) == 500)
    // No step limit: the run ends when asked to stop, with the steps of the episodes it ran.
    let episodes = Atomic(0)
    let explorer = Explorer(
      runner: TraceRunner(sut: ModelSUT(), level: .strict),
      generator: TraceGenerator(length: 50), seed: 7,
      maximumSteps: Explorer.maximumSteps(given: nil, hasTimeLimit: true), jobs: 2)
    let result = explorer.run(
      shouldStop: { episodes.add(1, ordering: .relaxed).newValue > 40 })
    #expect(result.stopped && result.finding == nil && result.error == nil)
    #expect(result.steps >= 50 && result.steps % 50 == 0)
  }

  /// A SUT that crashes is a finding too: the steps up to the crash are counted, and the
  /// sequence up to the failing step becomes a regression that parses and names the step.
  @Test func aCrashingSUTGivesAReproducer() throws {
    let explorer = Explorer(
      runner: TraceRunner(
        sut: AdapterTests.shell("read l; kill -SEGV $$"), level: .strict),
      generator: TraceGenerator(length: 50, sessions: 1), seed: 3, maximumSteps: 500)
    let result = explorer.run()
    let error = try #require(result.error)
    let trace = try #require(result.errorTrace)
    #expect(error.contains("exited with status 139"), "\(error)")
    #expect(error.hasPrefix("step \(trace.steps.count) of sequence 1:"), "\(error)")
    #expect(result.steps == trace.steps.count)
    let regression = Regression.errorScenario(
      for: trace, error: error, episodeSeed: result.errorEpisodeSeed, sutName: "crasher",
      runSeed: 3)
    let scenario = try ScenarioParser.parse(Array(regression.text.utf8), path: regression.path)
    #expect(scenario.steps.count == trace.steps.count)
    #expect(regression.path.hasPrefix("regressions/sut-error-"))
  }

  /// The token moves must reach the MFA and quorum rules, or explore proves little about
  /// them (the typed-command generator of ModelPropertyTests cannot: it makes no files).
  @Test func tracesReachTheTokenRules() {
    var seen = Set<RuleID>()
    let generator = TraceGenerator()
    for seed in UInt64(1)...60 {
      var model = ModelWorkbench(
        state: ClusterState(), keys: .symbolic(Trace.keyNames), verifier: .symbolic)
      for step in generator.trace(seed: seed &* 0x9E37_79B9).steps {
        guard case .outcome(let outcome) = model.run(step.scenarioStep) else { continue }
        seen.insert(outcome.rule)
        seen.formUnion(outcome.effects.map(\.rule))
      }
    }
    let tokenRules = RuleCatalogue.all.map(\.id).filter { id in
      ["HSM-MFA-", "HSM-MFALOGIN-", "HSM-QUORUM-", "HSM-QGEN-", "HSM-QREG-"]
        .contains { id.rawValue.hasPrefix($0) }
    }
    #expect(tokenRules.count > 20)
    let unreached = tokenRules.filter { !seen.contains($0) && !Self.unreachedByDesign.contains($0) }
    #expect(unreached.isEmpty, "the token moves never reached \(unreached)")
  }

  /// Token rules generated traces do not decide outcomes by (each with its reason).
  static let unreachedByDesign: Set<RuleID> = [
    // A parser rule (`--token` and `--deregister` together or neither): a typed command always
    // has exactly one; the parser's tests and mfa/token-or-deregister-exactly-one cover it.
    "HSM-MFA-002"
  ]

  @Test func sameSeedGivesTheSameTraces() {
    let generator = TraceGenerator(length: 50)
    #expect(generator.trace(seed: 42) == generator.trace(seed: 42))
    #expect(generator.trace(seed: 42) != generator.trace(seed: 43))
  }

  /// Every mutant is found, shrunk, and written as a regression that passes on the model and
  /// fails on the mutant (sizes and rules: `exploreFindsAndShrinksAMutant`, and the closing
  /// notes for all 36 through the simulator).
  @Test(arguments: Mutant.allCases)
  func exploreFindsEveryMutant(_ mutant: Mutant) throws {
    let sut = Self.mutantSUT(mutant)
    let explorer = Explorer(
      runner: TraceRunner(sut: sut, level: .strict), generator: TraceGenerator(), seed: 3,
      maximumSteps: 50_000)
    let finding = try #require(explorer.run().finding)
    #expect(finding.shrunk.steps.count < finding.original.steps.count)
    let regression = Regression.scenario(for: finding, sutName: sut.name, runSeed: 3)
    let scenario = try ScenarioParser.parse(Array(regression.text.utf8), path: regression.path)
    #expect(Runner(sut: ModelSUT(), level: .strict).runCase(scenario).verdict == .pass)
    #expect(!Runner(sut: sut, level: .strict).runCase(scenario).divergences.isEmpty)
  }

  @Test(
    arguments: [
      Mutant.cryptoUserChangesOthers, .username32Accepted, .deleteLoggedInUser,
      .tokenSignatureUnchecked, .quorumNine, .approvalNotRequired,
    ])
  func exploreFindsAndShrinksAMutant(_ mutant: Mutant) throws {
    let sut = Self.mutantSUT(mutant)
    let explorer = Explorer(
      runner: TraceRunner(sut: sut, level: .strict), generator: TraceGenerator(), seed: 3,
      maximumSteps: 50_000)
    let result = explorer.run()
    let finding = try #require(result.finding)
    #expect(finding.shrunk.steps.count <= 8, "\(finding.shrunk.steps.count) steps")
    #expect(finding.shrunk.steps.count < finding.original.steps.count)
    // The token mutants break a check several rules share (the signature check, the approval
    // count): the divergence names the rule of the step where it shows, not always theirs.
    let shared: Set<Mutant> = [.tokenSignatureUnchecked, .approvalNotRequired]
    let rule = try #require(finding.shrunkDivergences.first?.rule)
    #expect(shared.contains(mutant) || rule == mutant.rule, "\(rule)")

    // The regression scenario passes on the model and fails on the mutant.
    let regression = Regression.scenario(for: finding, sutName: sut.name, runSeed: 3)
    let scenario = try ScenarioParser.parse(Array(regression.text.utf8), path: regression.path)
    #expect(regression.path.hasPrefix("regressions/\(rule.rawValue.lowercased())-"))
    #expect(ScenarioUpdater.stale(scenario).isEmpty)
    #expect(Runner(sut: ModelSUT(), level: .strict).runCase(scenario).verdict == .pass)
    #expect(!Runner(sut: sut, level: .strict).runCase(scenario).divergences.isEmpty)
  }

  /// Parallel episodes change the speed, never the finding: the same seed reports the same
  /// episode, step count and shrunk trace with any number of jobs (issue #5: "Any run is
  /// reproducible from its printed seed").
  @Test(arguments: [Mutant.noLockout, .lockAfterFour, .adminResetKeepsLock])
  func jobsDoNotChangeTheFinding(_ mutant: Mutant) throws {
    func explore(jobs: Int) -> Explorer.Result {
      Explorer(
        runner: TraceRunner(sut: Self.mutantSUT(mutant), level: .strict),
        generator: TraceGenerator(length: 40), seed: 11, maximumSteps: 200_000, jobs: jobs
      ).run()
    }
    let one = explore(jobs: 1)
    let first = try #require(one.finding)
    // Several episodes before the finding, or parallel runs would prove little.
    #expect(one.episodes > 3, "found in episode \(one.episodes)")
    for jobs in [2, 5] {
      let many = explore(jobs: jobs)
      let finding = try #require(many.finding, "\(jobs) jobs")
      #expect(many.steps == one.steps && many.episodes == one.episodes, "\(jobs) jobs")
      #expect(finding.episodeSeed == first.episodeSeed && finding.stepsToFind == first.stepsToFind)
      #expect(finding.shrunk == first.shrunk, "\(jobs) jobs")
    }
  }

  /// With no finding, every job's steps count and the step limit holds exactly.
  @Test func jobsRunExactlyTheStepBudget() {
    let result = Explorer(
      runner: TraceRunner(sut: ModelSUT(), level: .strict), generator: TraceGenerator(length: 30),
      seed: 5, maximumSteps: 1_000, jobs: 3
    ).run()
    #expect(result.finding == nil && result.error == nil && !result.stopped)
    #expect(result.steps == 1_000 && result.episodes == 34)
  }

  /// A stop (Ctrl-C, --time) lets the episodes under way finish and counts every one of them:
  /// the episodes run are numbered from 0 without a gap.
  @Test func stoppingCountsTheEpisodesThatRan() {
    let asked = Atomic<Int>(0)
    let explorer = Explorer(
      runner: TraceRunner(sut: ModelSUT(), level: .strict), generator: TraceGenerator(length: 30),
      seed: 9, maximumSteps: 1_000_000, jobs: 3)
    let result = explorer.run(shouldStop: { asked.wrappingAdd(1, ordering: .relaxed).newValue > 7 })
    #expect(result.stopped && result.finding == nil && result.error == nil)
    #expect(result.episodes == 7, "episodes handed out before the stop")
    let planned = (0..<7).map {
      explorer.generator.trace(seed: explorer.episodeSeed($0)).steps.count
    }
    #expect(result.steps == planned.reduce(0, +))
  }

  /// A mutant that survives the suite is a missing scenario.
  @Test func scenarioSuiteKillsEveryMutant() {
    let catalog = ScenarioCatalog.load(root: TestPaths.suite)
    let matrix = MutantMatrix.measure(
      mutants: Mutant.allCases, scenarios: catalog.scenarios, jobs: 2,
      sut: { Self.mutantSUT($0) }, explore: nil)
    let survivors = matrix.rows.filter { $0.suiteSeconds == nil }.map(\.mutant.rawValue)
    #expect(survivors.isEmpty, "mutants the suite misses: \(survivors)")
    #expect(Mutant.allCases.count >= 20)
  }

  @Test func shrinkerKeepsOnlyWhatTheDivergenceNeeds() {
    // A synthetic predicate: the trace "diverges" while it still has a logout in session s1.
    let steps = (0..<30).map { index in
      Trace.Step(session: index == 17 ? "s1" : "s0", command: index == 17 ? .logout : .userList)
    }
    var shrinker = Shrinker { trace in
      trace.steps.contains { $0.session == "s1" && $0.command == .logout }
    }
    let shrunk = shrinker.shrink(Trace(steps: steps), divergingStep: 30)
    #expect(shrunk.steps == [Trace.Step(session: "s1", command: .logout)])
  }

  /// Merging users: a lockout shown on a crypto user shrinks to the same lockout on the admin,
  /// without the `user create` (the model decides; the predicate is "the last step is refused
  /// as locked", HSM-LOCK-002).
  @Test func shrinkerMergesUsersIntoTheAdmin() {
    func login(_ name: String, _ role: Role, _ password: String) -> Command {
      .login(.init(username: name, role: role, password: password))
    }
    var steps: [Trace.Step] = [
      .init(session: "s0", command: .clusterActivate(password: "password1")),
      .init(session: "s0", command: login("admin", .admin, "password1")),
      .init(
        session: "s0",
        command: .userCreate(.init(username: "carol", role: .cryptoUser, password: "password2"))),
    ]
    steps += Array(
      repeating: .init(session: "s1", command: login("carol", .cryptoUser, "wrong-pw1")), count: 5)
    steps.append(.init(session: "s1", command: login("carol", .cryptoUser, "password2")))
    func lockedAtTheEnd(_ trace: Trace) -> Bool {
      var model = ModelWorkbench(state: ClusterState(), keys: .empty, verifier: .symbolic)
      var last: RuleID?
      for step in trace.steps {
        if case .outcome(let outcome) = model.run(step.scenarioStep) { last = outcome.rule }
      }
      return last == "HSM-LOCK-002"
    }
    #expect(lockedAtTheEnd(Trace(steps: steps)))
    var shrinker = Shrinker(stillDiverges: lockedAtTheEnd)
    let shrunk = shrinker.shrink(Trace(steps: steps), divergingStep: steps.count)
    #expect(lockedAtTheEnd(shrunk))
    #expect(shrunk.steps.count <= 7, "\(shrunk.steps.map(\.scenarioStep.line))")
    #expect(!shrunk.steps.contains { if case .userCreate? = $0.command { true } else { false } })
    #expect(!shrunk.steps.contains { $0.scenarioStep.line.contains("carol") })
  }
  /// The admin-reset-keeps-lock divergence as explore first shrank it (9 steps: two failed
  /// logins in s1, the admin's reset in s0, a logout and three more failures in s0) goes to
  /// the 8 the rule needs once the steps after a logout can go to another session.
  @Test func shrinkerContinuesASessionElsewhere() {
    func login(_ password: String) -> Command {
      .login(.init(username: "admin", role: .admin, password: password))
    }
    let failure = login("wrong-pw1")
    var steps: [Trace.Step] = [
      .init(session: "s0", command: .clusterActivate(password: "password1")),
      .init(session: "s0", command: login("password1")),
      .init(session: "s1", command: failure), .init(session: "s1", command: failure),
      .init(
        session: "s0",
        command: .userChangePassword(
          .init(username: "admin", role: .admin, password: "password1"))),
      .init(session: "s0", command: .logout),
    ]
    steps += Array(repeating: .init(session: "s0", command: failure), count: 3)
    func locked(_ trace: Trace, _ mutant: Mutant?) -> Bool {
      var configuration = ModelConfiguration()
      configuration.mutant = mutant
      var model = ModelWorkbench(
        state: ClusterState(configuration: configuration), keys: .empty, verifier: .symbolic)
      for step in trace.steps { _ = model.run(step.scenarioStep) }
      return model.state.users["admin"]?.locked ?? false
    }
    func diverges(_ trace: Trace) -> Bool {
      locked(trace, .adminResetKeepsLock) != locked(trace, nil)
    }
    #expect(diverges(Trace(steps: steps)))
    var shrinker = Shrinker(stillDiverges: diverges)
    let shrunk = shrinker.shrink(Trace(steps: steps), divergingStep: steps.count)
    #expect(diverges(shrunk))
    #expect(shrunk.steps.count == 8, "\(shrunk.steps.map(\.scenarioStep.line))")
    #expect(!shrunk.steps.contains { $0.command == .logout })
  }

  /// The shrinker swaps a three-step quorum-key registration for one MFA registration of the
  /// same user with the same key (which registers the key for quorum approvals too).
  @Test func shrinkerRegistersQuorumKeysByMFA() {
    func registration(_ session: SessionID, _ key: String, _ file: String) -> [Trace.Step] {
      [
        .init(
          session: session, command: .quorumGenerate(.init(service: .registration, token: file))),
        .harness(.sign(file: file, key: key, twist: nil)),
        .init(
          session: session,
          command: .quorumRegister(.init(publicKey: KeyRing.publicKeyPath(key), signedToken: file))),
      ]
    }
    func create(_ name: String, approval: String?) -> Trace.Step {
      .init(
        session: "s0",
        command: .userCreate(
          .init(username: name, role: .cryptoUser, password: "password2", approval: approval)))
    }
    var steps: [Trace.Step] = [
      .init(session: "s0", command: .clusterActivate(password: "password1")),
      .init(
        session: "s0",
        command: .login(.init(username: "admin", role: .admin, password: "password1"))),
      .init(
        session: "s0",
        command: .userCreate(.init(username: "u2", role: .admin, password: "password1"))),
    ]
    steps += registration("s0", "k1", "{workdir}/r1.token")
    steps.append(
      .init(
        session: "s1", command: .login(.init(username: "u2", role: .admin, password: "password1"))))
    steps += registration("s1", "k2", "{workdir}/r2.token")
    steps += [
      .init(session: "s0", command: .quorumSetValue(.init(service: .user, value: 2))),
      .init(
        session: "s0", command: .quorumGenerate(.init(service: .user, token: "{workdir}/q.token"))),
      .harness(
        .approve(
          file: "{workdir}/q.token",
          approvers: [.init(username: "admin", key: "k1"), .init(username: "u2", key: "k2")])),
      create("u3", approval: "{workdir}/q.token"), create("u4", approval: "{workdir}/q.token"),
    ]
    let runner = TraceRunner(sut: Self.mutantSUT(.approvalReusable), level: .strict)
    func diverges(_ trace: Trace) -> Bool {
      Explorer.reproduces([Mutant.approvalReusable.rule], runner.run(trace))
    }
    #expect(diverges(Trace(steps: steps)))
    var shrinker = Shrinker(stillDiverges: diverges)
    let shrunk = shrinker.shrink(Trace(steps: steps), divergingStep: steps.count)
    let lines = shrunk.steps.map(\.scenarioStep.line)
    #expect(diverges(shrunk))
    // Commands stay in real sessions (merging sessions once moved some into `[harness]`).
    #expect(
      shrunk.steps.allSatisfy { ($0.session == Scenario.harnessSession) == ($0.action != nil) })
    #expect(!lines.contains { $0.contains("change-quorum") }, "\(lines)")
    #expect(lines.filter { $0.contains("change-mfa") }.count == 2, "\(lines)")
    // Activation, login, the second admin, two MFA registrations, the value, the token, the
    // approval and two uses: the fewest the rules allow.
    #expect(shrunk.steps.count == 10, "\(shrinker.evaluations) \(lines)")
  }

  /// A shrinking candidate whose `[harness]` step the model itself cannot do (approving a file
  /// no command wrote) diverges on HSM-TOKEN-001 against any SUT, but is a wrong scenario, not
  /// a reproducer: the shrinker must not keep it.
  @Test func aTraceTheModelCannotDoIsNoReproducer() {
    let runner = TraceRunner(sut: Self.mutantSUT(.approvalReusable), level: .strict)
    let orphan = Trace(steps: [
      .harness(
        .approve(file: "{workdir}/q.token", approvers: [.init(username: "admin", key: "k1")]))
    ])
    let finding = runner.run(orphan)
    #expect(finding.divergences.contains { $0.scenarioIsWrong && $0.rule == "HSM-TOKEN-001" })
    #expect(!Explorer.reproduces(["HSM-TOKEN-001"], finding))
    let real = Trace(steps: [
      .init(session: "s0", command: .clusterActivate(password: "password1")),
      .init(session: "s0", command: .clusterActivate(password: "password1")),
    ])
    let second = TraceRunner(sut: Self.mutantSUT(.secondActivation), level: .strict).run(real)
    #expect(Explorer.reproduces([Mutant.secondActivation.rule], second))
  }
}
