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

  package init(length: Int = 200, sessions: Int = 3, configuration: ModelConfiguration = .init()) {
    self.length = max(1, length)
    self.sessions = max(1, sessions)
    self.configuration = configuration
  }

  /// The trace for `seed`, generated against the model (which also gives the model's state).
  package func trace(seed: UInt64) -> Trace {
    var rng = SplitMix64(seed: seed)
    let generator = CommandGenerator(sessionCount: sessions)
    var model = ClusterState(configuration: configuration)
    var steps: [Trace.Step] = []
    func add(_ session: SessionID, _ command: Command?, answers: [String] = []) {
      let step = Trace.Step(session: session, command: command, answers: answers)
      steps.append(step)
      _ = model.run(step.scenarioStep)
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
      let (session, command) = generator.next(model, using: &rng)
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
