/// Generates random multi-session command sequences, biased towards the interesting.
///
/// It reads the cluster's state (never changes it) to pick existing users, their real
/// passwords and roles most of the time, and near-misses the rest of the time: names in the
/// wrong case, at and over the length limit, with a hyphen; passwords at 7, 8, 32 and 33
/// characters; the wrong role; other sessions' users. Randomness comes from the caller.
/// Spec: issue "seeded property test" and "harness bench model".
package struct CommandGenerator: Sendable {
  package var sessions: [SessionID]

  package init(sessionCount: Int = 3) {
    self.sessions = (0..<max(1, sessionCount)).map { SessionID("s\($0)") }
  }

  /// Names new users are created with: valid, at the limit, and near-misses.
  static let candidateNames = [
    "alice", "bob", "carol", "dave", "Eve", "crypto_user_1", String(repeating: "n", count: 31),
    String(repeating: "m", count: 32), "bad-name", "", "ALICE", "admin", "app_user",
  ]

  /// The next session and command to apply to `state`.
  package func next(_ state: ClusterState, using rng: inout some RandomNumberGenerator) -> (
    SessionID, Command
  ) {
    var session = rng.pick(sessions)
    let roll = rng.next() % 100
    if (4..<30).contains(roll), state.logins[session] != nil,
      let free = sessions.first(where: { state.logins[$0] == nil }), rng.next() % 4 != 0
    {
      session = free  // a login is more interesting where it can succeed or count a failure
    }
    let command: Command
    switch roll {
    case 0..<4: command = .clusterActivate(password: password(&rng))
    case 4..<30: command = .login(login(state, &rng))
    case 30..<40: command = .logout
    case 40..<58:
      command = .userCreate(
        .init(username: rng.pick(Self.candidateNames), role: role(&rng), password: password(&rng))
      )
    case 58..<68:
      let (name, role) = target(state, &rng)
      command = .userDelete(.init(username: name, role: role))
    case 68..<78: command = .userList
    default:
      let own = state.loggedInUser(session)
      let (name, role) =
        own != nil && rng.next() % 2 == 0
        ? (own?.name ?? "", own?.role.cliRole ?? .admin)
        : target(state, &rng)
      command = .userChangePassword(.init(username: name, role: role, password: password(&rng)))
    }
    return (session, command)
  }

  private func login(_ state: ClusterState, _ rng: inout some RandomNumberGenerator)
    -> Command.Login
  {
    // Half the time, keep failing against a user who has failures already: lockout is reached.
    if rng.next() % 2 == 0,
      let failing = state.usersInListOrder.first(where: { $0.failedLogins > 0 && !$0.locked })
    {
      return Command.Login(
        username: failing.name, role: failing.role.cliRole, password: failing.password + "x")
    }
    let (name, role) = target(state, &rng)
    let stored = state.users[Identifiers.lowercasedASCII(name)]
    let password: String
    switch rng.next() % 10 {
    case 0..<7: password = stored?.password ?? "password"
    case 7: password = (stored?.password ?? "password").uppercased()
    default: password = self.password(&rng) ?? ""
    }
    return Command.Login(username: name, role: role.cliRole, password: password)
  }

  /// An existing user most of the time (sometimes in another case or with the wrong role).
  private func target(_ state: ClusterState, _ rng: inout some RandomNumberGenerator) -> (
    String, Role
  ) {
    let users = state.usersInListOrder
    guard rng.next() % 10 < 8, !users.isEmpty else {
      return (rng.pick(Self.candidateNames), role(&rng))
    }
    let user = rng.pick(users)
    let name = rng.next() % 5 == 0 ? user.name.uppercased() : user.name
    return (name, rng.next() % 8 == 0 ? role(&rng) : user.role.cliRole)
  }

  private func role(_ rng: inout some RandomNumberGenerator) -> Role {
    rng.next() % 2 == 0 ? .admin : .cryptoUser
  }

  private static let passwordLengths = [8, 8, 9, 12, 16, 32, 7, 33, 0]
  private static let passwordAlphabet = Array(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#%_-=+".unicodeScalars)

  /// A password, mostly of valid length, sometimes one character short or long, or missing.
  private func password(_ rng: inout some RandomNumberGenerator) -> String? {
    if rng.next() % 50 == 0 { return nil }
    let length = rng.pick(Self.passwordLengths)
    var scalars = String.UnicodeScalarView()
    for _ in 0..<length { scalars.append(rng.pick(Self.passwordAlphabet)) }
    return String(scalars)
  }
}
