import ReferenceModel

/// What must hold of an IAM account after every request, whatever the request.
///
/// - `userOrder` lists each user's key once, and each key is its user's lowercased name;
/// - a user has a login profile exactly when they have a current password, and at most 25
///   remembered passwords, each 1–128 characters;
/// - no access key ID belongs to two principals;
/// - a password policy's numbers are within their documented ranges.
/// Spec: house-style.md §5 (stateful property, invariants after every step); spec-digest.md
/// §4.1, §4.5.
extension IAMAccount {
  package func checkInvariants() -> [String] {
    var violations: [String] = []
    if Set(userOrder) != Set(users.keys) || Set(userOrder).count != userOrder.count {
      violations.append("userOrder \(userOrder) does not list the users \(users.keys.sorted())")
    }
    var keys = rootAccessKeys
    for (key, user) in users {
      if key != user.name.lowercased() { violations.append("user \(user.name) under key \(key)") }
      if user.hasLoginProfile == user.passwords.isEmpty {
        violations.append(
          "\(user.name): login profile \(user.hasLoginProfile), passwords \(user.passwords.count)")
      }
      if user.passwords.count > 25
        || user.passwords.contains(where: { !(1...128).contains($0.unicodeScalars.count) })
      {
        violations.append("\(user.name): a remembered password is out of bounds")
      }
      keys += user.accessKeys
    }
    if Set(keys).count != keys.count { violations.append("an access key has two owners") }
    if let policy = passwordPolicy {
      if !(6...128).contains(policy.minimumPasswordLength)
        || !(1...24).contains(policy.passwordReusePrevention ?? 1)
        || !(1...1095).contains(policy.maxPasswordAge ?? 1)
      {
        violations.append("password policy out of range: \(policy)")
      }
    }
    return violations
  }
}
