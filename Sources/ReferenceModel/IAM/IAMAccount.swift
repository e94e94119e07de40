import ReferenceModel

/// One AWS account's IAM state, as a value: users, their credentials and policies, and the
/// account password policy.
///
/// The state machine of the IAM profile, in the house style's NIO manner:
/// `apply(_:as:at:)` takes one request from one principal at one instant and returns the
/// outcome, naming the rule that decided it. Access key IDs are handed out from a counter (the
/// secrets belong to whoever serves the model, not to it).
/// Spec: sut-contract.md §3; spec-digest.md §4; rule IDs `IAM-…` in `RuleCatalogue.iam`.
package struct IAMAccount: Hashable, Sendable {
  package var configuration: IAMConfiguration
  /// Users by lowercased name (IAM user names are unique regardless of case).
  package var users: [String: IAMUser] = [:]
  /// Creation order of the users' keys in `users`, for deterministic listings.
  package var userOrder: [String] = []
  package var passwordPolicy: IAMPasswordPolicy?
  /// When each deleted user name (lowercased) was last deleted.
  package var deletedAt: [String: IAMInstant] = [:]
  /// The root user's access key IDs.
  package var rootAccessKeys: [String]
  package var nextAccessKeyNumber = 1

  package init(
    configuration: IAMConfiguration = IAMConfiguration(), rootAccessKeys: [String] = []
  ) {
    self.configuration = configuration
    self.rootAccessKeys = rootAccessKeys
  }

  /// The user with this name, in any letter case.
  package func user(_ name: String) -> IAMUser? { users[name.lowercased()] }

  /// Who owns an access key ID, if anyone.
  package func principal(forAccessKey id: String) -> IAMPrincipal? {
    if rootAccessKeys.contains(id) { return .root }
    for key in userOrder {
      if let user = users[key], user.accessKeys.contains(id) { return .user(user.name) }
    }
    return nil
  }

  /// Applies one request signed by `caller` at `now`.
  package mutating func apply(
    _ request: IAMRequest, as caller: IAMPrincipal, at now: IAMInstant = .origin
  ) -> IAMOutcome {
    switch request.action {
    case .changePassword: changePassword(request, caller: caller, now: now)
    case .createUser: createUser(request, caller: caller, now: now)
    case .deleteUser: deleteUser(request, caller: caller, now: now)
    case .getUser: getUser(request, caller: caller)
    case .createLoginProfile: createLoginProfile(request, caller: caller)
    case .deleteLoginProfile, .deleteAccessKey, .deleteUserPolicy:
      deleteAttachment(request, caller: caller)
    case .createAccessKey: createAccessKey(request, caller: caller)
    case .putUserPolicy: putUserPolicy(request, caller: caller)
    case .updateAccountPasswordPolicy: updatePasswordPolicy(request, caller: caller)
    case .getAccountPasswordPolicy, .deleteAccountPasswordPolicy:
      accountPasswordPolicy(request, caller: caller)
    }
  }

  /// The resource ARN of a user-scoped action on `name` (which may not exist yet).
  func userARN(_ name: String, path: String? = nil) -> String {
    let path = path ?? user(name)?.path ?? "/"
    return "arn:aws:iam::\(configuration.accountID):user\(path)\(name)"
  }

  /// The user name of `caller`, or `nil` for root.
  func name(of caller: IAMPrincipal) -> String? {
    if case .user(let name) = caller { return name }
    return nil
  }
}
