package import ReferenceModel

/// The account password policy: what UpdateAccountPasswordPolicy sets and new passwords obey.
///
/// Every field has the default that UpdateAccountPasswordPolicy gives it when the request omits
/// it ("does not support partial updates"); `maxPasswordAge`, `passwordReusePrevention` and
/// `hardExpiry` are `nil` when not set.
/// Spec: spec-digest.md §4.5 (ranges from botocore's service model, semantics from the IAM user
/// guide's account-policy page, IAM-POL-001, -002, -006).
package struct IAMPasswordPolicy: Hashable, Sendable {
  package var minimumPasswordLength = 6
  package var requireSymbols = false
  package var requireNumbers = false
  package var requireUppercaseCharacters = false
  package var requireLowercaseCharacters = false
  package var allowUsersToChangePassword = false
  package var maxPasswordAge: Int?
  package var passwordReusePrevention: Int?
  package var hardExpiry: Bool?

  package init() {}

  /// UpdateAccountPasswordPolicy's parameter names.
  package static let parameterNames = [
    "MinimumPasswordLength", "RequireSymbols", "RequireNumbers", "RequireUppercaseCharacters",
    "RequireLowercaseCharacters", "AllowUsersToChangePassword", "MaxPasswordAge",
    "PasswordReusePrevention", "HardExpiry",
  ]

  /// The 20 characters that count as symbols, exactly as the documents list them.
  package static let symbols: Set<Character> = Set("!@#$%^&*()_+-=[]{}|'")

  /// The policy as GetAccountPasswordPolicy shows it, for comparison (`HardExpiry` false when
  /// not set, as moto shows it; the documents do not say whether AWS omits it).
  package var comparable: JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("MinimumPasswordLength", .int(Int64(minimumPasswordLength))),
      ("RequireSymbols", .bool(requireSymbols)),
      ("RequireNumbers", .bool(requireNumbers)),
      ("RequireUppercaseCharacters", .bool(requireUppercaseCharacters)),
      ("RequireLowercaseCharacters", .bool(requireLowercaseCharacters)),
      ("AllowUsersToChangePassword", .bool(allowUsersToChangePassword)),
      ("ExpirePasswords", .bool((maxPasswordAge ?? 0) > 0)),
    ]
    if let maxPasswordAge { members.append(("MaxPasswordAge", .int(Int64(maxPasswordAge)))) }
    if let passwordReusePrevention {
      members.append(("PasswordReusePrevention", .int(Int64(passwordReusePrevention))))
    }
    members.append(("HardExpiry", .bool(hardExpiry ?? false)))
    return .object(members)
  }
}

/// The character classes the policies count.
///
/// Spec: spec-digest.md §4.5 (A–Z "ISO basic Latin", a–z, 0–9, the 20 symbols), §5 Q22.
enum PasswordCharacterClass: CaseIterable {
  case uppercase, lowercase, number, symbol

  func contains(_ character: Character) -> Bool {
    switch self {
    case .uppercase: ("A"..."Z").contains(character) && character.isASCII
    case .lowercase: ("a"..."z").contains(character) && character.isASCII
    case .number: ("0"..."9").contains(character) && character.isASCII
    case .symbol: IAMPasswordPolicy.symbols.contains(character)
    }
  }

  static func classes(in password: String) -> Set<PasswordCharacterClass> {
    Set(allCases.filter { kind in password.contains { kind.contains($0) } })
  }
}

extension IAMPasswordPolicy {
  /// The first rule a new password breaks, with a message, or `nil` when it complies.
  /// `history` holds the user's passwords, newest (the current one) first.
  func violation(_ password: String, history: [String]) -> (rule: RuleID, message: String)? {
    let length = password.unicodeScalars.count
    if length < minimumPasswordLength {
      return (
        .iamMinimumLength, "Password should have a minimum length of \(minimumPasswordLength)"
      )
    }
    let classes = PasswordCharacterClass.classes(in: password)
    if requireSymbols && !classes.contains(.symbol) {
      return (.iamRequireSymbols, "Password should have at least one symbol")
    }
    if requireNumbers && !classes.contains(.number) {
      return (.iamRequireNumbers, "Password should have at least one number")
    }
    if requireUppercaseCharacters && !classes.contains(.uppercase) {
      return (.iamRequireUppercase, "Password should have at least one uppercase letter")
    }
    if requireLowercaseCharacters && !classes.contains(.lowercase) {
      return (.iamRequireLowercase, "Password should have at least one lowercase letter")
    }
    if let count = passwordReusePrevention, history.prefix(count).contains(password) {
      return (.iamReusePrevention, "Password has been used in the last \(count) passwords")
    }
    return nil
  }

  /// IAM's default rules, used when the account has no policy: at least 8 characters and three
  /// of the four character classes.
  static func defaultViolation(_ password: String) -> (rule: RuleID, message: String)? {
    let classes = PasswordCharacterClass.classes(in: password)
    if password.unicodeScalars.count < 8 || classes.count < 3 {
      return (
        .iamDefaultPolicy,
        "Password should have a minimum length of 8 and three of: uppercase, lowercase, "
          + "numbers, symbols"
      )
    }
    return nil
  }
}
