import ReferenceModel

/// ChangePassword: an IAM user changes their own console password.
///
/// The first failing check decides, in this order (IAM-ORDER-001): caller type, authorization,
/// parameters, login profile, temporarily unmodifiable name, old password, rate limit, password
/// policy.
/// Spec: aws-cli-iam-change-password.rst; iam-user-change-own-password.md; spec-digest.md §4.1,
/// §4.2, §4.4, §4.5, §5 Q19–Q23.
extension IAMAccount {
  mutating func changePassword(_ request: IAMRequest, caller: IAMPrincipal, now: IAMInstant)
    -> IAMOutcome
  {
    var outcome = changePasswordChecks(request, caller: caller, now: now)
    if case .user(let name) = caller, let user = user(name), outcome.rule != .iamRootCannotChange,
      case .allowed(let grant) = authorize(caller, .changePassword, resource: userARN(user.name))
    {
      outcome.grant = grant ?? .iamIdentityPolicyGrants
    }
    return outcome
  }

  private mutating func changePasswordChecks(
    _ request: IAMRequest, caller: IAMPrincipal, now: IAMInstant
  ) -> IAMOutcome {
    guard case .user(let name) = caller, let user = user(name) else {
      return .rejected(
        .invalidUserType, "Only IAM users can change their own password.", .iamRootCannotChange)
    }
    let grant: RuleID?
    switch authorize(caller, .changePassword, resource: userARN(user.name)) {
    case .denied(let rule, let message): return .rejected(.accessDenied, message, rule)
    case .allowed(let rule): grant = rule
    }
    for parameter in ["OldPassword", "NewPassword"] {
      if let problem = IAMParameters.password(request[parameter], name: parameter) {
        return .rejected(
          .validationError, problem, .iamPasswordParameters, codeRule: .iamValidationErrorCode)
      }
    }
    let old = request["OldPassword"] ?? ""
    let new = request["NewPassword"] ?? ""
    guard user.hasLoginProfile, let current = user.passwords.first else {
      return .rejected(
        .noSuchEntity, "Login profile for \(user.name) not found", .iamNoLoginProfile)
    }
    if let recreated = user.recreatedAt,
      now.seconds - recreated.seconds < configuration.temporarilyUnmodifiableSeconds
    {
      return .rejected(
        .entityTemporarilyUnmodifiable,
        "User \(user.name) was deleted and created again; try again in a few minutes",
        .iamTemporarilyUnmodifiable)
    }
    guard old == current else {
      return .rejected(
        .accessDenied, "The old password is incorrect", .iamOldPasswordMustMatch,
        codeRule: .iamWrongOldPasswordCode)
    }
    let window = now.seconds - configuration.passwordChangeWindowSeconds
    if user.passwordChanges.filter({ $0.seconds > window }).count
      >= configuration.passwordChangeLimit
    {
      return .rejected(
        .limitExceeded, "Password changed too many times; try again later",
        .iamPasswordChangeLimit)
    }
    if let (rule, message) = policyViolation(new, history: user.passwords) {
      return .rejected(.passwordPolicyViolation, message, rule)
    }
    var changed = user
    changed.passwords = Array(([new] + user.passwords).prefix(25))
    changed.passwordChanges.append(now)
    users[user.name.lowercased()] = changed
    return .accepted(.empty, successRule(grant: grant, old: old, new: new))
  }

  /// The first rule `password` breaks: the account policy's, or IAM's default rules when no
  /// policy is set and they are enforced.
  func policyViolation(_ password: String, history: [String]) -> (RuleID, String)? {
    if let passwordPolicy {
      return passwordPolicy.violation(password, history: history).map { ($0.rule, $0.message) }
    }
    guard configuration.defaultPolicyEnforced else { return nil }
    return IAMPasswordPolicy.defaultViolation(password).map { ($0.rule, $0.message) }
  }

  /// The rule a successful change is attributed to: the most specific rule that let it through.
  private func successRule(grant: RuleID?, old: String, new: String) -> RuleID {
    if policyViolation(old, history: []) != nil { return .iamPolicyNotRetroactive }
    if old == new { return .iamSamePasswordAllowed }
    return grant ?? .iamChangePasswordSucceeds
  }

}
