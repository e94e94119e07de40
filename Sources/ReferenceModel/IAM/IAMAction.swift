import ReferenceModel

/// The IAM Query API actions the model knows: what the scenarios arrange and what they test.
///
/// Each action lists the request parameters it takes (the names as the Query API spells them),
/// so that a scenario step or an HTTP request naming another one is caught.
/// Spec: sut-contract.md §3 (the admin arranges users, login profiles, access keys, permission
/// policies and the account password policy); spec-digest.md §4.1, §4.5.
package enum IAMAction: String, CaseIterable, Hashable, Sendable {
  case createUser = "CreateUser"
  case deleteUser = "DeleteUser"
  case getUser = "GetUser"
  case createLoginProfile = "CreateLoginProfile"
  case deleteLoginProfile = "DeleteLoginProfile"
  case createAccessKey = "CreateAccessKey"
  case deleteAccessKey = "DeleteAccessKey"
  case putUserPolicy = "PutUserPolicy"
  case deleteUserPolicy = "DeleteUserPolicy"
  case updateAccountPasswordPolicy = "UpdateAccountPasswordPolicy"
  case getAccountPasswordPolicy = "GetAccountPasswordPolicy"
  case deleteAccountPasswordPolicy = "DeleteAccountPasswordPolicy"
  case changePassword = "ChangePassword"

  /// The parameters the action takes, in the order the API reference lists them.
  package var parameters: [String] {
    switch self {
    case .createUser: ["UserName", "Path"]
    case .deleteUser, .getUser, .deleteLoginProfile, .createAccessKey: ["UserName"]
    case .createLoginProfile: ["UserName", "Password", "PasswordResetRequired"]
    case .deleteAccessKey: ["UserName", "AccessKeyId"]
    case .putUserPolicy: ["UserName", "PolicyName", "PolicyDocument"]
    case .deleteUserPolicy: ["UserName", "PolicyName"]
    case .updateAccountPasswordPolicy: IAMPasswordPolicy.parameterNames
    case .getAccountPasswordPolicy, .deleteAccountPasswordPolicy: []
    case .changePassword: ["OldPassword", "NewPassword"]
    }
  }

  /// The IAM action name a permission policy uses, such as `iam:ChangePassword`.
  package var permission: String { "iam:" + rawValue }
}
