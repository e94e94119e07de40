/// What one line typed at the `aws-cloudhsm > ` prompt means.
///
/// A line is a command for the model, a request for help text, `quit`, or nothing at all (a
/// blank line, which the CLI answers with a new prompt and no JSON).
/// Spec: spec-digest.md §2.0 "Modes".
package enum CommandLineInput: Hashable, Sendable {
  case command(Command)
  case help(HelpTopic)
  case quit
  case empty
}

/// A command or command group whose help text the CLI can print.
///
/// `help user create`, `user create --help` and `user create -h` all name `.userCreate`.
/// Spec: cloudhsm-cli-user-change-mfa.md "Syntax" (the clap help layout).
package enum HelpTopic: String, Hashable, Sendable, CaseIterable {
  case root = ""
  case cluster = "cluster"
  case clusterActivate = "cluster activate"
  case login = "login"
  case logout = "logout"
  case user = "user"
  case userCreate = "user create"
  case userDelete = "user delete"
  case userList = "user list"
  case userChangePassword = "user change-password"
  case loginMFATokenSign = "login mfa-token-sign"
  case userChangeMFA = "user change-mfa"
  case userChangeMFATokenSign = "user change-mfa token-sign"
  case userChangeQuorum = "user change-quorum"
  case userChangeQuorumTokenSign = "user change-quorum token-sign"
  case quorumRegister = "user change-quorum token-sign register"
  case quorum = "quorum"
  case quorumTokenSign = "quorum token-sign"
  case quorumGenerate = "quorum token-sign generate"
  case quorumListValues = "quorum token-sign list-quorum-values"
  case quorumSetValue = "quorum token-sign set-quorum-value"
}
