/// Why the model refused a command, with the data its message needs.
///
/// CloudHSM CLI documents `error_code` 1 for every failure and publishes almost no message
/// texts, so the messages here are the project's own (compared only at the strict level); the
/// one documented text is kept verbatim.
/// Spec: spec-digest.md §2.0 "Complete list of verbatim error data strings", §5 Q16.
package enum Rejection: Error, Hashable, Sendable {
  case usage(CommandLineError)
  case clusterNotActivated
  case clusterAlreadyActivated
  case notLoggedIn
  case alreadyLoggedIn(String)
  case permissionDenied(command: String, role: Role)
  case invalidUsername(String, reason: String)
  case invalidPassword(length: Int, minimum: Int, maximum: Int)
  case passwordRequired
  case passwordMismatch
  case userNotFound(String, role: Role)
  case userAlreadyExists(String)
  case userLimitReached(Int)
  case userLoggedIn(String)
  case userLocked(String)
  case wrongPassword
  case applianceUserNotAllowed
  case noTokenPending
  case mfaRequired(String)
  case mfaNotRegistered(String)
  case tokenRejected(String)
  case quorumKeyWouldChange(String)
  case quorumNotEnabled(String)
  case tokenAlreadyIssued(String)
  case quorumValueOutOfRange(Int)
  case approvalRequired(String, Int)
  case approvalRejected(String)
  case tooFewApprovals(Int, Int)

  /// The one documented message of a refusal the model makes: `user create` and `user delete`
  /// without `--approval` while the user service's quorum value is above 1 (spec-digest §2.0,
  /// HSM-CREATE-005; the other commands that need an approval say the same here, inferred).
  package static let quorumApprovalRequiredText = "Quorum approval is required for this operation"

  /// The envelope's `error_code`: always 1, as every documented failure shows.
  package var errorCode: Int { 1 }

  /// The envelope's `data` string.
  package var message: String {
    switch self {
    case .usage(let error): error.message
    case .clusterNotActivated: "The cluster is not activated"
    case .clusterAlreadyActivated: "The cluster is already activated"
    case .notLoggedIn: "You must be logged in to run this command"
    case .alreadyLoggedIn(let user): "This session is already logged in as \(user)"
    case .permissionDenied(let command, let role):
      "A user with role \(role.wireName) cannot run \(command) on this user"
    case .invalidUsername(let name, let reason): "Invalid username '\(name)': \(reason)"
    case .invalidPassword(let length, let minimum, let maximum):
      "Invalid password length \(length): must be \(minimum) to \(maximum) characters"
    case .passwordRequired: "A password is required"
    case .passwordMismatch: "The passwords do not match"
    case .userNotFound(let name, let role): "User \(name) with role \(role.wireName) not found"
    case .userAlreadyExists(let name): "User \(name) already exists"
    case .userLimitReached(let limit): "The cluster already holds the maximum of \(limit) users"
    case .userLoggedIn(let name): "User \(name) is currently logged in"
    case .userLocked(let name): "User \(name) is locked"
    case .wrongPassword: "Login failed: incorrect username, role or password"
    case .applianceUserNotAllowed: "The appliance user cannot be used from CloudHSM CLI"
    case .noTokenPending: "No token-sign command is waiting for a signed token"
    case .mfaRequired(let name): "User \(name) has MFA registered: log in with mfa-token-sign"
    case .mfaNotRegistered(let name): "User \(name) has no MFA registered"
    case .tokenRejected(let reason): "Token rejected: \(reason)"
    case .quorumKeyWouldChange(let name):
      "User \(name) has a quorum key: use --change-quorum to replace it with the MFA key"
    case .quorumNotEnabled(let service):
      "The \(service) service's quorum value is 1: no token is needed"
    case .tokenAlreadyIssued(let service):
      "This user already has an active token for the \(service) service"
    case .quorumValueOutOfRange(let value): "Invalid quorum value \(value): must be 1 to 8"
    case .approvalRequired: Self.quorumApprovalRequiredText
    case .approvalRejected(let reason): "Approval rejected: \(reason)"
    case .tooFewApprovals(let have, let need): "Approval has \(have) valid approvals of \(need)"
    }
  }
}
