/// One typed CloudHSM CLI command, as the parser produces it and the model applies it.
///
/// Passwords are optional because the CLI prompts for an omitted one; the model itself is not
/// interactive and rejects a command whose password is still missing (rule HSM-PW-006).
/// Spec: spec-digest.md §2.1–§2.7, §2.11.
package enum Command: Hashable, Sendable {
  case clusterActivate(password: String?)
  case login(Login)
  case logout
  case userCreate(UserCreate)
  case userDelete(UserDelete)
  case userList
  case userChangePassword(UserChangePassword)
  case userChangeMFA(UserChangeMFA)
  case quorumRegister(QuorumRegister)
  case quorumGenerate(QuorumGenerate)
  case quorumListValues
  case quorumSetValue(QuorumSetValue)

  /// `login --username U --role R [--password P] [mfa-token-sign --token FILE]`.
  package struct Login: Hashable, Sendable {
    package var username: String
    package var role: Role
    package var password: String?
    /// With `mfa-token-sign --token FILE`: where the unsigned MFA tokens are written.
    package var mfaToken: String?
    package init(username: String, role: Role, password: String? = nil, mfaToken: String? = nil) {
      self.username = username
      self.role = role
      self.password = password
      self.mfaToken = mfaToken
    }
  }

  /// `user change-mfa token-sign --username U --role R [--change-password P]
  /// <--token FILE | --deregister> [--approval FILE] [--change-quorum]`.
  package struct UserChangeMFA: Hashable, Sendable {
    package var username: String
    package var role: Role
    /// The user's new password (`--change-password`); prompted for when absent.
    package var password: String?
    /// Where the unsigned registration tokens are written; `nil` with `--deregister`.
    package var token: String?
    package var approval: String?
    package var changeQuorum: Bool
    package init(
      username: String, role: Role, password: String? = nil, token: String?,
      approval: String? = nil, changeQuorum: Bool = false
    ) {
      self.username = username
      self.role = role
      self.password = password
      self.token = token
      self.approval = approval
      self.changeQuorum = changeQuorum
    }
    /// Whether this is `--deregister` (no `--token`).
    package var deregisters: Bool { token == nil }
  }

  /// `user change-quorum token-sign register --public-key PEM --signed-token FILE`.
  package struct QuorumRegister: Hashable, Sendable {
    package var publicKey: String
    package var signedToken: String
    package init(publicKey: String, signedToken: String) {
      self.publicKey = publicKey
      self.signedToken = signedToken
    }
  }

  /// `quorum token-sign generate --service S --token FILE`.
  package struct QuorumGenerate: Hashable, Sendable {
    package var service: QuorumService
    package var token: String
    package init(service: QuorumService, token: String) {
      self.service = service
      self.token = token
    }
  }

  /// `quorum token-sign set-quorum-value --service S --value N [--approval FILE]`.
  package struct QuorumSetValue: Hashable, Sendable {
    package var service: QuorumService
    package var value: Int
    package var approval: String?
    package init(service: QuorumService, value: Int, approval: String? = nil) {
      self.service = service
      self.value = value
      self.approval = approval
    }
  }

  /// `user create --username U --role R [--password P] [--approval FILE]`.
  package struct UserCreate: Hashable, Sendable {
    package var username: String
    package var role: Role
    package var password: String?
    package var approval: String?
    package init(username: String, role: Role, password: String? = nil, approval: String? = nil) {
      self.username = username
      self.role = role
      self.password = password
      self.approval = approval
    }
  }

  /// `user delete --username U --role R [--approval FILE]`.
  package struct UserDelete: Hashable, Sendable {
    package var username: String
    package var role: Role
    package var approval: String?
    package init(username: String, role: Role, approval: String? = nil) {
      self.username = username
      self.role = role
      self.approval = approval
    }
  }

  /// `user change-password --username U --role R [--password P] [--approval FILE]
  /// [--deregister-mfa] [--deregister-quorum]`.
  package struct UserChangePassword: Hashable, Sendable {
    package var username: String
    package var role: Role
    package var password: String?
    package var approval: String?
    package var deregisterMFA: Bool
    package var deregisterQuorum: Bool
    package init(
      username: String, role: Role, password: String? = nil, approval: String? = nil,
      deregisterMFA: Bool = false, deregisterQuorum: Bool = false
    ) {
      self.username = username
      self.role = role
      self.password = password
      self.approval = approval
      self.deregisterMFA = deregisterMFA
      self.deregisterQuorum = deregisterQuorum
    }
  }

  /// The `--approval` quorum token file, if the command has one.
  package var approval: String? {
    switch self {
    case .userCreate(let create): create.approval
    case .userDelete(let delete): delete.approval
    case .userChangePassword(let change): change.approval
    case .userChangeMFA(let change): change.approval
    case .quorumSetValue(let set): set.approval
    default: nil
    }
  }

  /// A file a command reads before it runs, and what it should hold.
  package struct InputFile: Hashable, Sendable {
    package enum Kind: Hashable, Sendable {
      /// A token file (JSON).
      case token
      /// A PEM public key (text).
      case publicKey
    }
    package var path: String
    package var kind: Kind
  }

  /// The files the command reads before it runs (`--approval`, `--public-key`,
  /// `--signed-token`): the caller reads them and hands their contents to the model.
  package var inputFiles: [InputFile] {
    if case .quorumRegister(let register) = self {
      return [
        InputFile(path: register.publicKey, kind: .publicKey),
        InputFile(path: register.signedToken, kind: .token),
      ]
    }
    return approval.map { [InputFile(path: $0, kind: .token)] } ?? []
  }

  /// The command's name as typed, e.g. `user change-password`; used in reports and dedup keys.
  package var name: String {
    switch self {
    case .clusterActivate: "cluster activate"
    case .login: "login"
    case .logout: "logout"
    case .userCreate: "user create"
    case .userDelete: "user delete"
    case .userList: "user list"
    case .userChangePassword: "user change-password"
    case .userChangeMFA: "user change-mfa token-sign"
    case .quorumRegister: "user change-quorum token-sign register"
    case .quorumGenerate: "quorum token-sign generate"
    case .quorumListValues: "quorum token-sign list-quorum-values"
    case .quorumSetValue: "quorum token-sign set-quorum-value"
    }
  }
}
