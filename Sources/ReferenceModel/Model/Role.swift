/// The kind of an HSM user, as `user list` shows it.
///
/// Only `admin` and `crypto-user` can be named on the command line (`--role`); the unactivated
/// admin and the appliance user exist on every new cluster and are never created by a command.
/// Spec: cloudhsm-cli-managing-hsm-users.md "Understanding HSM users"; spec-digest.md §2.0.
package enum Role: Hashable, Sendable, CaseIterable {
  case admin
  case cryptoUser
  case unactivatedAdmin
  case applianceUser

  /// The exact string of the `role` field in `user list` and in command answers.
  package var wireName: String {
    switch self {
    case .admin: "admin"
    case .cryptoUser: "crypto-user"
    case .unactivatedAdmin: "unactivated-admin"
    case .applianceUser: "internal(APPLIANCE_USER)"
    }
  }

  /// The `--role` value that names a user of this role: `crypto-user` for a crypto user,
  /// `admin` otherwise (the unactivated admin and the appliance user log in as admins).
  package var cliRole: Role { self == .cryptoUser ? .cryptoUser : .admin }

  /// The roles that `--role` accepts, in the order the CLI's help lists them.
  package static let selectable: [Role] = [.cryptoUser, .admin]

  /// The role named by a `--role` value; `nil` for anything else (role values are case-sensitive).
  package init?(cliValue: String) {
    switch cliValue {
    case "admin": self = .admin
    case "crypto-user": self = .cryptoUser
    default: return nil
    }
  }
}
