import ReferenceModel

/// Authorization: whether a principal may perform an action on a resource.
///
/// Root may do everything. An IAM user needs an `Allow` from one of their inline policies whose
/// action and resource patterns match (`${aws:username}` in a resource is the caller's name);
/// the account policy's `AllowUsersToChangePassword` also lets every user change their own
/// password and read the account password policy; an explicit `Deny` wins over both.
/// Spec: iam-user-change-own-password.md "Permissions Required"; spec-digest.md §4.4
/// IAM-CHPW-004, -005; §5 Q21.
extension IAMAccount {
  /// The result of authorization: allowed (with the rule that granted it, when it is worth
  /// naming) or denied (with the deciding rule and message).
  enum Authorization: Hashable {
    case allowed(grant: RuleID?)
    case denied(rule: RuleID, message: String)
  }

  func authorize(_ caller: IAMPrincipal, _ action: IAMAction, resource: String) -> Authorization {
    guard case .user(let name) = caller, let user = user(name) else {
      return .allowed(grant: nil)
    }
    let statements = user.policies.flatMap(\.document.statements)
    let denied =
      "User: \(user.arn(account: configuration.accountID)) is not authorized to "
      + "perform: \(action.permission) on resource: \(resource)"
    func matches(_ statement: IAMPolicyDocument.Statement, _ arn: String) -> Bool {
      statement.actions.contains {
        PolicyPattern.matches($0, action.permission, ignoringCase: true)
      }
        && statement.resources.contains {
          PolicyPattern.matches(
            $0.replacingVariable("${aws:username}", with: user.name), arn, ignoringCase: false)
        }
    }
    if statements.contains(where: { !$0.allows && matches($0, resource) }) {
      return .denied(rule: .iamExplicitDenyWins, message: denied + " with an explicit deny")
    }
    if let allow = statements.first(where: { $0.allows && matches($0, resource) }) {
      let specific = !allow.resources.contains("*")
      return .allowed(grant: specific ? .iamIdentityPolicyGrants : nil)
    }
    let ownARN = user.arn(account: configuration.accountID)
    if passwordPolicy?.allowUsersToChangePassword == true,
      (action == .changePassword && resource == ownARN) || action == .getAccountPasswordPolicy
    {
      return .allowed(grant: .iamAccountSettingGrants)
    }
    // A pathed user whom a `user/${aws:username}`-style statement would match without the path.
    let pathless = "arn:aws:iam::\(configuration.accountID):user/\(user.name)"
    if user.path != "/", resource == ownARN,
      statements.contains(where: { $0.allows && matches($0, pathless) })
    {
      return .denied(rule: .iamPathedUserResource, message: denied)
    }
    return .denied(rule: .iamIdentityPolicyGrants, message: denied)
  }
}

extension String {
  /// The string with every occurrence of `variable` replaced (no Foundation here).
  func replacingVariable(_ variable: String, with value: String) -> String {
    guard !variable.isEmpty else { return self }
    var result = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: variable) {
      result += rest[..<range.lowerBound] + value
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}
