/// A question the CLI asks when a command lacks an option, and which option the answer fills.
///
/// Spec: spec-digest.md §2.0 "Password rules" (HSM-PW-004): `Enter password:` then, for a new
/// password, `Confirm password:`.
package enum Prompt: String, Hashable, Sendable {
  case enterPassword = "Enter password:"
  case confirmPassword = "Confirm password:"
  /// Asked after a token-sign command wrote its unsigned token file (empty answer: same file).
  case signedTokenPath =
    "Enter signed token file path (press enter if same as the unsigned token file):"
  /// Asked by `user change-mfa token-sign --token` after the signed token file.
  case publicKeyPath = "Enter public key PEM file path:"
}

extension Command {
  /// The questions this command asks before it runs, in order (empty when nothing is missing).
  package var prompts: [Prompt] {
    switch self {
    case .login(let login) where login.password == nil: [.enterPassword]
    case .clusterActivate(nil): [.enterPassword, .confirmPassword]
    case .userCreate(let create) where create.password == nil: [.enterPassword, .confirmPassword]
    case .userChangePassword(let change) where change.password == nil:
      [.enterPassword, .confirmPassword]
    case .userChangeMFA(let change) where change.password == nil:
      [.enterPassword, .confirmPassword]
    default: []
    }
  }

  /// The command with its prompts answered, or the refusal when the confirmation differs
  /// (HSM-PW-006). Missing answers leave the password missing, which the model refuses
  /// (HSM-PW-005).
  package func answering(_ answers: [String]) -> Result<Command, Rejection> {
    let prompts = self.prompts
    guard !prompts.isEmpty, let password = answers.first else { return .success(self) }
    if prompts.count > 1 {
      guard answers.count > 1 else { return .success(self) }
      guard answers[1] == password else { return .failure(.passwordMismatch) }
    }
    switch self {
    case .login(var login):
      login.password = password
      return .success(.login(login))
    case .clusterActivate: return .success(.clusterActivate(password: password))
    case .userCreate(var create):
      create.password = password
      return .success(.userCreate(create))
    case .userChangePassword(var change):
      change.password = password
      return .success(.userChangePassword(change))
    case .userChangeMFA(var change):
      change.password = password
      return .success(.userChangeMFA(change))
    default: return .success(self)
    }
  }
}
