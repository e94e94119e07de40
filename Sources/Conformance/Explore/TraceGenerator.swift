package import ReferenceModel

/// Generates traces from a seed, biased towards the interesting (see `CommandGenerator`).
///
/// Most traces start by activating the cluster and logging the admin in, so that most steps
/// exercise user management rather than the unactivated cluster; sessions sometimes end.
/// Every trace is a pure function of its seed, so a run is reproducible from its printed seed.
/// Spec: issue #5 "Any run is reproducible from its printed seed".
package struct TraceGenerator: Sendable {
  package var length: Int
  package var sessions: Int
  package var configuration: ModelConfiguration
  /// Out of 100 moves, how many are token moves (MFA and quorum, see `TokenMoves`); 0 keeps
  /// traces to the password and user rules.
  package var tokenShare: Int

  package init(
    length: Int = 200, sessions: Int = 3, configuration: ModelConfiguration = .init(),
    tokenShare: Int = 12
  ) {
    self.length = max(1, length)
    self.sessions = max(1, sessions)
    self.configuration = configuration
    self.tokenShare = min(100, max(0, tokenShare))
  }

  /// The trace for `seed`, generated against the model (which also gives the model's state).
  package func trace(seed: UInt64) -> Trace {
    var rng = SplitMix64(seed: seed)
    let generator = CommandGenerator(sessionCount: sessions)
    let tokens = TokenMoves(sessions: generator.sessions)
    // Symbolic keys: generation needs only which key signed, and outcomes equal real RSA's.
    var model = ModelWorkbench(
      state: ClusterState(configuration: configuration), keys: .symbolic(Trace.keyNames),
      verifier: .symbolic)
    var steps: [Trace.Step] = []
    func add(_ step: Trace.Step) {
      // A token action on a file that is not there (its command failed) is left out: the
      // comparison reads a failed `[harness]` step as a broken scenario, not as an answer.
      if case .done(_?) = model.run(step.scenarioStep) { return }
      steps.append(step)
    }
    func add(_ session: SessionID, _ command: Command?, answers: [String] = []) {
      add(Trace.Step(session: session, command: command, answers: answers))
    }
    if rng.next() % 5 != 0 {
      let password = "Admin-pw\(rng.next() % 100)"
      let first = generator.sessions[0]
      add(first, .clusterActivate(password: password))
      add(first, .login(.init(username: "admin", role: .admin, password: password)))
    }
    while steps.count < length {
      if rng.next() % 50 == 0 {
        add(generator.sessions[Int(rng.next() % UInt64(sessions))], nil)
        continue
      }
      if tokenShare > 0, Int(rng.next() % 100) < tokenShare {
        for step in tokens.next(model.state, file: steps.count, using: &rng) { add(step) }
        continue
      }
      let (session, command) = generator.next(model.state, using: &rng)
      // A missing password is asked for: answer it (a wrong confirmation one time in four).
      let prompts = command.prompts
      var answers: [String] = []
      if !prompts.isEmpty {
        let password = "prompted-\(rng.next() % 1000)"
        answers = [password]
        if prompts.count > 1 { answers.append(rng.next() % 4 == 0 ? password + "x" : password) }
      }
      add(session, command, answers: answers)
    }
    return Trace(steps: steps)
  }
}
