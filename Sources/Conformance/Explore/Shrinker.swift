import ReferenceModel

/// Shrinks a diverging trace to a small one that still diverges on the same rule.
///
/// Hypothesis-style passes, repeated until none makes progress or the budget runs out: cut
/// after the diverging step; delete chunks of steps (delta debugging, halving the chunk size);
/// merge sessions; continue a session's steps after a login or logout in another session
/// instead; register a quorum key by one MFA registration instead of three steps; merge users
/// (one user's commands given to another, such as the admin, so that the first user's creation
/// can go); simplify arguments (one username or password at a time, replaced everywhere, so
/// that the trace stays consistent).
/// Spec: issue #5 "shrinks it (drop steps, drop sessions, simplify arguments)".
package struct Shrinker {
  /// Whether a candidate still shows the divergence.
  package var stillDiverges: (Trace) -> Bool
  /// Most candidate evaluations (each one runs the SUT).
  package var budget: Int
  package private(set) var evaluations = 0

  package init(budget: Int = 400, stillDiverges: @escaping (Trace) -> Bool) {
    self.budget = budget
    self.stillDiverges = stillDiverges
  }

  /// The smallest trace found that still diverges.
  package mutating func shrink(_ trace: Trace, divergingStep: Int) -> Trace {
    var best = Trace(steps: Array(trace.steps.prefix(divergingStep)))
    var progress = true
    while progress && evaluations < budget {
      progress = false
      progress = deleteChunks(&best) || progress
      progress = mergeSessions(&best) || progress
      progress = continueElsewhere(&best) || progress
      progress = registerWithMFA(&best) || progress
      progress = mergeUsers(&best) || progress
      progress = simplifyNames(&best) || progress
      progress = simplifyPasswords(&best) || progress
      progress = unifyPasswords(&best) || progress
    }
    return best
  }

  private mutating func accept(_ candidate: Trace, into best: inout Trace) -> Bool {
    guard evaluations < budget, candidate != best else { return false }
    evaluations += 1
    guard stillDiverges(candidate) else { return false }
    best = candidate
    return true
  }

  private mutating func deleteChunks(_ best: inout Trace) -> Bool {
    var progress = false
    var size = max(1, best.steps.count / 2)
    while size >= 1 && evaluations < budget {
      var start = 0
      while start < best.steps.count && evaluations < budget {
        var candidate = best
        candidate.steps.removeSubrange(start..<min(start + size, best.steps.count))
        if !candidate.steps.isEmpty, accept(candidate, into: &best) {
          progress = true
        } else {
          start += size
        }
      }
      if size == 1 { break }
      size /= 2
    }
    return progress
  }

  private mutating func mergeSessions(_ best: inout Trace) -> Bool {
    var progress = false
    // The `[harness]` pseudo-session is not a session: a command moved there would print as a
    // `[harness]` line that is not a token action.
    var sessions: [SessionID] = []
    for step in best.steps
    where step.session != Scenario.harnessSession && !sessions.contains(step.session) {
      sessions.append(step.session)
    }
    for (index, session) in sessions.enumerated().dropFirst() {
      for target in sessions[..<index] {
        var candidate = best
        for i in candidate.steps.indices where candidate.steps[i].session == session {
          candidate.steps[i].session = target
        }
        if accept(candidate, into: &best) {
          progress = true
          break
        }
      }
    }
    return progress
  }

  /// Drops a session's login or logout by giving the steps that follow it in that session to
  /// another session, one of the trace's or a new one: the steps it served may do as well in
  /// a session that is logged in or out already. Two failed logins before an admin's reset
  /// and three after it, in the admin's session logged out for them, become five failed
  /// logins in the other session, without the logout.
  private mutating func continueElsewhere(_ best: inout Trace) -> Bool {
    var progress = false
    var index = 0
    while index < best.steps.count && evaluations < budget {
      let session = best.steps[index].session
      switch best.steps[index].command {
      case .login?, .logout?: break
      default:
        index += 1
        continue
      }
      let following = best.steps.indices.filter { $0 > index && best.steps[$0].session == session }
      guard !following.isEmpty else {
        index += 1
        continue
      }
      var sessions: [SessionID] = []
      for step in best.steps
      where step.session != Scenario.harnessSession && !sessions.contains(step.session) {
        sessions.append(step.session)
      }
      var fresh = sessions.count
      while sessions.contains(SessionID("s\(fresh)")) { fresh += 1 }
      sessions.append(SessionID("s\(fresh)"))
      var moved = false
      for target in sessions where target != session {
        var candidate = best
        for i in following { candidate.steps[i].session = target }
        candidate.steps.remove(at: index)
        if accept(candidate, into: &best) {
          moved = true
          break
        }
      }
      progress = progress || moved
      if !moved { index += 1 }
    }
    return progress
  }

  /// Replaces a quorum-key registration (generate a registration token, sign it, register the
  /// key: three steps) by one `user change-mfa token-sign` of the session's user with the same
  /// signing key and answered public key, which registers that key for quorum approvals too
  /// (HSM-MFA-004): a reproducer that needs keyed admins needs one step per admin, not three.
  /// The session's user is the one its last login before the registration names, and the MFA
  /// registration "changes" its password to the one it logged in with.
  private mutating func registerWithMFA(_ best: inout Trace) -> Bool {
    for (index, step) in best.steps.enumerated() {
      guard case .quorumRegister(let register)? = step.command else { continue }
      let before = best.steps[..<index]
      guard
        let login = before.last(where: {
          if case .login? = $0.command { return $0.session == step.session }
          return false
        }),
        case .login(let user)? = login.command, let password = user.password,
        let signing = before.lastIndex(where: {
          if case .sign(register.signedToken?, _, _)? = $0.action { return true }
          return false
        }),
        case .sign(_, let key, let twist)? = best.steps[signing].action
      else { continue }
      let generate = before.lastIndex(where: {
        $0.session == step.session
          && $0.command
            == .quorumGenerate(.init(service: .registration, token: register.signedToken))
      })
      let directive = "{sign " + key + (twist.map { " " + $0.rawValue } ?? "") + "}"
      var candidate = best
      candidate.steps[index] = Trace.Step(
        session: step.session,
        command: .userChangeMFA(
          .init(
            username: user.username, role: user.role, password: password,
            token: register.signedToken)),
        answers: [directive, register.publicKey])
      for removed in [signing, generate].compactMap({ $0 }).sorted(by: >) {
        candidate.steps.remove(at: removed)
      }
      if accept(candidate, into: &best) { return true }
    }
    return false
  }

  /// Gives every step that names one user to another user of the trace, with the other's role
  /// (the admin's, or the role it was created with): a reproducer that locks out a crypto user
  /// may do as well with the admin, and then needs no `user create`.
  private mutating func mergeUsers(_ best: inout Trace) -> Bool {
    var names: [String] = []
    for step in best.steps {
      for name in step.usernames where !names.contains(name) { names.append(name) }
    }
    for name in names {
      for target in names where target != name {
        guard let role = best.role(of: target) else { continue }
        var candidate = best
        for i in candidate.steps.indices where candidate.steps[i].usernames.contains(name) {
          candidate.steps[i].rename(name, to: target)
          candidate.steps[i].command = candidate.steps[i].command?.withRole(role, for: target)
        }
        if accept(candidate, into: &best) { return true }
      }
    }
    return false
  }

  private mutating func simplifyNames(_ best: inout Trace) -> Bool {
    var progress = false
    let names = Set(best.steps.flatMap(\.usernames))
    var fresh = 1
    for name in names.sorted() where !name.hasPrefix("u") || name.count > 2 {
      while names.contains("u\(fresh)") { fresh += 1 }
      let replacement = "u\(fresh)"
      var candidate = best
      for i in candidate.steps.indices { candidate.steps[i].rename(name, to: replacement) }
      if accept(candidate, into: &best) { progress = true }
      fresh += 1
    }
    return progress
  }

  /// Replaces one password by another everywhere, so that a step that only changed a
  /// password (and the logins that needed the new one) can go in the next deletion pass.
  private mutating func unifyPasswords(_ best: inout Trace) -> Bool {
    let passwords = Array(Set(best.steps.compactMap { $0.command?.password })).sorted()
    for (index, keep) in passwords.enumerated() {
      for drop in passwords[(index + 1)...]
      where drop.unicodeScalars.count == keep.unicodeScalars.count
        || (8...32).contains(drop.unicodeScalars.count)
          == (8...32).contains(keep.unicodeScalars.count)
      {
        var candidate = best
        for i in candidate.steps.indices {
          candidate.steps[i].command = candidate.steps[i].command?.replacingPassword(
            drop, with: keep)
        }
        if accept(candidate, into: &best) { return true }
      }
    }
    return false
  }

  private mutating func simplifyPasswords(_ best: inout Trace) -> Bool {
    var progress = false
    let passwords = Set(best.steps.compactMap { $0.command?.password })
    for (index, password) in passwords.sorted().enumerated() {
      let length = password.unicodeScalars.count
      let digits = String(index)
      let simple = String(String(repeating: "p", count: max(0, length - digits.count)) + digits)
        .suffix(length)
      guard simple != password, !passwords.contains(String(simple)) else { continue }
      var candidate = best
      for i in candidate.steps.indices {
        candidate.steps[i].command = candidate.steps[i].command?.replacingPassword(
          password, with: String(simple))
      }
      if accept(candidate, into: &best) { progress = true }
    }
    return progress
  }
}

extension Command {
  /// The `--username` of the command, if it has one.
  var username: String? {
    switch self {
    case .login(let c): c.username
    case .userCreate(let c): c.username
    case .userDelete(let c): c.username
    case .userChangePassword(let c): c.username
    case .userChangeMFA(let c): c.username
    case .clusterActivate, .logout, .userList, .quorumRegister, .quorumGenerate,
      .quorumListValues, .quorumSetValue:
      nil
    }
  }

  /// The password the command carries, if any.
  var password: String? {
    switch self {
    case .login(let c): c.password
    case .userCreate(let c): c.password
    case .userChangePassword(let c): c.password
    case .clusterActivate(let password): password
    case .userChangeMFA(let c): c.password
    case .userDelete, .logout, .userList, .quorumRegister, .quorumGenerate, .quorumListValues,
      .quorumSetValue:
      nil
    }
  }

  func renaming(_ name: String, to replacement: String) -> Command {
    updatingUser(name) { username, _ in username = replacement }
  }

  /// The command with `role` when it names `username` (the command's own `--role`).
  func withRole(_ role: Role, for username: String) -> Command {
    updatingUser(username) { _, current in current = role }
  }

  /// The command with its `--username` and `--role` changed by `change`, when it names
  /// `username`; otherwise the command as it is.
  private func updatingUser(_ username: String, _ change: (inout String, inout Role) -> Void)
    -> Command
  {
    switch self {
    case .login(var c) where c.username == username:
      change(&c.username, &c.role)
      return .login(c)
    case .userCreate(var c) where c.username == username:
      change(&c.username, &c.role)
      return .userCreate(c)
    case .userDelete(var c) where c.username == username:
      change(&c.username, &c.role)
      return .userDelete(c)
    case .userChangePassword(var c) where c.username == username:
      change(&c.username, &c.role)
      return .userChangePassword(c)
    case .userChangeMFA(var c) where c.username == username:
      change(&c.username, &c.role)
      return .userChangeMFA(c)
    default: return self
    }
  }

  func replacingPassword(_ password: String, with replacement: String) -> Command {
    switch self {
    case .login(var c) where c.password == password:
      c.password = replacement
      return .login(c)
    case .userCreate(var c) where c.password == password:
      c.password = replacement
      return .userCreate(c)
    case .userChangePassword(var c) where c.password == password:
      c.password = replacement
      return .userChangePassword(c)
    case .userChangeMFA(var c) where c.password == password:
      c.password = replacement
      return .userChangeMFA(c)
    case .clusterActivate(let current?) where current == password:
      return .clusterActivate(password: replacement)
    default: return self
    }
  }
}

extension Trace {
  /// The role `username` has in the trace: the admin's for `admin` (in any case), else the
  /// role of the first `user create` of that name; nil if the trace does not create it.
  func role(of username: String) -> Role? {
    if username.lowercased() == "admin" { return .admin }
    for step in steps {
      if case .userCreate(let create)? = step.command, create.username == username {
        return create.role
      }
    }
    return nil
  }
}

extension Trace.Step {
  /// The usernames the step names: its command's, or the approvers of a `[harness]` approve.
  var usernames: [String] {
    if case .approve(_, let approvers)? = action { return approvers.map(\.username) }
    return command?.username.map { [$0] } ?? []
  }

  /// Renames a user in the command or among the approvers.
  mutating func rename(_ name: String, to replacement: String) {
    command = command?.renaming(name, to: replacement)
    if case .approve(let file, var approvers)? = action {
      for i in approvers.indices where approvers[i].username == name {
        approvers[i].username = replacement
      }
      action = .approve(file: file, approvers: approvers)
    }
  }
}
