extension ClusterState {
  /// Applies one command in one session and returns what the CLI would answer.
  ///
  /// Every path names the rule that decided it; rejections leave the state unchanged apart
  /// from the failed-login count and lock (HSM-LOGIN-004, HSM-LOCK-001).
  ///
  /// Token-sign commands get no answers and no files here, so they fail on their files; use
  /// `begin` and `complete` to run them with files and answers.
  package mutating func apply(_ command: Command, in session: SessionID) -> Outcome {
    applyWithoutAnswers(command, in: session)
  }

  /// The commands that read no files and ask nothing after their password prompts.
  mutating func applyBasic(_ command: Command, in session: SessionID) -> Outcome {
    switch command {
    case .clusterActivate(let password): activate(password: password, in: session)
    case .login(let login): self.login(login, in: session)
    case .logout: logout(in: session)
    case .userCreate(let create): createUser(create, in: session)
    case .userDelete(let delete): deleteUser(delete, in: session)
    case .userList:
      configuration.mutant == .listNeedsLogin && logins[session] == nil
        ? .rejected(.notLoggedIn, .listNeedsNoLogin) : .accepted(userListData, .listNeedsNoLogin)
    case .userChangePassword(let change): changePassword(change, in: session)
    case .userChangeMFA, .quorumRegister, .quorumGenerate, .quorumListValues, .quorumSetValue:
      applyWithoutAnswers(command, in: session)
    }
  }

  /// The `data` of `user list` (HSM-LIST-002).
  package var userListData: JSONValue {
    let entries = usersInListOrder.map(\.listEntry)
    guard configuration.mutant == .lockedAsBoolean else {
      return .object([("users", .array(entries))])
    }
    return .object([
      (
        "users",
        .array(
          entries.map { entry in
            guard case .object(let pairs) = entry else { return entry }
            return .object(
              pairs.map { $0.key == "locked" ? ($0.key, .bool($0.value == "true")) : $0 })
          })
      )
    ])
  }

  /// The `{"username": …, "role": …}` answer of login, create, delete and change-password.
  static func userData(_ name: String, _ role: Role) -> JSONValue {
    .object([("username", .string(name)), ("role", .string(role.wireName))])
  }
}

extension User {
  /// This user's entry in `user list`, keys in the documented order (HSM-LIST-002).
  package var listEntry: JSONValue {
    let enabled: JSONValue = .array([
      .object([("strategy", .string("token-sign")), ("status", .string("enabled"))])
    ])
    return .object([
      ("username", .string(name)),
      ("role", .string(role.wireName)),
      ("locked", .string(locked ? "true" : "false")),
      ("mfa", mfaRegistered ? enabled : .array([])),
      ("quorum", quorumRegistered ? enabled : .array([])),
      ("cluster-coverage", .string("full")),
    ])
  }
}
