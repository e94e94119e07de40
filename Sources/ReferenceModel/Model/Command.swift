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

  /// `login --username U --role R [--password P]`.
  package struct Login: Hashable, Sendable {
    package var username: String
    package var role: Role
    package var password: String?
    package init(username: String, role: Role, password: String? = nil) {
      self.username = username
      self.role = role
      self.password = password
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
    }
  }
}
