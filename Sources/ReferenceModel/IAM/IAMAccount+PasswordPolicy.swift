import ReferenceModel

/// The account password policy actions: UpdateAccountPasswordPolicy, GetAccountPasswordPolicy
/// and DeleteAccountPasswordPolicy.
///
/// Spec: spec-digest.md §4.5 (ranges, defaults, "does not support partial updates"); botocore's
/// service model (NoSuchEntity when no policy is set).
extension IAMAccount {
  mutating func updatePasswordPolicy(_ request: IAMRequest, caller: IAMPrincipal) -> IAMOutcome {
    var policy = IAMPasswordPolicy()
    let integers: [(String, ClosedRange<Int>, WritableKeyPath<IAMPasswordPolicy, Int?>)] = [
      ("MaxPasswordAge", 1...1095, \.maxPasswordAge),
      ("PasswordReusePrevention", 1...24, \.passwordReusePrevention),
    ]
    guard let minimum = IAMParameters.integer(request["MinimumPasswordLength"], in: 6...128)
    else { return rangeError("MinimumPasswordLength", "6", "128") }
    policy.minimumPasswordLength = minimum ?? 6
    for (name, range, path) in integers {
      guard let value = IAMParameters.integer(request[name], in: range) else {
        return rangeError(name, String(range.lowerBound), String(range.upperBound))
      }
      policy[keyPath: path] = value
    }
    let booleans: [(String, WritableKeyPath<IAMPasswordPolicy, Bool>)] = [
      ("RequireSymbols", \.requireSymbols), ("RequireNumbers", \.requireNumbers),
      ("RequireUppercaseCharacters", \.requireUppercaseCharacters),
      ("RequireLowercaseCharacters", \.requireLowercaseCharacters),
      ("AllowUsersToChangePassword", \.allowUsersToChangePassword),
    ]
    for (name, path) in booleans {
      guard let value = IAMParameters.boolean(request[name]) else { return booleanError(name) }
      policy[keyPath: path] = value ?? false
    }
    guard let hardExpiry = IAMParameters.boolean(request["HardExpiry"]) else {
      return booleanError("HardExpiry")
    }
    policy.hardExpiry = hardExpiry
    if case .denied(let rule, let message) = authorize(caller, request.action, resource: "*") {
      return .rejected(.accessDenied, message, rule)
    }
    passwordPolicy = policy
    return .accepted(.empty, .iamPolicyNoPartialUpdate)
  }

  /// GetAccountPasswordPolicy and DeleteAccountPasswordPolicy.
  mutating func accountPasswordPolicy(_ request: IAMRequest, caller: IAMPrincipal) -> IAMOutcome {
    if case .denied(let rule, let message) = authorize(caller, request.action, resource: "*") {
      return .rejected(.accessDenied, message, rule)
    }
    guard let policy = passwordPolicy else {
      return .rejected(
        .noSuchEntity,
        "The Password Policy with domain name \(configuration.accountID) cannot be found.",
        .iamNoPolicy)
    }
    if request.action == .deleteAccountPasswordPolicy {
      passwordPolicy = nil
      return .accepted(.empty, .iamNoPolicy)
    }
    return .accepted(.passwordPolicy(policy), .iamPolicyNoPartialUpdate)
  }

  private func rangeError(_ name: String, _ low: String, _ high: String) -> IAMOutcome {
    .rejected(
      .validationError,
      "Value at '\(name)' failed to satisfy constraint: Member must have value between \(low) "
        + "and \(high)", .iamPolicyRanges, codeRule: .iamValidationErrorCode)
  }

  private func booleanError(_ name: String) -> IAMOutcome {
    .rejected(
      .validationError, "Value at '\(name)' must be true or false", .iamPolicyRanges,
      codeRule: .iamValidationErrorCode)
  }
}
