/// A property of `ClusterState` that no sequence of commands may break, and how it broke.
///
/// Checked after every step of the stateful property test and of the model fuzz target, as
/// Hypothesis checks `@invariant`s.
/// Spec: the rules they follow from are named in each check's message.
package struct InvariantViolation: Hashable, Sendable, CustomStringConvertible {
  package var invariant: String
  package var detail: String
  package var description: String { "\(invariant): \(detail)" }
}

extension ClusterState {
  /// Every invariant the model promises, as a list of violations (empty when all hold):
  /// 1. user keys are canonical: each key equals its user's name, lowercase (HSM-NAME-003);
  /// 2. every created user's name is 1–31 letters, digits or underscores (HSM-NAME-001/002/004);
  /// 3. `app_user` always exists with the appliance role, and no other user has it (HSM-ACT-001);
  /// 4. the cluster is unactivated exactly while `admin` has the unactivated role, and no other
  ///    user ever has that role (HSM-ACT-001/002);
  /// 5. every logged-in session is logged in as an existing user, never as `app_user`
  ///    (HSM-DELETE-002, HSM-LOGIN-008), and before activation only as the unactivated admin;
  /// 6. a user is locked exactly when its failed-login count has reached the threshold, and the
  ///    count never exceeds it (HSM-LOCK-001/002);
  /// 7. every created user's password satisfies the length rule (HSM-PW-001);
  /// 8. the user count is within the limit and creation indices are distinct (HSM-CREATE-004);
  /// 9. token state: a user with an MFA or quorum registration has a public key (HSM-MFA-004/006,
  ///    HSM-QREG-003); every quorum value is within its documented range (HSM-QUORUM-001); every
  ///    issued token belongs to a session still logged in as the user it was issued to
  ///    (HSM-QUORUM-009), at most one per user and service (HSM-QUORUM-005).
  package func checkInvariants() -> [InvariantViolation] {
    var violations: [InvariantViolation] = []
    func fail(_ invariant: String, _ detail: String) {
      violations.append(InvariantViolation(invariant: invariant, detail: detail))
    }
    var indices = Set<Int>()
    for (key, user) in users {
      if key != user.name || Identifiers.lowercasedASCII(user.name) != user.name {
        fail("canonical-names", "key \(key) holds user \(user.name)")
      }
      if !indices.insert(user.creationIndex).inserted {
        fail("user-limit", "creation index \(user.creationIndex) repeats")
      }
      checkUser(user, fail)
    }
    if users[ModelConfiguration.applianceUserName]?.role != .applianceUser {
      fail("appliance-user", "app_user is missing or has another role")
    }
    let unactivated = users[ModelConfiguration.adminName]?.role == .unactivatedAdmin
    if unactivated == isActivated {
      fail("activation", "activated=\(isActivated) but unactivated admin present=\(unactivated)")
    }
    for (session, name) in logins {
      guard let user = users[name] else {
        fail("sessions", "session \(session) is logged in as missing user \(name)")
        continue
      }
      if user.role == .applianceUser || (!isActivated && user.role != .unactivatedAdmin) {
        fail("sessions", "session \(session) is logged in as \(name) (\(user.role.wireName))")
      }
    }
    if users.count > configuration.maximumUsers {
      fail("user-limit", "\(users.count) users exceed \(configuration.maximumUsers)")
    }
    checkTokenState(fail)
    return violations
  }

  private func checkTokenState(_ fail: (String, String) -> Void) {
    for (service, value) in quorumValues where !Self.quorumValueRange.contains(value) {
      fail("quorum-values", "\(service.wireName) has quorum value \(value)")
    }
    var issued = Set<String>()
    for token in issuedTokens {
      if logins[token.session] != token.username {
        fail(
          "issued-tokens",
          "a \(token.service.wireName) token of \(token.username) outlived its login in "
            + "\(token.session)")
      }
      if !issued.insert(token.username + "/" + token.service.wireName).inserted {
        fail("issued-tokens", "\(token.username) holds two \(token.service.wireName) tokens")
      }
    }
  }

  private func checkUser(_ user: User, _ fail: (String, String) -> Void) {
    if user.role == .applianceUser && user.name != ModelConfiguration.applianceUserName {
      fail("appliance-user", "\(user.name) has the appliance role")
    }
    if user.role == .unactivatedAdmin && user.name != ModelConfiguration.adminName {
      fail("activation", "\(user.name) has the unactivated-admin role")
    }
    let builtIn = user.creationIndex == 0 || user.creationIndex == Int.max
    if !builtIn {
      let validName =
        !user.name.isEmpty && user.name.utf8.count <= ModelConfiguration.maximumUsernameLength
        && user.name.utf8.allSatisfy(Identifiers.isUsernameByte)
      if !validName { fail("valid-names", "stored username '\(user.name)' is invalid") }
    }
    let length = user.password.unicodeScalars.count
    if user.role != .applianceUser && user.role != .unactivatedAdmin
      && !(configuration.minimumPasswordLength...configuration.maximumPasswordLength)
        .contains(length)
    {
      fail("password-length", "\(user.name) has a password of \(length) characters")
    }
    if (user.mfaRegistered || user.quorumRegistered) && user.publicKeyPEM == nil {
      fail(
        "registered-keys",
        "\(user.name) is registered (mfa=\(user.mfaRegistered), quorum=\(user.quorumRegistered))"
          + " without a key")
    }
    if user.locked != (user.failedLogins >= configuration.lockoutThreshold)
      || user.failedLogins > configuration.lockoutThreshold
    {
      fail("lockout", "\(user.name): locked=\(user.locked), failures=\(user.failedLogins)")
    }
  }
}
