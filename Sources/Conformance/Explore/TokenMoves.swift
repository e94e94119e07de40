import ReferenceModel

/// The token moves of generated traces: MFA registration, deregistration and login with
/// signed tokens; quorum key registration; quorum values; operations approved by quorum
/// tokens. A move is one or more steps (a command and the `[harness]` signing it needs).
///
/// Like `CommandGenerator`, it reads the model's state to be mostly right (the user's own key,
/// the admins who have quorum keys) and sometimes near-misses: another key, a tampered or
/// short token, an approver without a key, an approval used twice, quorum values 0 and 9.
/// Token files are named after the step that writes them, so that they never collide.
/// Spec: issue #5 (generated sequences), issue #6 (MFA and quorum rules).
struct TokenMoves: Sendable {
  var sessions: [SessionID]

  /// The steps of one move, for the trace's step number `file` (which names its token files).
  func next(_ state: ClusterState, file: Int, using rng: inout some RandomNumberGenerator)
    -> [Trace.Step]
  {
    var session = pickSession(state, loggedIn: true, &rng)
    // Crypto users are the interesting callers of the admin-only token commands.
    let crypto = sessions.filter { state.loggedInUser($0)?.role == .cryptoUser }
    if !crypto.isEmpty, rng.next() % 3 == 0 { session = rng.pick(crypto) }
    let token = "{workdir}/t\(file).token"
    // Quorum rules need a set-up that uniform choices rarely reach (two admins with quorum
    // keys, then a quorum value of 2): half the time, take the next step towards it.
    if rng.next() % 2 == 0, let steps = towardsQuorum(state, token, &rng) { return steps }
    switch rng.next() % 9 {
    case 0, 1: return [registerMFA(state, session, token, &rng)]
    case 2: return [deregisterMFA(state, session, &rng)]
    case 3, 4: return [loginWithMFA(state, token, &rng)]
    case 5: return registerQuorumKey(state, session, token, &rng)
    case 6:
      let values = [1, 2, 2, 2, 3, 0, 9]
      let service: QuorumService = rng.next() % 4 == 0 ? .quorum : .user
      let value = rng.pick(values)
      return [step(session, .quorumSetValue(.init(service: service, value: value)))]
    case 7: return approvedOperations(state, session, token, &rng)
    default:
      // A quorum-service token, refused while that service's value is 1 (HSM-QUORUM-003).
      if rng.next() % 2 == 0 {
        return [step(session, .quorumGenerate(.init(service: .quorum, token: token)))]
      }
      return [step(session, .quorumListValues)]
    }
  }

  // MARK: MFA

  private func registerMFA(
    _ state: ClusterState, _ session: SessionID, _ token: String,
    _ rng: inout some RandomNumberGenerator
  ) -> Trace.Step {
    let (name, role) = target(state, session, &rng)
    let key = anyKey(&rng)
    // The public key answered is the signing key's, or (one time in six) another one.
    let answered = rng.next() % 6 == 0 ? anyKey(&rng) : key
    let password = newPassword(&rng)
    return mfaRegistration(
      session, name, role, password: password, token: token, sign: signDirective(key, &rng),
      publicKey: answered)
  }

  /// `user change-mfa token-sign --token`, answered with a signing directive and a key.
  private func mfaRegistration(
    _ session: SessionID, _ name: String, _ role: Role, password: String, token: String,
    sign directive: String, publicKey key: String
  ) -> Trace.Step {
    step(
      session,
      .userChangeMFA(.init(username: name, role: role, password: password, token: token)),
      answers: [directive, KeyRing.publicKeyPath(key)])
  }

  private func deregisterMFA(
    _ state: ClusterState, _ session: SessionID, _ rng: inout some RandomNumberGenerator
  ) -> Trace.Step {
    let (name, role) = target(state, session, &rng)
    return step(
      session,
      .userChangeMFA(.init(username: name, role: role, password: newPassword(&rng), token: nil)))
  }

  /// A login with `mfa-token-sign`, mostly of a user who has MFA, from a free session.
  private func loginWithMFA(
    _ state: ClusterState, _ token: String, _ rng: inout some RandomNumberGenerator
  ) -> Trace.Step {
    let session = pickSession(state, loggedIn: false, &rng)
    let users = state.usersInListOrder
    let withMFA = users.filter(\.mfaRegistered)
    let pool = withMFA.isEmpty || rng.next() % 6 == 0 ? users : withMFA
    guard !pool.isEmpty else {
      return step(
        session, .login(.init(username: "admin", role: .admin, password: "password", mfaToken: token)),
        answers: ["{sign \(anyKey(&rng))}"])
    }
    let user = rng.pick(pool)
    let password = rng.next() % 8 == 0 ? user.password + "x" : user.password
    let key = rng.next() % 6 == 0 ? anyKey(&rng) : (keyName(user) ?? anyKey(&rng))
    let login = Command.Login(
      username: user.name, role: user.role.cliRole, password: password, mfaToken: token)
    return step(
      session, .login(login),
      answers: [signDirective(key, &rng)])
  }

  // MARK: Quorum

  /// The next step towards approved operations, which uniform choices rarely reach: quorum
  /// keys for two logged-in admins, an MFA key for another user (an approver whose
  /// signature is valid but whose key is not a quorum key), a user-service quorum value of
  /// 2, then approved operations. Nil when none applies.
  private func towardsQuorum(
    _ state: ClusterState, _ token: String, _ rng: inout some RandomNumberGenerator
  ) -> [Trace.Step]? {
    let users = state.usersInListOrder
    let keyedAdmins = users.filter { $0.role == .admin && $0.quorumRegistered }
    if (state.quorumValues[.user] ?? 1) >= 2 {
      guard rng.next() % 2 == 0 else { return nil }
      return approvedOperations(state, pickSession(state, loggedIn: true, &rng), token, &rng)
    }
    let admins = sessions.filter { state.loggedInUser($0)?.role == .admin }
    let unkeyed = admins.filter { state.loggedInUser($0)?.quorumRegistered == false }
    if keyedAdmins.count < 2, !unkeyed.isEmpty, rng.next() % 2 == 0 {
      let session = rng.pick(unkeyed)
      return registerQuorumKey(state, session, token, &rng)
    }
    let others = users.filter { !$0.quorumRegistered && $0.publicKeyPEM == nil && $0.role != .applianceUser }
    if !keyedAdmins.isEmpty, !admins.isEmpty, !others.isEmpty,
      !users.contains(where: { $0.publicKeyPEM != nil && !$0.quorumRegistered }),
      rng.next() % 2 == 0
    {
      let session = rng.pick(admins)
      let user = rng.pick(others)
      let key = anyKey(&rng)
      let password = newPassword(&rng)
      return [
        mfaRegistration(
          session, user.name, user.role.cliRole, password: password, token: token,
          sign: "{sign \(key)}", publicKey: key)
      ]
    }
    guard !keyedAdmins.isEmpty else { return nil }
    let session = pickSession(state, loggedIn: true, &rng)
    return [step(session, .quorumSetValue(.init(service: .user, value: 2)))]
  }

  /// Generate a registration token, sign it, register the key: three steps in one session.
  private func registerQuorumKey(
    _ state: ClusterState, _ session: SessionID, _ token: String,
    _ rng: inout some RandomNumberGenerator
  ) -> [Trace.Step] {
    let key = anyKey(&rng)
    let answered = rng.next() % 6 == 0 ? anyKey(&rng) : key
    return [
      step(session, .quorumGenerate(.init(service: .registration, token: token))),
      .harness(.sign(file: token, key: key, twist: rng.next() % 10 == 0 ? .tamper : nil)),
      step(
        session,
        .quorumRegister(.init(publicKey: KeyRing.publicKeyPath(answered), signedToken: token))),
    ]
  }

  /// Generate a user-service token, have admins approve it, and use it (sometimes twice, or
  /// after tampering with it).
  private func approvedOperations(
    _ state: ClusterState, _ session: SessionID, _ token: String,
    _ rng: inout some RandomNumberGenerator
  ) -> [Trace.Step] {
    let users = state.usersInListOrder
    let keyed = users.filter { $0.quorumRegistered }
    var approvers: [TokenAction.Approver] = []
    for user in keyed where rng.next() % 4 != 0 {
      let key = rng.next() % 8 == 0 ? anyKey(&rng) : (keyName(user) ?? anyKey(&rng))
      approvers.append(.init(username: user.name, key: key))
    }
    // Approvers without a quorum key (who must not count), one or two of them: often a user
    // whose key is an MFA key, which signs validly but is not a quorum key.
    if approvers.count < 2 || rng.next() % 5 == 0 {
      let mfaOnly = users.filter { $0.publicKeyPEM != nil && !$0.quorumRegistered }
      for _ in 0..<(1 + rng.next() % 2) {
        let pool = mfaOnly.isEmpty || rng.next() % 2 == 0 ? users : mfaOnly
        guard let anyone = pool.randomElement(using: &rng) else { break }
        approvers.append(.init(username: anyone.name, key: keyName(anyone) ?? anyKey(&rng)))
      }
    }
    // A repeated approver makes the whole file unreadable: keep one in eight.
    if rng.next() % 8 != 0 {
      var seen = Set<String>()
      approvers = approvers.filter { seen.insert($0.username.lowercased()).inserted }
    }
    var steps: [Trace.Step] = [step(session, .quorumGenerate(.init(service: .user, token: token)))]
    if !approvers.isEmpty { steps.append(.harness(.approve(file: token, approvers: approvers))) }
    if rng.next() % 10 == 0 { steps.append(.harness(.tamper(file: token))) }
    steps.append(step(session, approvedOperation(state, session, token, &rng)))
    if rng.next() % 4 == 0 {
      let other = rng.next() % 2 == 0 ? session : pickSession(state, loggedIn: true, &rng)
      steps.append(step(other, approvedOperation(state, other, token, &rng)))
    }
    return steps
  }

  private func approvedOperation(
    _ state: ClusterState, _ session: SessionID, _ token: String,
    _ rng: inout some RandomNumberGenerator
  ) -> Command {
    switch rng.next() % 3 {
    case 0:
      let names = ["qalice", "qbob", "carol", "Eve"]
      let name = rng.pick(names)
      let role: Role = rng.next() % 2 == 0 ? .cryptoUser : .admin
      return .userCreate(
        .init(username: name, role: role, password: newPassword(&rng), approval: token))
    case 1:
      let (name, role) = target(state, session, &rng)
      return .userDelete(.init(username: name, role: role, approval: token))
    default:
      let (name, role) = target(state, session, &rng)
      return .userChangePassword(
        .init(username: name, role: role, password: newPassword(&rng), approval: token))
    }
  }

  // MARK: Choices

  private func step(_ session: SessionID, _ command: Command, answers: [String] = [])
    -> Trace.Step
  {
    Trace.Step(session: session, command: command, answers: answers)
  }

  /// A logged-in session most of the time when `loggedIn`, a free one otherwise.
  private func pickSession(
    _ state: ClusterState, loggedIn: Bool, _ rng: inout some RandomNumberGenerator
  ) -> SessionID {
    let preferred = sessions.filter { (state.logins[$0] != nil) == loggedIn }
    let pool = preferred.isEmpty || rng.next() % 5 == 0 ? sessions : preferred
    return rng.pick(pool)
  }

  /// The session's own user half the time, otherwise any user (the wrong role one time in
  /// eight, as `CommandGenerator` does).
  private func target(
    _ state: ClusterState, _ session: SessionID, _ rng: inout some RandomNumberGenerator
  ) -> (String, Role) {
    let users = state.usersInListOrder
    let user: User? =
      rng.next() % 2 == 0
      ? state.loggedInUser(session) : users.isEmpty ? nil : rng.pick(users)
    guard let user else { return ("admin", .admin) }
    let role = user.role.cliRole
    if rng.next() % 8 == 0 { return (user.name, role == .admin ? .cryptoUser : .admin) }
    return (user.name, role)
  }

  private func anyKey(_ rng: inout some RandomNumberGenerator) -> String {
    rng.pick(Trace.keyNames)
  }

  /// `{sign KEY}`, now and then with a twist (a tampered token, or one token too few).
  private func signDirective(_ key: String, _ rng: inout some RandomNumberGenerator) -> String {
    switch rng.next() % 12 {
    case 0: "{sign \(key) tamper}"
    case 1: "{sign \(key) drop}"
    default: "{sign \(key)}"
    }
  }

  /// The key name of a user's registered public key (the model's keys are symbolic).
  private func keyName(_ user: User) -> String? {
    user.publicKeyPEM.flatMap(KeyRing.symbolicName(ofPublicKey:))
  }

  private func newPassword(_ rng: inout some RandomNumberGenerator) -> String {
    rng.next() % 10 == 0 ? "short" : "new-pw-\(rng.next() % 100)"
  }
}
